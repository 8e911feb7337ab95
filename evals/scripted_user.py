"""The scripted user: answers the agent by the ``expecting`` kind of each turn, as the eval README
says, and sends the case's interjections at their turn (``after``) or kind (``on`` / ``nth``)."""

from __future__ import annotations

from agent.reply import AgentReply
from evals.cases import EvalCase, Interjection, SkillAnswer, SkillSay

KEEP_ALL_VALUES = ("all", "validate all")
NONE_VALUES = ("none",)


class ScriptedUser:
    def __init__(self, case: EvalCase):
        self.case = case
        self.spec = case.user
        self.experiences = list(self.spec.experiences)
        self.details = list(self.spec.details)
        self.free = list(self.spec.free)
        self.pending: list[Interjection] = list(self.spec.interjections)
        self.seen_since: dict[str, int] = {}  # expecting kind -> times seen since the last interjection
        self.said = 0  # free-text skill confirmations typed so far (``skill_confirmation.say``)
        self.said_on: set[str] = set()  # the skills on screen when the last ``say`` was typed: shown again, answered as ``then``

    # -- interjections ------------------------------------------------------------------------
    def interjection(self, turn: int, reply: AgentReply) -> str | None:
        """The interjection due at agent turn ``turn`` (1-based), if any; it is then consumed."""
        kind = reply.expecting.value
        self.seen_since[kind] = self.seen_since.get(kind, 0) + 1
        for item in self.pending:
            if item.after is not None and item.after == turn:
                return self._consume(item)
        # An ``on`` interjection is due once every earlier one was sent (it heads the queue).
        if self.pending and self.pending[0].after is None:
            first = self.pending[0]
            if first.on == kind and self.seen_since.get(kind, 0) >= first.nth:
                return self._consume(first)
        return None

    def _consume(self, item: Interjection) -> str:
        self.pending.remove(item)
        self.seen_since = {}
        return item.text

    def leftovers(self) -> list[str]:
        texts = [i.text for i in self.pending]
        self.pending = []
        return texts

    # -- answers by kind ----------------------------------------------------------------------
    def answer(self, reply: AgentReply) -> str:
        kind = reply.expecting.value
        if kind == "skill_confirmation":
            return self._skills(reply)
        return self._answer(reply, kind)

    def _answer(self, reply: AgentReply, kind: str) -> str:
        spec = self.spec
        if kind == "start":
            return spec.greeting
        if kind == "language":
            return self.case.language
        if kind == "processing_consent":
            return spec.processing_consent
        if kind == "experience":
            return self.experiences.pop(0) if self.experiences else self.case.no_more
        if kind == "experience_detail":
            return self.details.pop(0) if self.details else self.case.no_more
        if kind == "skill_confirmation":
            return self._skills(reply)
        if kind == "interests":
            return spec.interests or self.case.no_more
        if kind == "preferences":
            return spec.preferences or self.case.no_more
        if kind == "target_choice":
            return self._target(reply)
        if kind == "share_consent":
            recipient = str(reply.expecting_context.get("recipient_kind", ""))
            return spec.consent.get(recipient, spec.consent.get("default", "non" if self.case.language == "fr" else "no"))
        return self.free.pop(0) if self.free else self.case.no_more

    def _skills(self, reply: AgentReply) -> str:
        choice = self.spec.skill_confirmation
        if isinstance(choice, SkillSay):
            on_screen = {str(c.data.get("uri") or c.title) for c in reply.cards if c.kind == "skill"}
            same = bool(self.said_on) and (not on_screen or on_screen <= self.said_on)
            if not same and self.said < len(choice.say):
                self.said += 1
                self.said_on = on_screen
                return choice.say[self.said - 1]
            return self._skills_as(reply, choice.then)
        return self._skills_as(reply, choice)

    def _skills_as(self, reply: AgentReply, choice) -> str:
        if choice == "accept_all":
            return _value(reply, KEEP_ALL_VALUES) or ("oui" if self.case.language == "fr" else "yes")
        if choice == "reject_all":
            return _value(reply, NONE_VALUES) or ("non" if self.case.language == "fr" else "no")
        assert isinstance(choice, SkillAnswer)
        offered = [c.title for c in reply.cards if c.kind == "skill"]
        accept = [a.lower() for a in choice.accept]
        reject = [r.lower() for r in choice.reject]
        for label in offered:
            low = label.lower()
            drop = any(r in low for r in reject) or (accept and not reject and not any(a in low for a in accept))
            if drop:
                for q in reply.quick_replies:
                    if label.lower() in q.label.lower() and q.value not in KEEP_ALL_VALUES + NONE_VALUES:
                        return q.value
        return _value(reply, KEEP_ALL_VALUES) or ("oui" if self.case.language == "fr" else "yes")

    def _target(self, reply: AgentReply) -> str:
        target = (self.spec.target or "first").strip()
        options = [q for q in reply.quick_replies if q.value != "other"]
        if target.lower() == "first":
            return options[0].value if options else self.case.no_more
        for q in options:
            if target.lower() in q.label.lower():
                return q.value
        return target  # not offered: the person names it


def _value(reply: AgentReply, values: tuple[str, ...]) -> str | None:
    for q in reply.quick_replies:
        if q.value in values:
            return q.value
    return None
