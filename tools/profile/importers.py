"""Imports into a person's profile: a profile from this or another provider (JSON-LD in the Orient
vocabulary, or Orient's plain JSON export) merged with provenance kept, and a CV turned into
candidate experiences that the person confirms in the dialogue.

Merging rules (``merge_profile``):

- every skill URI must be a known ESCO skill (when a vocabulary is given): otherwise the whole
  import is refused with ``ImportRejected`` naming the unknown URIs, and nothing changes;
- a skill already in the profile (same ESCO URI) is merged: evidence united without duplicates,
  validation level raised but never lowered, a skill the person rejected stays rejected;
- an experience already in the profile (same id, or same title + organisation + start) is not
  duplicated; others are added, keeping their provider;
- interests and preferences only fill what is empty; the target is taken only if there is none;
- an ``ImportRecord`` (provider, source, date, counts) is appended to ``profile.provenance``,
  after the provenance the imported document itself carried.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Container
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tools.profile.cv import CandidateExperience, CvReadError, candidate_experiences, read_cv
from tools.profile.jsonld import ImportedProfile, JsonLdProfileError, read_jsonld
from tools.profile.models import (
    Experience,
    ImportRecord,
    Interests,
    Profile,
    SkillState,
    comparable_text,
    new_id,
)

__all__ = [
    "CandidateExperience",
    "CvReadError",
    "ImportRejected",
    "candidate_experiences",
    "import_cv",
    "import_document",
    "import_file",
    "merge_profile",
    "read_cv",
]

MAX_IMPORT_BYTES = 5_000_000


class ImportRejected(ValueError):
    """The imported document cannot be merged; nothing was changed."""

    def __init__(self, message: str, unknown_uris: list[str] | None = None):
        self.unknown_uris = unknown_uris or []
        super().__init__(message)


def merge_profile(
    profile: Profile,
    incoming: Profile,
    *,
    provider: str,
    source: str | None = None,
    kind: str = "jsonld",
    known_skills: Container[str] | None = None,
    label: Callable[[str, str], str] | None = None,
) -> ImportRecord:
    """Merge ``incoming`` into ``profile`` (in place) and return the provenance record.

    ``known_skills`` (e.g. ``kb.skills``): the ESCO skill URIs accepted; ``label(uri, lang)`` (e.g.
    ``kb.label``): relabels added skills in the person's language when the document's differs.
    """
    if known_skills is not None:
        unknown = sorted({s.uri for s in incoming.skills if s.uri not in known_skills})
        if unknown:
            shown = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
            raise ImportRejected(f"{len(unknown)} skill URI(s) are not ESCO skills known here: {shown}", unknown)

    record = ImportRecord(kind=kind, provider=provider, source=source)
    if not profile.experiences and not profile.skills and profile.version == 0:
        profile.language = incoming.language  # a new profile takes the language of what it starts from
    id_map: dict[str, str] = {}
    for exp in incoming.experiences:
        match = _matching_experience(profile, exp)
        if match is not None:
            id_map[exp.id] = match.id
            continue
        new = exp.model_copy(deep=True)
        if profile.experience(new.id) is not None:
            new.id = new_id("exp")
        if new.provider == "orient" and provider != "orient":
            new.provider = provider
        profile.add_experience(new)
        id_map[exp.id] = new.id
        record.experiences_added += 1

    experience_ids = {e.id for e in profile.experiences}
    for skill in incoming.skills:
        skill = skill.model_copy(deep=True)
        skill.experience_ids = [id_map.get(i, i) for i in skill.experience_ids if id_map.get(i, i) in experience_ids]
        for ev in skill.evidence:
            if ev.experience_id is not None:
                mapped = id_map.get(ev.experience_id, ev.experience_id)
                ev.experience_id = mapped if profile.experience(mapped) is not None else None
        existing = profile.skill(skill.uri)
        if existing is None and label is not None and incoming.language != profile.language:
            relabelled = label(skill.uri, profile.language)
            if relabelled and relabelled != skill.uri:
                skill.label = relabelled
        if existing is None:
            profile.skills = [*profile.skills, skill]
            record.skills_added += 1
        else:
            before = existing.model_dump()
            state = existing.state
            existing.merge(skill)
            if state == SkillState.rejected:
                existing.state = SkillState.rejected
            if existing.model_dump() != before:
                record.skills_merged += 1

    if not profile.interests.riasec and not profile.interests.text:
        profile.interests = Interests.model_validate(incoming.interests.model_dump())
    prefs = profile.preferences.model_dump()
    for key, value in incoming.preferences.model_dump().items():
        if prefs.get(key) in (None, "") and value not in (None, ""):
            prefs[key] = value
    profile.preferences = type(profile.preferences).model_validate(prefs)
    if profile.target is None and incoming.target is not None:
        profile.target = incoming.target.model_copy(deep=True)
    if profile.persona is None and incoming.persona is not None:
        profile.persona = incoming.persona
    if profile.region is None and incoming.region is not None:
        profile.region = incoming.region

    known_records = {r.id for r in profile.provenance}
    carried = [r.model_copy(deep=True) for r in incoming.provenance if r.id not in known_records]
    profile.provenance = [*profile.provenance, *carried, record]
    profile.touch()
    return record


def import_document(
    profile: Profile,
    document: Any,
    *,
    source: str | None = None,
    known_skills: Container[str] | None = None,
    label: Callable[[str, str], str] | None = None,
) -> ImportRecord:
    """Merge a parsed JSON document: JSON-LD (has ``@context``) or Orient's plain JSON export."""
    if isinstance(document, (dict, list)) and _is_jsonld(document):
        try:
            incoming: Profile = read_jsonld(document)
        except JsonLdProfileError as exc:
            raise ImportRejected(f"cannot read the JSON-LD profile: {exc}") from None
        provider = incoming.provider if isinstance(incoming, ImportedProfile) else "unknown"
        return merge_profile(profile, incoming, provider=provider, source=source, kind="jsonld", known_skills=known_skills, label=label)
    if isinstance(document, dict) and "person_id" in document:
        try:
            incoming = Profile.model_validate(document)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            raise ImportRejected(f"not an Orient profile: {where}: {first.get('msg')}") from None
        provider = str(document.get("provider") or "orient")
        return merge_profile(profile, incoming, provider=provider, source=source, kind="json", known_skills=known_skills, label=label)
    raise ImportRejected("not a profile: expected JSON-LD with an @context, or an Orient JSON profile export")


