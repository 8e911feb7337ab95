"""``orient chat``: talk to the agent in the terminal. Quick replies are numbered: type the number
to pick one. At a skill list the items themselves are numbered, so a number there means that skill,
as in the web chat ("2", "remove 2", "not 3"); the quick replies are then lettered (type the
letter to pick one). ``--conversation ID`` resumes a conversation (it survives restarts).

    orient chat
    orient chat --conversation cli-1a2b3c --counsellor
"""

from __future__ import annotations

import argparse
import secrets
import string
import textwrap

from channels.settings import Settings

# Steps whose text numbers its own items: a typed number there is read by the agent, not a button.
NUMBERED_ITEMS = frozenset({"skill_confirmation"})


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("chat", help="chat with the agent in the terminal")
    parser.add_argument("--conversation", help="conversation id to resume (default: a new one)")
    parser.add_argument("--counsellor", action="store_true", help="counsellor-guided mode (skills validated by you)")
    parser.add_argument("--persona", choices=["high_school", "jobseeker", "employee"], help="who is chatting")
    parser.set_defaults(func=run)


def _keys(reply) -> list[str]:
    """What the person types to pick each quick reply: numbers, or letters where numbers name items."""
    if str(reply.expecting) in NUMBERED_ITEMS:
        return [string.ascii_lowercase[i] for i in range(min(len(reply.quick_replies), 26))]
    return [str(i) for i in range(1, len(reply.quick_replies) + 1)]


def render(reply) -> str:
    lines = [textwrap.fill(p, 100) if len(p) > 100 else p for p in reply.text.split("\n")]
    for card in reply.cards:
        if card.kind in ("notice", "receipt", "export"):
            lines.append(f"  [{card.kind}] {card.title}")
    for key, q in zip(_keys(reply), reply.quick_replies):
        lines.append(f"  {key}) {q.label}")
    return "\n".join(lines)


def message_for(reply, text: str) -> str:
    """The message to send for what was typed: a quick reply's value when its key was typed alone,
    otherwise the text as typed (a bare number at a skill list is the skill's number)."""
    keys = _keys(reply)
    if text.lower() in keys:
        return reply.quick_replies[keys.index(text.lower())].value
    return text


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
        reply = agent.reply(conversation, message_for(reply, text), channel=channel, hints=hints)
        if reply.finished and reply.phase == "erased":
            print(f"Orient: {render(reply)}")
            return 0
