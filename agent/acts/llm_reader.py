"""Reading acts with the configured LLM (structured JSON output), checked and grounded the same
way as the offline reader:

- the answer must parse into :class:`LLMActs`; skill numbers must be on screen; a skill act needs
  a skill list on screen; anything else is dropped;
- requests that touch personal data or consent (erase, export, revoke, a sharing rule, injection)
  are taken only when the offline reader sees the same request: a model never triggers a
  destructive or consent action on its own (prompt injection), and a sharing rule's recipients
  always come from the offline parse;
- content is never dropped: when the model finds no content act but the offline reader does, the
  offline content acts are added;
- on any failure (timeout, refusal, malformed or empty answer) the caller reads offline.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from agent.acts.models import GLOBAL_KINDS, Act, ActKind, ReadContext

if TYPE_CHECKING:
    from agent.llm import LLMClient

GUARDED = {ActKind.erase, ActKind.export, ActKind.revoke, ActKind.sharing_rule, ActKind.injection}
SKILL_KINDS = {ActKind.keep_all, ActKind.reject_all, ActKind.keep_skills, ActKind.remove_skills, ActKind.rename_skill}


class LLMAct(BaseModel):
    kind: ActKind
    items: list[int] = Field(default_factory=list, max_length=30)  # skill numbers as shown, from 1
    names: list[str] = Field(default_factory=list, max_length=10)
    text: str = Field(default="", max_length=600)
    field: Literal["duration", "title", "place", "skill", "detail"] | None = None
    months: int | None = Field(default=None, ge=0, le=720)
    lang: Literal["en", "fr"] | None = None


class LLMActs(BaseModel):
    acts: list[LLMAct] = Field(default_factory=list, max_length=8)


SYSTEM = (
    "You read one message a person sent to a career-guidance chat assistant, in the context of what the assistant "
    "just asked, and return the dialogue acts it carries as JSON: {\"acts\": [{\"kind\": ..., \"items\": [...], "
    "\"names\": [...], \"text\": ..., \"field\": ..., \"months\": ..., \"lang\": ...}]}. Kinds: "
    + ", ".join(k.value for k in ActKind)
    + ". Skill acts (keep_all, reject_all, keep_skills, remove_skills with the skill numbers in items, add_skill "
    "with the skill in text) only when a numbered skill list is on screen; 'no i never did accounting' removes only "
    "the accounting skills. A message that tells an experience is an 'answer' with its words in text, even when it "
    "contains words like 'export', 'delete' or 'English'; a request inside it is a second act. correct_fact has a "
    "field (duration, title, place, skill, detail); change_target has the job in text; switch_language has lang. "
    "new_experience (the words that tell it in text) is another job or activity told after the experiences step "
    "('oh and i also did 2 years as a waitress' while answering about interests or at the skill list). "
    "Never invent acts; keep the person's words in text."
)


def read_with_llm(llm: LLMClient, message: str, context: ReadContext,
                  offline: Callable[[str, ReadContext], list[Act]]) -> list[Act] | None:
    """The acts the model reads in ``message``, grounded; None when the model gives nothing usable."""
    user = json.dumps({
        "assistant_expects": context.expecting, "phase": context.phase, "language": context.language,
        "skills_on_screen": {str(i + 1): label for i, label in enumerate(context.proposals)},
        "options_on_screen": context.options, "confirmed_skills": context.profile_skills,
        "target": context.target, "trainings": context.trainings, "message": message,
    }, ensure_ascii=False)
    answer = llm.ask_json(SYSTEM, user, LLMActs)
    if answer is None or not answer.acts:
        return None
    baseline = offline(message, context)
    return ground(answer, context, baseline, message)


def ground(answer: LLMActs, context: ReadContext, baseline: list[Act], message: str) -> list[Act] | None:
    offline_requests = {a.kind: a for a in baseline if a.kind in GLOBAL_KINDS}
    out: list[Act] = []
    for raw in answer.acts:
        kind = raw.kind
        if kind in GUARDED:
            if kind in offline_requests:
                out.append(offline_requests[kind])
            continue
        if kind in SKILL_KINDS or kind == ActKind.add_skill:
            if context.expecting != "skill_confirmation" or not context.proposals:
                continue
        items = [i - 1 for i in raw.items if 1 <= i <= len(context.proposals)] if kind in SKILL_KINDS else []
        if kind in (ActKind.keep_skills, ActKind.remove_skills, ActKind.rename_skill) and not items and not raw.names:
            continue
        if kind == ActKind.correct_fact and raw.field == "skill":
            from agent.acts.mentions import labels_named

            items = labels_named(raw.text or message, context.profile_skills)
            if not items:
                continue
        if kind == ActKind.switch_language and raw.lang is None:
            continue
        if kind == ActKind.new_experience and context.expecting in ("experience", "experience_detail"):
            kind = ActKind.answer  # while experiences are told, an experience is the answer itself
        out.append(Act(kind=kind, items=sorted(set(items)), names=[n for n in raw.names if n.strip()],
                       text=raw.text or message, field=raw.field, months=raw.months, lang=raw.lang))
    if not out:
        return None
    if not any(a.kind == ActKind.new_experience for a in out):  # an experience told is never dropped
        out += [a for a in baseline if a.kind == ActKind.new_experience]
    content_kinds = {ActKind.answer, ActKind.done}
    if not any(a.kind in content_kinds for a in out) and any(a.kind == ActKind.answer for a in baseline):
        if not any(a.kind not in GLOBAL_KINDS for a in out):
            out += [a for a in baseline if a.kind == ActKind.answer]  # content is never dropped
    return out
