"""Trace acquisition: an organisation posts evidence of a skill for a person who consented to it
(purpose ``skill_evidence``, categories skills + evidence). An xAPI statement of success raises the
skill to ``evidenced``; a certificate raises it to ``certified``. The evidence keeps its
provenance (organisation, statement id or credential, time). A skill the person did not have yet
is added as *proposed*: the person confirms it in the dialogue.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select

from tools.consent.models import DataCategory
from tools.consent.recipients import PURPOSE_SKILL_EVIDENCE
from tools.consent.service import ConsentService
from tools.organisations.models import CertificateTrace, OrgPrincipal, TraceResult, XapiTrace
from tools.organisations.tables import TraceRow
from tools.profile.models import Evidence, EvidenceSource, ProfileSkill, SkillState, ValidationLevel
from tools.profile.store import ProfileStore
from tools.storage.timestamps import as_utc

log = logging.getLogger(__name__)

ESCO_SKILL = "http://data.europa.eu/esco/skill/"
SUCCESS_VERBS = {
    "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/passed",
    "http://adlnet.gov/expapi/verbs/mastered",
    "https://w3id.org/xapi/adl/verbs/achieved",
    "http://id.tincanapi.com/verb/achieved",
}
EVIDENCE_CATEGORIES = [DataCategory.skills, DataCategory.evidence]


class TraceError(ValueError):
    def __init__(self, code: str, message: str, status: int = 422):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def skill_from_statement(statement: dict[str, Any]) -> str | None:
    """The ESCO skill a statement is about: the object id, or an extension whose value is a skill URI."""
    obj = _dict(statement.get("object"))
    if isinstance(obj.get("id"), str) and obj["id"].startswith(ESCO_SKILL):
        return obj["id"]
    places = [_dict(_dict(obj.get("definition")).get("extensions")),
              _dict(_dict(statement.get("context")).get("extensions")),
              _dict(_dict(statement.get("result")).get("extensions"))]
    for extensions in places:
        for value in extensions.values():
            values = value if isinstance(value, list) else [value]
            for v in values:
                if isinstance(v, str) and v.startswith(ESCO_SKILL):
                    return v
    return None


def _statement_name(statement: dict[str, Any]) -> str:
    obj = _dict(statement.get("object"))
    names = _dict(_dict(obj.get("definition")).get("name"))
    if names:
        return str(names.get("en-US") or names.get("en") or next(iter(names.values())))[:200]
    return str(obj.get("id", "activity"))[:200]


class TraceService:
    def __init__(self, consents: ConsentService, profiles: ProfileStore,
                 label: Callable[[str, str], str | None] | None = None):
        self.consents = consents
        self.profiles = profiles
        self.database = consents.database
        self.label = label  # (uri, lang) -> preferred label, e.g. KnowledgeBase.label

    def post(self, principal: OrgPrincipal, person_id: str, trace: XapiTrace | CertificateTrace,
             now: datetime | None = None) -> TraceResult:
        now = now or self.consents.clock()
        recipient_id = principal.organisation.recipient_id
        if not self.consents.is_valid(person_id, recipient_id, PURPOSE_SKILL_EVIDENCE, EVIDENCE_CATEGORIES, at=now):
            raise TraceError("no_consent", "the person has not consented to this organisation adding evidence "
                                           "of their skills (purpose skill_evidence)", status=403)
        if isinstance(trace, XapiTrace):
            st = trace.statement
            verb = _dict(st.get("verb")).get("id")
            if verb not in SUCCESS_VERBS:
                raise TraceError("unsupported_verb", f"xAPI verb {str(verb)[:120]!r} is not evidence of a skill; "
                                                     f"use one of {sorted(SUCCESS_VERBS)}")
            result = _dict(st.get("result"))
            if result.get("success") is False or result.get("completion") is False:
                raise TraceError("not_successful", "the statement does not record a success")
            skill_uri = trace.skill_uri or skill_from_statement(st)
            level = ValidationLevel.evidenced
            statement_id = str(st["id"])[:120] if st.get("id") else None
            text = f"{verb.rsplit('/', 1)[-1]}: {_statement_name(st)}"
            ref = _dict(st.get("object")).get("id")
            document_ref = str(ref)[:500] if ref else None
            body = {"kind": "xapi", "statement": st}
        else:
            skill_uri = trace.skill_uri
            level = ValidationLevel.certified
            statement_id = trace.credential_id
            text = f"certificate: {trace.title}" + (f" ({trace.issuer})" if trace.issuer else "")
            document_ref = trace.url or trace.credential_id
            body = trace.model_dump(mode="json")
        if not isinstance(skill_uri, str) or not skill_uri.startswith(ESCO_SKILL) or len(skill_uri) > 300:
            raise TraceError("no_skill", "the trace must name an ESCO skill URI (skill_uri, the statement's "
                                         "object id, or an extension value)")
        with self.database.session() as s:
            if statement_id and s.scalar(select(func.count()).select_from(TraceRow).where(
                    TraceRow.person_id == person_id, TraceRow.organisation_id == principal.organisation.id,
                    TraceRow.statement_id == statement_id)):
                raise TraceError("duplicate", f"trace {statement_id!r} was already received", status=409)

        provider = principal.organisation.name
        state: dict[str, bool] = {}

        def change(profile) -> None:
            evidence = Evidence(text=text, source=EvidenceSource.organisation_trace, provider=provider,
                                timestamp=now, document_ref=document_ref,
                                xapi_statement_id=statement_id if isinstance(trace, XapiTrace) else None)
            skill = profile.skill(skill_uri)
            state["added"] = skill is None
            if skill is None:
                label = (self.label(skill_uri, profile.language) if self.label else None) or skill_uri.rsplit("/", 1)[-1]
                skill = profile.upsert_skill(ProfileSkill(uri=skill_uri, label=label, source=EvidenceSource.organisation_trace,
                                                          state=SkillState.proposed))
            skill.add_evidence(evidence)
            state["changed"] = skill.raise_level(level, by=provider)
            state["level"] = skill.level.value
            profile.touch()

        self.profiles.update(person_id, change)
        trace_id = uuid.uuid4().hex
        with self.database.session() as s:
            s.add(TraceRow(id=trace_id, person_id=person_id, organisation_id=principal.organisation.id,
                           skill_uri=skill_uri, kind=body["kind"], level=level.value, statement_id=statement_id,
                           body=body, received_at=now))
        log.info("trace received id=%s org=%s level=%s", trace_id, principal.organisation.id, level.value)
        return TraceResult(trace_id=trace_id, person_id=person_id, skill_uri=skill_uri, level=state["level"],
                           level_changed=state["changed"], skill_added=state["added"])

    # -- privacy ----------------------------------------------------------------------------
    def export_person(self, person_id: str) -> dict[str, Any]:
        with self.database.session() as s:
            rows = s.scalars(select(TraceRow).where(TraceRow.person_id == person_id).order_by(TraceRow.received_at))
            return {"traces": [{"id": r.id, "organisation_id": r.organisation_id, "skill_uri": r.skill_uri,
                                "kind": r.kind, "level": r.level, "body": r.body,
                                "received_at": as_utc(r.received_at).isoformat()} for r in rows]}

    def count(self, person_id: str) -> int:
        with self.database.session() as s:
            return int(s.scalar(select(func.count()).select_from(TraceRow).where(TraceRow.person_id == person_id)) or 0)

    def erase(self, person_id: str) -> int:
        with self.database.session() as s:
            return int(s.execute(delete(TraceRow).where(TraceRow.person_id == person_id)).rowcount or 0)


__all__ = ["TraceService", "TraceError", "skill_from_statement"]