def import_file(
    profile: Profile,
    path: Path | str,
    *,
    known_skills: Container[str] | None = None,
    label: Callable[[str, str], str] | None = None,
) -> ImportRecord:
    """Merge a profile file (``.json`` / ``.jsonld``) into ``profile``."""
    path = Path(path)
    if not path.is_file():
        raise ImportRejected(f"file not found: {path}")
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise ImportRejected(f"{path.name} is too large to import ({path.stat().st_size} bytes, at most {MAX_IMPORT_BYTES})")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ImportRejected(f"{path.name} is not UTF-8 text: a profile must be a JSON or JSON-LD file") from None
    except json.JSONDecodeError as exc:
        raise ImportRejected(f"{path.name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    return import_document(profile, document, source=path.name, known_skills=known_skills, label=label)


def import_cv(profile: Profile, data: bytes | str, filename: str | None = None) -> list[CandidateExperience]:
    """Candidate experiences from a CV (pasted text, PDF or DOCX), to be confirmed by the person.

    Nothing is added to the profile: the dialogue asks the person about each candidate and adds
    the confirmed ones (``CandidateExperience.to_experience()``).
    """
    text = data if isinstance(data, str) else read_cv(data, filename)
    candidates = candidate_experiences(text)
    known = {(comparable_text(e.title), comparable_text(e.organisation or "")) for e in profile.experiences}
    return [c for c in candidates if (comparable_text(c.title), comparable_text(c.organisation or "")) not in known]


def _is_jsonld(document: Any) -> bool:
    if isinstance(document, list):
        return any(isinstance(d, dict) and ("@context" in d or "@graph" in d) for d in document)
    return "@context" in document or "@graph" in document


def _matching_experience(profile: Profile, exp: Experience) -> Experience | None:
    same = profile.experience(exp.id)
    if same is not None and comparable_text(same.title) == comparable_text(exp.title):
        return same
    for mine in profile.experiences:
        if (
            comparable_text(mine.title) == comparable_text(exp.title)
            and comparable_text(mine.organisation or "") == comparable_text(exp.organisation or "")
            and (mine.period.start == exp.period.start or mine.period.start is None or exp.period.start is None)
        ):
            return mine
    return None

