"""A scripted person for channel tests: answers each agent turn by its ``expecting`` kind, like the
eval runner does (see ../shared/evals/README.md), preferring the quick replies the agent offered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EXPERIENCES = [
    "I worked 2 years as a cashier in a supermarket. I took payments, closed the till at night and helped customers find products.",
    "On weekends I coach the under-12 football team at my local club.",
]
DETAILS = ["I also trained the new cashiers and did the stock rotation on the fresh shelves."]
NO_MORE = "no, that's all"
# A plan shows only courses relevant to its target; the demo catalog (Coursera: IT, data, business)
# has some for this job and none for a cashier's own job.
TARGET_WITH_COURSES = "data analyst"
ACCEPT_WORDS = ("all", "tout", "yes", "oui", "keep", "garder", "confirm")


@dataclass
class ScriptedUser:
    language: str = "en"
    share_with: set[str] = field(default_factory=lambda: {"coach"})
    experiences: list[str] = field(default_factory=lambda: list(EXPERIENCES))
    details: list[str] = field(default_factory=lambda: list(DETAILS))
    target: str | None = None  # the move to explore, by name; None takes the first one offered

    def answer(self, reply: dict[str, Any]) -> tuple[str, int | None]:
        """The text to send, and the index of the quick reply it came from (None when typed)."""
        kind = reply["expecting"]
        quick = reply.get("quick_replies") or []
        if kind == "start":
            return "hi, I'm looking for a job", None
        if kind == "language":
            return self._pick(quick, (self.language, "english" if self.language == "en" else "français"), self.language)
        if kind == "processing_consent":
            return self._pick(quick, ("yes", "oui", "agree", "accept"), "yes")
        if kind == "experience":
            return (self.experiences.pop(0), None) if self.experiences else (NO_MORE, None)
        if kind == "experience_detail":
            return (self.details.pop(0), None) if self.details else (NO_MORE, None)
        if kind == "skill_confirmation":
            return self._pick(quick, ACCEPT_WORDS, "yes, all of them")
        if kind == "interests":
            return "I like working with people, and sport", None
        if kind == "preferences":
            return "full time, close to Lyon, a short training is fine", None
        if kind == "target_choice":
            if self.target:  # named once, offered or not
                target, self.target = self.target, None
                return self._pick(quick, (target.lower(),), target)
            if quick:
                return quick[0]["value"], 0
            return "the first one", None
        if kind == "share_consent":
            recipient = (reply.get("expecting_context") or {}).get("recipient_kind")
            wanted = ("yes", "oui", "accept", "agree") if recipient in self.share_with else ("no", "non", "refuse", "decline")
            return self._pick(quick, wanted, "yes" if recipient in self.share_with else "no")
        return self._pick(quick, ("continue", "continuer", "next", "suivant"), NO_MORE)

    @staticmethod
    def _pick(quick: list[dict[str, Any]], words: tuple[str, ...], fallback: str) -> tuple[str, int | None]:
        for index, option in enumerate(quick):
            text = f"{option['label']} {option['value']}".lower()
            if any(word in text.split() or text.startswith(word) for word in words):
                return option["value"], index
        return fallback, None
