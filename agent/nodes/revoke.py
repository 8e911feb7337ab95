"""'Withdraw my consent': withdraws exactly the consents of the recipients the person names ("withdraw
my consent for Demo Employer" leaves the coach's consent alone), by name or by kind ("the employer",
"le conseiller"); every granted consent when they name none. Receipts are issued, then back to the
current question. A counsellor's guided session can never withdraw for the person."""

from __future__ import annotations

import re

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.consent_notices import display_name
from agent.context import AgentContext
from agent.language import normalise
from agent.messages import say
from agent.node_commands import back_to_phase
from agent.person_acts import from_counsellor
from agent.ports import ConsentLedger
from agent.state import AgentState
from tools.consent.models import ConsentStatus, Recipient, RecipientKind

# words that name a kind of recipient, English and French
KIND_WORDS: dict[RecipientKind, re.Pattern[str]] = {
    RecipientKind.coach: re.compile(r"\bcoachs?\b"),
    RecipientKind.counsellor: re.compile(r"\b(counsel+or|counselor|counsellors|conseill(er|ere|eres|ers)|orientation|guidance)\b"),
    RecipientKind.training_provider: re.compile(r"\b(training|trainings|formations?|organismes?|institute|provider|school|ecole)\b"),
    RecipientKind.employer: re.compile(r"\b(employers?|employeurs?|entreprises?|company|boss|patron|recruteurs?|recruiters?)\b"),
    RecipientKind.statistics: re.compile(r"\b(statistics|statistiques?|stats|observatory|observatoire)\b"),
}
# words of a recipient's name that do not tell it apart from the others
_NAME_NOISE = {"demo", "ltd", "inc", "sa", "sas", "the", "le", "la", "les", "de", "du", "des", "and", "et", "of", "career"}


def revoke(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    if from_counsellor(state):
        return back_to_phase(state, say("revoke_person_only", lang))
    if ctx.consents is None:
        return back_to_phase(state, say("revoke_none", lang))
    person = state["conversation_id"]
    named = recipients_named(state.get("message") or "", ctx.consents.recipients.list())
    if not named:
        revoked = ctx.consents.revoke_all(person)
    else:
        granted = {c.recipient_id for c in ctx.consents.list(person, ConsentStatus.granted)}
        revoked = [c for rid in named if rid in granted for c in ctx.consents.revoke_all(person, recipient_id=rid)]
        if not revoked and granted:
            given = sorted({_name(ctx.consents, rid, lang) for rid in granted})
            names = sorted({_name(ctx.consents, rid, lang) for rid in named})
            return back_to_phase(state, say("revoke_not_found", lang, names=", ".join(names), given=", ".join(given)))
    if not revoked:
        return back_to_phase(state, say("revoke_none", lang))
    names = sorted({_name(ctx.consents, c.recipient_id, lang) for c in revoked})
    return back_to_phase(state, say("revoke_done", lang, names=", ".join(names)))


def _name(consents: ConsentLedger, recipient_id: str, lang: str) -> str:
    recipient = consents.recipient(recipient_id)
    return display_name(recipient.name, str(recipient.kind), recipient.demo, lang)


def recipients_named(text: str, recipients: list[Recipient]) -> list[str]:
    """The ids of the recipients ``text`` names: by a word of their name that tells them apart, or
    by their kind ("the employer", "mon conseiller"); empty when it names none."""
    t = normalise(text)
    words = set(re.findall(r"[a-z0-9]+", t))
    counts: dict[str, int] = {}
    tokens: dict[str, set[str]] = {}
    for recipient in recipients:
        name = re.sub(r"\(.*?\)", " ", normalise(recipient.name))
        tokens[recipient.id] = {w for w in re.findall(r"[a-z0-9]+", name) if len(w) > 2 and w not in _NAME_NOISE}
        for w in tokens[recipient.id]:
            counts[w] = counts.get(w, 0) + 1
    out: list[str] = []
    for recipient in recipients:
        distinctive = {w for w in tokens[recipient.id] if counts[w] == 1}
        by_name = bool(distinctive & words) or (len(recipient.name) > 3 and normalise(recipient.name) in t)
        by_kind = bool(KIND_WORDS[recipient.kind].search(t))
        if by_name or by_kind:
            out.append(recipient.id)
    return out
