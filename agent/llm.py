"""Optional LLM help through any OpenAI-compatible endpoint (a hosted model, vLLM, llama.cpp,
Ollama): extracting an experience's facts and the skills it shows.

Everything the model says is parsed into pydantic models and grounded: a skill is kept only when
it names an ESCO skill the knowledge base knows (never invented). Every call is bounded by the
client timeout with no retries; on any failure (timeout, connection, HTTP error, refusal,
malformed JSON) the method returns ``None`` or the offline result unchanged, and the turn goes on
offline. The client is built by the composition root from settings and injected.
"""

from __future__ import annotations

import json
import logging
import re
import time
from typing import TYPE_CHECKING, Any, TypeVar

import openai
from pydantic import BaseModel, Field, ValidationError

if TYPE_CHECKING:
    from agent.ports import Vocabulary
    from agent.state import SkillProposal

log = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)

KINDS = ("paid", "unpaid", "volunteering", "school", "family_care", "sport", "music", "art", "hobby", "other")

EXPERIENCE_PROMPT = (
    "You read what a person says about one experience (a job, school, volunteering, caring for family, sport, "
    "music, art or a hobby) and return JSON only: {\"title\": short title in the person's language, \"kind\": one of "
    + ", ".join(KINDS)
    + ", \"organisation\": string or null, \"duration_months\": integer or null}. Never invent facts."
)
SKILLS_PROMPT = (
    "You read what a person says about an experience and list the skills it shows, as ESCO v1.1 skill preferred "
    "labels in English (for example \"operate cash register\", \"assist children with homework\"). Return JSON only: "
    "{\"skills\": [{\"label\": ESCO preferred label, \"evidence\": the exact words of the person that show it}]}. "
    "At most 8 skills. Only skills the text really shows."
)


class ExperienceExtraction(BaseModel):
    title: str | None = Field(default=None, max_length=120)
    kind: str | None = None
    organisation: str | None = Field(default=None, max_length=120)
    duration_months: int | None = Field(default=None, ge=0, le=720)


class SkillMention(BaseModel):
    label: str = Field(min_length=2, max_length=200)
    evidence: str = Field(default="", max_length=500)


class SkillExtraction(BaseModel):
    skills: list[SkillMention] = Field(default_factory=list, max_length=20)


class LLMClient:
    """A thin, failure-tolerant wrapper over ``openai.OpenAI`` for JSON answers."""

    def __init__(self, base_url: str, api_key: str, model: str, timeout_s: float = 8.0, client: Any | None = None):
        self.model = model
        self.timeout_s = timeout_s
        self.client = client or openai.OpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout_s,
                                              max_retries=0)
        self.failures = 0
        self.calls = 0

    def ask_json(self, system: str, user: str, schema: type[T]) -> T | None:
        """The model's answer parsed into ``schema``, or None on any failure (logged without content)."""
        self.calls += 1
        started = time.perf_counter()
        try:
            response = self.client.chat.completions.create(
                model=self.model,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
                temperature=0,
                response_format={"type": "json_object"},
                timeout=self.timeout_s,
            )
        except openai.APIError as exc:  # timeouts, connection errors and HTTP errors are all APIError
            self._failed(type(exc).__name__, started)
            return None
        if not response.choices:
            self._failed("no_choices", started)
            return None
        choice = response.choices[0]
        message = choice.message
        if getattr(message, "refusal", None) or choice.finish_reason == "content_filter":
            self._failed("refusal", started)
            return None
        content = message.content or ""
        try:
            return schema.model_validate_json(_json_body(content))
        except (ValidationError, ValueError):
            self._failed("malformed", started)
            return None

    def _failed(self, reason: str, started: float) -> None:
        self.failures += 1
        log.warning("LLM call failed (%s) after %.0f ms; using the offline path", reason,
                    (time.perf_counter() - started) * 1000)

    # -- what the agent asks -------------------------------------------------------------------
    def extract_experience(self, text: str, lang: str) -> ExperienceExtraction | None:
        found = self.ask_json(EXPERIENCE_PROMPT, text, ExperienceExtraction)
        if found is None:
            return None
        if found.kind not in KINDS:
            found.kind = None
        return found

    def grounded_skills(self, text: str, lang: str, proposals: list[SkillProposal], vocabulary: Vocabulary,
                        exclude: set[str], limit: int) -> list[SkillProposal]:
        """The offline proposals plus the ESCO skills the model names (grounded), best first."""
        found = self.ask_json(SKILLS_PROMPT, text, SkillExtraction)
        if found is None:
            return proposals
        from agent.toolbox import vocabulary_label  # the agent's own helper: labels in the person's language

        grounded: list[SkillProposal] = []
        for mention in found.skills:
            skill = vocabulary.skills.get(mention.label) or vocabulary.skill_by_label(mention.label)
            if skill is None or skill.uri in exclude:
                continue  # not an ESCO skill: never added
            start = text.find(mention.evidence) if mention.evidence else -1
            grounded.append({
                "uri": skill.uri,
                "label": vocabulary_label(vocabulary, skill.uri, lang, fallback=mention.label),
                "score": 1.0,
                "skill_type": skill.skill_type,
                "evidence": mention.evidence if start >= 0 else "",
                "start": start if start >= 0 else None,
                "end": start + len(mention.evidence) if start >= 0 else None,
                "source": "llm",
            })
        merged: list[SkillProposal] = []
        for item in [*grounded, *proposals]:
            if all(m["uri"] != item["uri"] for m in merged):
                merged.append(item)
        return merged[:limit]


def _json_body(content: str) -> str:
    """The JSON object in a reply that may wrap it in a code fence or text."""
    content = content.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", content, re.DOTALL)
    if fenced:
        content = fenced.group(1).strip()
    if not content.startswith("{"):
        start, end = content.find("{"), content.rfind("}")
        if start < 0 or end <= start:
            raise ValueError("no JSON object in the reply")
        content = content[start : end + 1]
    json.loads(content)  # raises ValueError (JSONDecodeError) when malformed
    return content


def build_llm(base_url: str, api_key: str, model: str, timeout_s: float) -> LLMClient | None:
    """The client for the configured endpoint, or None when no endpoint is configured (offline)."""
    if not base_url:
        return None
    return LLMClient(base_url, api_key, model or "default", timeout_s)
