"""``orient chat``: talk to the agent in the terminal. Quick replies are numbered: type the number
to pick one. ``--conversation ID`` resumes a conversation (it survives restarts).

    orient chat
    orient chat --conversation cli-1a2b3c --counsellor
"""

from __future__ import annotations

import argparse
import secrets
import textwrap

from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("chat", help="chat with the agent in the terminal")
    parser.add_argument("--conversation", help="conversation id to resume (default: a new one)")
    parser.add_argument("--counsellor", action="store_true", help="counsellor-guided mode (skills validated by you)")
    parser.add_argument("--persona", choices=["high_school", "jobseeker", "employee"], help="who is chatting")
    parser.set_defaults(func=run)


def render(reply) -> str:
    lines = [textwrap.fill(p, 100) if len(p) > 100 else p for p in reply.text.split("\n")]
    for card in reply.cards:
        if card.kind in ("notice", "receipt", "export"):
            lines.append(f"  [{card.kind}] {card.title}")
    for i, q in enumerate(reply.quick_replies, 1):
        lines.append(f"  {i}) {q.label}")
    return "\n".join(lines)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    services = Services(settings)
    agent = services.agent
    conversation = args.conversation or f"cli-{secrets.token_hex(6)}"
    channel = "counsellor" if args.counsellor else "cli"
    hints = {"persona": args.persona} if args.persona else None
    print(f"(conversation {conversation}; Ctrl-D to leave, resume with --conversation {conversation})\n")
    reply = agent.reply(conversation, None, channel=channel, hints=hints)
    while True:
        print(f"Orient: {render(reply)}\n")
        try:
            text = input("> ").strip()
        except EOFError:
            print()
            return 0
        if text.isdigit() and 1 <= int(text) <= len(reply.quick_replies):
            text = reply.quick_replies[int(text) - 1].value
        reply = agent.reply(conversation, text, channel=channel, hints=hints)
        if reply.finished and reply.phase == "erased":
            print(f"Orient: {render(reply)}")
            return 0
