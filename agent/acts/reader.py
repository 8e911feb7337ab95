"""``ActReader``: a message, read in the context of what the agent just asked and showed
(:class:`ReadContext`), becomes typed acts.

Offline (the default): the message is cut into sentences; a sentence that IS a conversation
request (erase, export, switch language...) becomes that request, every other sentence is
content, so a request inside an experience is handled in addition and the experience is never
dropped. The content is then read against the question on screen: skill edits at a skill
confirmation, a yes or no, "that's all", a correction, a change of target, a question about the
advice, chit-chat, or an answer. Rules decide where they are sure; the trained classifier
(:mod:`agent.acts.classifier`) reads short sentences the rules leave open.

With an LLM configured, :mod:`agent.acts.llm_reader` reads the same acts by a structured-output
call, grounded against the same context, and this offline reading is the fallback."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from agent.acts import requests as rules
from agent.acts.models import GLOBAL_KINDS, Act, ActKind, ReadContext
from agent.acts.new_experience import experience_span
from agent.acts.skill_edits import read_skill_edits
from agent.acts.spelling import tidy
from agent.answers import is_no, is_yes
from agent.language import normalise

if TYPE_CHECKING:
    from agent.acts.classifier import ActClassifier
    from agent.llm import LLMClient

_SENTENCE = re.compile(r"(?<=[.!?\n])\s+|\n+|(?<=[a-z])\?+(?=\s*\w)")
_YES_NO_EXPECTING = ("processing_consent", "share_consent")
_CONTENT_EXPECTING = ("experience", "experience_detail")
# steps past the experiences, where an experience told is a new one to record ("oh and i also did...")
_LATER_EXPECTING = ("skill_confirmation", "interests", "preferences", "target_choice", "free", "end")
# Probability the classifier needs, per label, to add an act the rules did not find. Requests that
# act on personal data, consent or the conversation itself (erase, export, revoke, a sharing rule,
# restart) come from the rules only: a paraphrase the rules miss is asked again, never acted on.
CLASSIFIER_MIN = {
    "go_back": 0.85, "help": 0.85, "ask_profile": 0.9, "switch_language": 0.9, "ask_advice": 0.7, "chit_chat": 0.8,
    "done": 0.8, "keep_all": 0.7, "reject_all": 0.8,
}


# The classifier costs one sentence encoding: asked only when the words could make a request or a
# question ("full time", "warehouse worker" or "working with people" are plain answers).
_WORTH_CLASSIFYING = re.compile(
    r"\?|\b(you|your|u|me|my|mine|i|tu|te|toi|vous|votre|vos|moi|mon|ma|mes|data|donnees|profil|profile|info|infos|"
    r"back|retour|arriere|start|again|restart|help|aide|english|anglais|french|francais|why|pourquoi|what|quoi|how|"
    r"comment|who|qui|can|peux|peut|stop|arrete|forget|oublie|delete|erase|efface|supprim\w*|export\w*|share|partag\w*|"
    r"lol|mdr|haha|joke|blague|robot|bot|all|tout|none|aucune|nothing|rien|done|fini|said|dit)\b")


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+|\n+", text or "") if p and p.strip()]
    return parts or ([text.strip()] if text and text.strip() else [])


class ActReader:
    """Reads messages into acts. ``classifier``: an :class:`ActClassifier` (None: rules only);
    ``llm``: an :class:`agent.llm.LLMClient` (None: offline)."""

    def __init__(self, classifier: ActClassifier | None = None, llm: LLMClient | None = None):
        self.classifier = classifier
        self.llm = llm

    def read(self, message: str | None, context: ReadContext) -> list[Act]:
        if not message or not message.strip():
            return []
        if context.expecting == "target_choice" and _names_an_option(message, context.options):
            return [Act(kind=ActKind.answer, text=message.strip())]  # "ICT help desk agent" is that move, not a call for help
        if self.llm is not None:
            from agent.acts.llm_reader import read_with_llm

            acts = read_with_llm(self.llm, message, context, offline=self.read_offline)
            if acts is not None:
                return acts
        return self.read_offline(message, context)

    # -- offline --------------------------------------------------------------------------------
    def read_offline(self, message: str, context: ReadContext) -> list[Act]:
        raw = message.strip()
        expecting, phase = context.expecting, context.phase
        strict = expecting in _CONTENT_EXPECTING or phase in ("experiences", "experience_detail", "skills")
        acts: list[Act] = []
        content: list[str] = []
        for sentence in sentences(raw):
            s = tidy(normalise(sentence))
            if not s:
                continue
            if expecting == "language" and len(s.split()) <= 4:
                content.append(sentence)
                continue
            request = rules.global_request(s, sentence, strict)
            if (request is not None and expecting == "share_consent" and request.kind in (ActKind.ask_profile, ActKind.help)
                    and rules.is_question(s, sentence) and _about_the_notice(sentence)):
                request = None  # "who will see my data?" at a consent question: for the consent step to answer
            if request is not None:
                if request.kind == ActKind.injection:
                    return [Act(kind=ActKind.injection, text=raw)]
                acts.append(request)
                continue
            told = experience_span(s) if expecting in _LATER_EXPECTING else None
            if told is not None:
                before, experience = told
                acts.append(Act(kind=ActKind.new_experience, text=experience))
                if before:
                    content.append(before)
            else:
                content.append(sentence)
        if not content:
            return acts
        text = " ".join(content)
        return acts + self._content_acts(text, context, has_request=bool(acts))

    def _content_acts(self, text: str, context: ReadContext, has_request: bool) -> list[Act]:
        s = tidy(normalise(text))
        expecting, phase = context.expecting, context.phase
        if not s:
            return [Act(kind=ActKind.answer, text=text)]
        if expecting == "skill_confirmation" and rules.is_question(s, text) and rules._ADVICE.search(s):
            return [Act(kind=ActKind.ask_advice, text=text)]
        if expecting == "skill_confirmation" and context.proposals:
            fixed = rules.correction(s, text, []) if rules._CORRECTION_MARK.search(s) else None
            if fixed is not None and fixed.field in ("duration", "place", "title"):
                return [fixed]
            edits = read_skill_edits(text, context.proposals)
            if edits:
                return edits
            label = self._classify(s)
            if label in ("keep_all", "reject_all"):
                return [Act(kind=ActKind(label), text=text)]
        if expecting in _YES_NO_EXPECTING:
            from agent.yes_no import Answer, read_yes_no

            reading = read_yes_no(text).answer
            if reading == Answer.yes:
                return [Act(kind=ActKind.yes, text=text)]
            if reading == Answer.no:
                return [Act(kind=ActKind.no, text=text)]
            if reading in (Answer.question, Answer.unclear) and not rules.change_target(s, text):
                return [Act(kind=ActKind.answer, text=text)]  # the consent step answers it from the notice
        advice_phase = phase in ("moves", "plan", "sharing", "wrapup", "ended") or expecting == "target_choice"
        if advice_phase and expecting != "target_choice":
            target = rules.change_target(s, text)
            if target is not None:
                return [target]
        if expecting in ("experience", "experience_detail", "interests", "preferences", "free") and (
                rules.is_done(s) or (expecting in _CONTENT_EXPECTING and len(s.split()) <= 3 and is_no(text))):
            return [Act(kind=ActKind.done, text=text)]
        correction = rules.correction(s, text, context.profile_skills)
        # "in fact i like helping ppl" at the interests question answers it: a detail is a correction only
        # while an experience is being told
        if correction is not None and not (expecting in ("experience", "interests", "preferences") and correction.field == "detail"):
            return [correction]
        if advice_phase:
            if rules.is_advice_question(s, text, phase if phase != "moves" or expecting == "target_choice" else phase):
                return [Act(kind=ActKind.ask_advice, text=text)]
        if expecting == "skill_confirmation" and rules.is_question(s, text) and rules._ADVICE.search(s):
            return [Act(kind=ActKind.ask_advice, text=text)]
        if rules.chit_chat(s, text) and not rules.is_self_statement(s):
            return [Act(kind=ActKind.chit_chat, text=text)]
        if rules.is_question(s, text) and not (is_yes(text) or is_no(text)):
            if expecting not in ("free", "end") or phase in ("plan", "ended", "wrapup"):
                if not (expecting in _CONTENT_EXPECTING and rules.is_self_statement(s)):
                    return [Act(kind=ActKind.chit_chat, text=text)]
        if expecting in _YES_NO_EXPECTING:
            return [Act(kind=ActKind.answer, text=text)]
        if (not has_request and len(s.split()) <= 10 and not rules.is_self_statement(s) and expecting != "language"
                and _WORTH_CLASSIFYING.search(s)):
            label = self._classify(s)
            if label is not None and label in CLASSIFIER_MIN:
                kind = ActKind(label)
                if kind in GLOBAL_KINDS or kind in (ActKind.ask_advice, ActKind.chit_chat):
                    if kind == ActKind.ask_advice and phase not in ("moves", "plan", "sharing", "wrapup", "ended"):
                        kind = ActKind.chit_chat
                    return [Act(kind=kind, text=text, lang=_lang_of(s) if kind == ActKind.switch_language else None)]
                if kind == ActKind.done and expecting in ("experience", "experience_detail"):
                    return [Act(kind=kind, text=text)]
        months = rules.duration_only(s) if expecting in _CONTENT_EXPECTING else None
        if months is not None:
            return [Act(kind=ActKind.answer, text=text, field="duration", months=months)]
        return [Act(kind=ActKind.answer, text=text)]

    def _classify(self, s: str) -> str | None:
        if self.classifier is None:
            return None
        label, p = self.classifier.predict(s)
        return label if p >= CLASSIFIER_MIN.get(label, 1.01) else None


def _names_an_option(message: str, options: list[str]) -> bool:
    """The message is one of the options on screen, as shown or as one of its forms ("aide-soignante" for
    "aide-soignant/aide-soignante"), typos aside."""
    said = tidy(normalise(message)).strip(" .!")
    if not said:
        return False
    forms = {tidy(normalise(form)).strip() for option in options for form in (option, *option.split("/"))}
    return said in forms or any(len(said) >= 8 and SequenceMatcher(None, said, form).ratio() >= 0.9 for form in forms if form)


def _about_the_notice(sentence: str) -> bool:
    from agent.consent_notices import notice_topics

    return bool(notice_topics(sentence))


def _lang_of(s: str) -> str:
    return "fr" if re.search(r"\b(french|francais)\b", s) else "en"


def content_text(acts: list[Act], message: str) -> str:
    """The content of the message without the requests it carried."""
    parts = [a.text for a in acts if a.kind not in GLOBAL_KINDS and a.text]
    return " ".join(parts) if parts else message
