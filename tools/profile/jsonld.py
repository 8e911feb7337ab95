"""The Orient profile as JSON-LD: a small pivot vocabulary (Profile / Experience / Skill) over
schema.org and ESCO/ROME/O*NET URIs, so a profile can move between services.

See ``tools/profile/VOCABULARY.md`` for the vocabulary. In short:

- ``Profile`` (``orient:Profile``) holds ``experience`` (``Experience`` nodes), ``skill``
  (``Skill`` nodes), interests, preferences, ``target`` (a ``schema:Occupation`` whose ``@id`` is
  the ESCO occupation URI), ``gap``, ``plan`` and ``importRecord`` (provenance).
- A ``Skill`` node is the person's claim about one ESCO skill: ``escoSkill`` is the ESCO URI,
  ``rome`` / ``onet`` are ROME / O*NET URIs, ``validationLevel`` one of declared, inferred,
  validated_by_counsellor, evidenced, certified, and ``evidence`` the ``Evidence`` nodes (text,
  source, provider, date, the experience it comes from, a document or xAPI statement).
- ROME codes become URIs: a ROME fiche code (``M1805``) is
  ``https://candidat.francetravail.fr/metierscope/fiche-metier/M1805``; other ROME codes
  (appellations, compétences, savoirs: numeric ``code_ogr``) are ``https://w3id.org/orient/rome/<code>``.
  O*NET-SOC codes (``15-1252.00``) are ``https://www.onetonline.org/link/summary/<code>``; other
  O*NET ids are ``https://w3id.org/orient/onet/<id>``.

Reading (``read_jsonld``) goes through a real JSON-LD processor (PyLD): the document is flattened
with our context, so documents from another provider may use other term names, prefixes, nesting
or a ``@graph``, as long as they mean the same IRIs. Remote contexts are never fetched: only our
own context URL is resolved, locally; any other remote context is refused with a clear error.
"""

from __future__ import annotations

import copy
import re
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError
from pyld import jsonld
from pyld.jsonld import JsonLdError

from tools.profile.models import (
    Evidence,
    Experience,
    GapSkill,
    GapSummary,
    ImportRecord,
    Interests,
    Period,
    Plan,
    Preferences,
    Profile,
    ProfileSkill,
    SkillTranslations,
    Target,
)

ORIENT = "https://w3id.org/orient/vocab#"
CONTEXT_URL = "https://w3id.org/orient/profile/v1"
ROME_FICHE = "https://candidat.francetravail.fr/metierscope/fiche-metier/"
ROME_OTHER = "https://w3id.org/orient/rome/"
ONET_SOC = "https://www.onetonline.org/link/summary/"
ONET_OTHER = "https://w3id.org/orient/onet/"
EXPERIENCE_IRI = "urn:orient:experience:"
ESCO_SKILL = "http://data.europa.eu/esco/skill/"
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"

_ROME_FICHE_CODE = re.compile(r"^[A-N]\d{4}$")
_ONET_SOC_CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")


def _id(term: str, container: bool = False) -> dict:
    d: dict[str, Any] = {"@id": term, "@type": "@id"}
    if container:
        d["@container"] = "@set"
    return d


def _set(term: str) -> dict:
    return {"@id": term, "@container": "@set"}


CONTEXT: dict[str, Any] = {
    "schema": "https://schema.org/",
    "orient": ORIENT,
    # classes
    "Profile": "orient:Profile",
    "Experience": "orient:Experience",
    "Skill": "orient:Skill",
    "Evidence": "orient:Evidence",
    "Occupation": "schema:Occupation",
    "Preferences": "orient:Preferences",
    "SkillsGap": "orient:SkillsGap",
    "GapSkill": "orient:GapSkill",
    "Plan": "orient:Plan",
    "Course": "schema:Course",
    "JobPosting": "schema:JobPosting",
    "ImportRecord": "orient:ImportRecord",
    # schema.org properties
    "name": "schema:name",
    "description": "schema:description",
    "text": "schema:text",
    "identifier": "schema:identifier",
    "inLanguage": "schema:inLanguage",
    "dateCreated": "schema:dateCreated",
    "dateModified": "schema:dateModified",
    "startDate": "schema:startDate",
    "endDate": "schema:endDate",
    "url": "schema:url",
    "provider": "schema:provider",
    "location": "schema:location",
    "occupationalCategory": "schema:occupationalCategory",
    # profile
    "persona": "orient:persona",
    "region": "orient:region",
    "experience": _set("orient:experience"),
    "skill": _set("orient:skill"),
    "riasec": _set("orient:riasec"),
    "interests": "orient:interests",
    "preferences": "orient:preferences",
    "target": "orient:target",
    "gap": "orient:gap",
    "plan": "orient:plan",
    "importRecord": _set("orient:importRecord"),
    # experience
    "experienceKind": "orient:experienceKind",
    "organisation": "orient:organisation",
    "durationMonths": "orient:durationMonths",
    "status": "orient:status",
    "detail": _set("orient:detail"),
    "source": "orient:source",
    # skill
    "escoSkill": _id("orient:escoSkill"),
    "skillType": "orient:skillType",
    "validationLevel": "orient:validationLevel",
    "validatedBy": "orient:validatedBy",
    "state": "orient:state",
    "score": "orient:score",
    "rome": _id("orient:rome", container=True),
    "onet": _id("orient:onet", container=True),
    "translationMethod": "orient:translationMethod",
    "translationValidated": "orient:translationValidated",
    "evidence": _set("orient:evidence"),
    "fromExperience": _id("orient:fromExperience", container=True),
    # evidence
    "spanStart": "orient:spanStart",
    "spanEnd": "orient:spanEnd",
    "documentRef": "orient:documentRef",
    "xapiStatement": "orient:xapiStatement",
    # preferences
    "mobilityKm": "orient:mobilityKm",
    "workingTime": "orient:workingTime",
    "remote": "orient:remote",
    "trainingAppetite": "orient:trainingAppetite",
    "maxTrainingMonths": "orient:maxTrainingMonths",
    # gap and plan
    "coverage": "orient:coverage",
    "gapSkill": _set("orient:gapSkill"),
    "essential": "orient:essential",
    "gapStatus": "orient:gapStatus",
    "closeTo": _id("orient:closeTo", container=True),
    "skillGroup": "orient:skillGroup",
    "summary": "orient:summary",
    "training": _set("orient:training"),
    "job": _set("orient:job"),
    "nextStep": _set("orient:nextStep"),
    "explanation": "orient:explanation",
    "newSkill": _set("orient:newSkill"),
    "existingSkill": _set("orient:existingSkill"),
    "matchingSkill": _set("orient:matchingSkill"),
    "missingSkill": _set("orient:missingSkill"),
    # provenance
    "importKind": "orient:importKind",
    "skillsAdded": "orient:skillsAdded",
    "skillsMerged": "orient:skillsMerged",
    "experiencesAdded": "orient:experiencesAdded",
}


class JsonLdProfileError(ValueError):
    """The document is not a readable Orient profile in JSON-LD."""


# -- code <-> URI ------------------------------------------------------------------------------------


def rome_uri(code: str) -> str:
    code = code.strip()
    return f"{ROME_FICHE}{code}" if _ROME_FICHE_CODE.match(code) else f"{ROME_OTHER}{code}"


def onet_uri(code: str) -> str:
    code = code.strip()
    return f"{ONET_SOC}{code}" if _ONET_SOC_CODE.match(code) else f"{ONET_OTHER}{code}"


def code_from_uri(uri: str) -> str:
    for base in (ROME_FICHE, ROME_OTHER, ONET_SOC, ONET_OTHER):
        if uri.startswith(base):
            return uri[len(base):]
    return uri


# -- writing -----------------------------------------------------------------------------------------


def jsonld_document(profile: Profile, provider: str = "orient") -> dict:
    """The profile as a compact JSON-LD document with its ``@context`` inline."""
    doc: dict[str, Any] = {
        "@context": copy.deepcopy(CONTEXT),
        "@type": "Profile",
        "identifier": profile.person_id,
        "provider": provider,
        "inLanguage": profile.language,
        "dateCreated": profile.created_at.isoformat(),
        "dateModified": profile.updated_at.isoformat(),
        "experience": [_experience_node(e, provider) for e in profile.experiences],
        "skill": [_skill_node(s, provider) for s in profile.skills],
    }
    if profile.persona:
        doc["persona"] = profile.persona.value
    if profile.region:
        doc["region"] = profile.region
    if profile.interests.riasec:
        doc["riasec"] = list(profile.interests.riasec)
    if profile.interests.text:
        doc["interests"] = profile.interests.text
    prefs = _preferences_node(profile.preferences)
    if prefs:
        doc["preferences"] = prefs
    if profile.target:
        t = profile.target
        doc["target"] = _drop_empty(
            {
                "@id": t.uri,
                "@type": "Occupation",
                "name": t.label,
                "occupationalCategory": t.code,
                "rome": [rome_uri(c) for c in t.rome_codes],
                "onet": [onet_uri(c) for c in t.onet_codes],
                "dateCreated": t.chosen_at.isoformat(),
            }
        )
    if profile.gap:
        doc["gap"] = _gap_node(profile.gap)
    if profile.plan:
        doc["plan"] = _plan_node(profile.plan)
    if profile.provenance:
        doc["importRecord"] = [_import_node(r) for r in profile.provenance]
    return doc


def _experience_iri(experience_id: str) -> str:
    return experience_id if ":" in experience_id else f"{EXPERIENCE_IRI}{experience_id}"


def _here(value: str, provider: str) -> str:
    """"orient" on a record means "this service": exported, it is named by the exporting provider."""
    return provider if value == "orient" else value


def _experience_node(e: Experience, provider: str = "orient") -> dict:
    return _drop_empty(
        {
            "@id": _experience_iri(e.id),
            "@type": "Experience",
            "experienceKind": e.kind.value,
            "name": e.title,
            "organisation": e.organisation,
            "startDate": e.period.start.isoformat() if e.period.start else None,
            "endDate": e.period.end.isoformat() if e.period.end else None,
            "durationMonths": e.period.duration_months,
            "status": e.status.value,
            "description": e.description,
            "detail": list(e.details),
            "source": e.source.value,
            "provider": _here(e.provider, provider),
        }
    )


def _skill_node(s: ProfileSkill, provider: str = "orient") -> dict:
    return _drop_empty(
        {
            "@type": "Skill",
            "escoSkill": s.uri,
            "name": s.label,
            "skillType": s.skill_type,
            "validationLevel": s.level.value,
            "validatedBy": s.validated_by,
            "state": s.state.value,
            "source": s.source.value,
            "score": s.score,
            "rome": [rome_uri(c) for c in s.translations.rome],
            "onet": [onet_uri(c) for c in s.translations.onet],
            "translationMethod": s.translations.method,
            "translationValidated": s.translations.validated,
            "fromExperience": [_experience_iri(i) for i in s.experience_ids],
            "evidence": [_evidence_node(e, provider) for e in s.evidence],
        }
    )


def _evidence_node(e: Evidence, provider: str = "orient") -> dict:
    return _drop_empty(
        {
            "@type": "Evidence",
            "text": e.text,
            "source": e.source.value,
            "fromExperience": [_experience_iri(e.experience_id)] if e.experience_id else [],
            "spanStart": e.start,
            "spanEnd": e.end,
            "provider": _here(e.provider, provider),
            "dateCreated": e.timestamp.isoformat(),
            "documentRef": e.document_ref,
            "xapiStatement": e.xapi_statement_id,
        }
    )


def _preferences_node(p: Preferences) -> dict:
    node = _drop_empty(
        {
            "location": p.location,
            "mobilityKm": p.mobility_km,
            "workingTime": p.time,
            "remote": p.remote,
            "trainingAppetite": p.training_appetite,
            "maxTrainingMonths": p.max_training_months,
            "description": p.text,
        }
    )
    return {"@type": "Preferences", **node} if node else {}


def _gap_node(g: GapSummary) -> dict:
    return _drop_empty(
        {
            "@type": "SkillsGap",
            "target": {"@id": g.target_uri} if g.target_uri else None,
            "coverage": g.coverage,
            "summary": g.summary,
            "dateCreated": g.computed_at.isoformat(),
            "gapSkill": [
                _drop_empty(
                    {
                        "@type": "GapSkill",
                        "escoSkill": s.uri,
                        "name": s.label,
                        "essential": s.essential,
                        "gapStatus": s.status,
                        "closeTo": list(s.close_to),
                        "skillGroup": s.group,
                        "rome": [rome_uri(c) for c in s.rome],
                        "onet": [onet_uri(c) for c in s.onet],
                    }
                )
                for s in g.skills
            ],
        }
    )


def _plan_node(p: Plan) -> dict:
    return _drop_empty(
        {
            "@type": "Plan",
            "summary": p.gap_summary,
            "dateModified": p.updated_at.isoformat(),
            "training": [
                _drop_empty(
                    {
                        "@type": "Course",
                        "identifier": t.id,
                        "name": t.title,
                        "url": t.url,
                        "description": t.description,
                        "explanation": t.explanation,
                        "newSkill": list(t.new_skills),
                        "existingSkill": list(t.existing_skills),
                        "score": t.score,
                        "provider": t.provider,
                    }
                )
                for t in p.trainings
            ],
            "job": [
                _drop_empty(
                    {
                        "@type": "JobPosting",
                        "identifier": j.id,
                        "name": j.title,
                        "url": j.url,
                        "location": j.location,
                        "score": j.score,
                        "matchingSkill": list(j.matching_skills),
                        "missingSkill": list(j.missing_skills),
                    }
                )
                for j in p.jobs
            ],
            "nextStep": list(p.next_steps),
        }
    )


def _import_node(r: ImportRecord) -> dict:
    return _drop_empty(
        {
            "@type": "ImportRecord",
            "identifier": r.id,
            "importKind": r.kind,
            "provider": r.provider,
            "url": r.source,
            "dateCreated": r.imported_at.isoformat(),
            "skillsAdded": r.skills_added,
            "skillsMerged": r.skills_merged,
            "experiencesAdded": r.experiences_added,
        }
    )


def _drop_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None and v != [] and v != ""}


# -- reading -----------------------------------------------------------------------------------------


def _document_loader(url: str, options: dict | None = None) -> dict:
    """Resolve our own context URL locally; refuse every other remote document (no network)."""
    if url.rstrip("/") == CONTEXT_URL:
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": {"@context": CONTEXT}}
    raise JsonLdProfileError(f"remote JSON-LD context {url!r} is not allowed: inline the @context or use {CONTEXT_URL}")


class ImportedProfile(Profile):
    """A profile read from a JSON-LD document, with who produced it."""

    provider: str = "unknown"


def read_jsonld(document: dict | list) -> ImportedProfile:
    """Read a JSON-LD profile document (any compaction of the Orient vocabulary) into a profile.

    Raises ``JsonLdProfileError`` when the document is not JSON-LD we can read or holds no
    ``orient:Profile`` node, or when a value is malformed.
    """
    if not isinstance(document, (dict, list)):
        raise JsonLdProfileError("a JSON-LD profile must be a JSON object")
    try:
        flat = jsonld.flatten(document, CONTEXT, {"documentLoader": _document_loader})
    except JsonLdError as exc:
        chain = _causes(exc)
        ours = next((c for c in chain if isinstance(c, JsonLdProfileError)), None)
        if ours is not None:
            raise ours from None
        deepest = chain[-1]
        code = getattr(deepest, "code", None)
        text = getattr(deepest, "message", None) or str(deepest)
        if isinstance(text, tuple):
            text = " ".join(str(t) for t in text)
        raise JsonLdProfileError(f"not valid JSON-LD: {code + ': ' if code else ''}{text}") from None
    nodes = {n["@id"]: n for n in flat.get("@graph", []) if "@id" in n}
    profiles = [n for n in nodes.values() if "Profile" in _types(n)]
    if not profiles:
        raise JsonLdProfileError("no Profile node (type https://w3id.org/orient/vocab#Profile) in the document")
    if len(profiles) > 1:
        raise JsonLdProfileError(f"the document holds {len(profiles)} profiles; import one at a time")
    return _ProfileReader(nodes).profile(profiles[0])


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and what caused it, outermost first (PyLD nests its errors in ``cause``)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = getattr(current, "cause", None) or current.__cause__ or current.__context__
    return chain


def _types(node: dict) -> list[str]:
    value = node.get("@type", [])
    return value if isinstance(value, list) else [value]


def _values(node: dict, key: str) -> list:
    value = node.get(key)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _literal(value: Any) -> Any:
    if isinstance(value, dict):
        if "@value" in value:
            return value["@value"]
        if "@id" in value:
            return value["@id"]
    return value


def _first(node: dict, key: str) -> Any:
    values = _values(node, key)
    return _literal(values[0]) if values else None


def _str(node: dict, key: str) -> str | None:
    value = _first(node, key)
    return None if value is None else str(value)


def _ids(node: dict, key: str) -> list[str]:
    return [str(_literal(v)) for v in _values(node, key)]


class _ProfileReader:
    def __init__(self, nodes: dict[str, dict]):
        self.nodes = nodes
        self.provider = "unknown"

    def ref(self, value: Any) -> dict:
        """Follow a node reference in the flattened graph."""
        if isinstance(value, dict) and "@id" in value:
            return self.nodes.get(value["@id"], value)
        if isinstance(value, str):
            return self.nodes.get(value, {"@id": value})
        return value

    @staticmethod
    def experience_id(iri: str) -> str:
        """Our experience IRIs map back to their ids; blank nodes lose ``_:``; other IRIs are kept."""
        if iri.startswith(EXPERIENCE_IRI):
            return iri[len(EXPERIENCE_IRI):]
        if iri.startswith("_:"):
            return iri[2:]
        return iri

    def profile(self, node: dict) -> ImportedProfile:
        self.provider = _str(node, "provider") or "unknown"
        experiences = [self.experience(self.ref(v)) for v in _values(node, "experience")]
        data: dict[str, Any] = {
            "person_id": _str(node, "identifier") or "imported",
            "provider": self.provider,
            "language": _str(node, "inLanguage") or "en",
            "persona": _str(node, "persona"),
            "region": _str(node, "region"),
            "experiences": experiences,
            "skills": [self.skill(self.ref(v)) for v in _values(node, "skill")],
            "interests": Interests(riasec=[str(_literal(v)) for v in _values(node, "riasec")], text=_str(node, "interests") or ""),
            "provenance": [self.import_record(self.ref(v)) for v in _values(node, "importRecord")],
        }
        for key in ("dateCreated", "dateModified"):
            if _str(node, key):
                data["created_at" if key == "dateCreated" else "updated_at"] = _str(node, key)
        if node.get("preferences"):
            data["preferences"] = self.preferences(self.ref(_values(node, "preferences")[0]))
        if node.get("target"):
            data["target"] = self.target(self.ref(_values(node, "target")[0]))
        if node.get("gap"):
            data["gap"] = self.gap(self.ref(_values(node, "gap")[0]))
        if node.get("plan"):
            data["plan"] = self.plan(self.ref(_values(node, "plan")[0]))
        return _validated(ImportedProfile, data, "profile")

    def experience(self, node: dict) -> Experience:
        data: dict[str, Any] = {
            "id": self.experience_id(node.get("@id", "")),
            "kind": _str(node, "experienceKind") or "other",
            "title": _str(node, "name") or "",
            "organisation": _str(node, "organisation"),
            "period": Period(
                start=_date(_str(node, "startDate")),
                end=_date(_str(node, "endDate")),
                duration_months=_first(node, "durationMonths"),
            ),
            "status": _str(node, "status") or "past",
            "description": _str(node, "description") or "",
            "details": [str(_literal(v)) for v in _values(node, "detail")],
        }
        if _str(node, "source"):
            data["source"] = _str(node, "source")
        data["provider"] = _str(node, "provider") or self.provider
        if not data["title"]:
            raise JsonLdProfileError(f"experience {node.get('@id', '')!r} has no name")
        return _validated(Experience, data, "experience")

    def _experience_refs(self, node: dict) -> list[str]:
        return [self.experience_id(iri) for iri in _ids(node, "fromExperience")]

    def skill(self, node: dict) -> ProfileSkill:
        uri = _str(node, "escoSkill")
        if not uri:
            raise JsonLdProfileError("a Skill node has no escoSkill (ESCO skill URI)")
        evidence = [self.evidence(self.ref(v)) for v in _values(node, "evidence")]
        data: dict[str, Any] = {
            "uri": uri,
            "label": _str(node, "name") or uri,
            "skill_type": _str(node, "skillType"),
            "level": _str(node, "validationLevel") or "declared",
            "validated_by": _str(node, "validatedBy"),
            "state": _str(node, "state") or "proposed",
            "score": _first(node, "score"),
            "translations": SkillTranslations(
                rome=[code_from_uri(u) for u in _ids(node, "rome")],
                onet=[code_from_uri(u) for u in _ids(node, "onet")],
                method=_str(node, "translationMethod") or "crosswalk",
                validated=bool(_first(node, "translationValidated") or False),
            ),
            "experience_ids": self._experience_refs(node),
            "evidence": evidence,
        }
        if _str(node, "source"):
            data["source"] = _str(node, "source")
        return _validated(ProfileSkill, data, f"skill {uri}")

    def evidence(self, node: dict) -> Evidence:
        exp = self._experience_refs(node)
        data: dict[str, Any] = {
            "text": _str(node, "text") or "",
            "source": _str(node, "source") or "import",
            "experience_id": exp[0] if exp else None,
            "start": _first(node, "spanStart"),
            "end": _first(node, "spanEnd"),
            "document_ref": _str(node, "documentRef"),
            "xapi_statement_id": _str(node, "xapiStatement"),
        }
        data["provider"] = _str(node, "provider") or self.provider
        if _str(node, "dateCreated"):
            data["timestamp"] = _str(node, "dateCreated")
        return _validated(Evidence, data, "evidence")

    def preferences(self, node: dict) -> Preferences:
        return _validated(
            Preferences,
            {
                "location": _str(node, "location"),
                "mobility_km": _first(node, "mobilityKm"),
                "time": _str(node, "workingTime"),
                "remote": _first(node, "remote"),
                "training_appetite": _str(node, "trainingAppetite"),
                "max_training_months": _first(node, "maxTrainingMonths"),
                "text": _str(node, "description") or "",
            },
            "preferences",
        )

    def target(self, node: dict) -> Target:
        uri = node.get("@id", "")
        if not uri.startswith(ESCO_OCCUPATION):
            raise JsonLdProfileError(f"target {uri!r} is not an ESCO occupation URI")
        data: dict[str, Any] = {
            "uri": uri,
            "label": _str(node, "name") or uri,
            "code": _str(node, "occupationalCategory"),
            "rome_codes": [code_from_uri(u) for u in _ids(node, "rome")],
            "onet_codes": [code_from_uri(u) for u in _ids(node, "onet")],
        }
        if _str(node, "dateCreated"):
            data["chosen_at"] = _str(node, "dateCreated")
        return _validated(Target, data, "target")

    def gap(self, node: dict) -> GapSummary:
        target = _values(node, "target")
        data: dict[str, Any] = {
            "target_uri": _literal(target[0]) if target else None,
            "coverage": _first(node, "coverage"),
            "summary": _str(node, "summary") or "",
            "skills": [
                _validated(
                    GapSkill,
                    {
                        "uri": _str(s, "escoSkill") or "",
                        "label": _str(s, "name") or "",
                        "essential": bool(_first(s, "essential") if _first(s, "essential") is not None else True),
                        "status": _str(s, "gapStatus") or "missing",
                        "close_to": _ids(s, "closeTo"),
                        "group": _str(s, "skillGroup"),
                        "rome": [code_from_uri(u) for u in _ids(s, "rome")],
                        "onet": [code_from_uri(u) for u in _ids(s, "onet")],
                    },
                    "gap skill",
                )
                for s in (self.ref(v) for v in _values(node, "gapSkill"))
            ],
        }
        if _str(node, "dateCreated"):
            data["computed_at"] = _str(node, "dateCreated")
        return _validated(GapSummary, data, "gap")

    def plan(self, node: dict) -> Plan:
        data: dict[str, Any] = {
            "gap_summary": _str(node, "summary") or "",
            "next_steps": [str(_literal(v)) for v in _values(node, "nextStep")],
            "trainings": [
                {
                    "id": _str(t, "identifier") or t.get("@id", ""),
                    "title": _str(t, "name") or "",
                    "url": _str(t, "url"),
                    "description": _str(t, "description") or "",
                    "explanation": _str(t, "explanation") or "",
                    "new_skills": _ids(t, "newSkill"),
                    "existing_skills": _ids(t, "existingSkill"),
                    "score": _first(t, "score"),
                    "provider": _str(t, "provider"),
                }
                for t in (self.ref(v) for v in _values(node, "training"))
            ],
            "jobs": [
                {
                    "id": _str(j, "identifier") or j.get("@id", ""),
                    "title": _str(j, "name") or "",
                    "url": _str(j, "url"),
                    "location": _str(j, "location"),
                    "score": _first(j, "score"),
                    "matching_skills": _ids(j, "matchingSkill"),
                    "missing_skills": _ids(j, "missingSkill"),
                }
                for j in (self.ref(v) for v in _values(node, "job"))
            ],
        }
        if _str(node, "dateModified"):
            data["updated_at"] = _str(node, "dateModified")
        return _validated(Plan, data, "plan")

    def import_record(self, node: dict) -> ImportRecord:
        data: dict[str, Any] = {
            "kind": _str(node, "importKind") or "jsonld",
            "provider": _str(node, "provider") or "unknown",
            "source": _str(node, "url"),
            "skills_added": _first(node, "skillsAdded") or 0,
            "skills_merged": _first(node, "skillsMerged") or 0,
            "experiences_added": _first(node, "experiencesAdded") or 0,
        }
        if _str(node, "identifier"):
            data["id"] = _str(node, "identifier")
        if _str(node, "dateCreated"):
            data["imported_at"] = _str(node, "dateCreated")
        return _validated(ImportRecord, data, "import record")


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        if len(value) == 7:  # YYYY-MM
            return date.fromisoformat(value + "-01")
        if len(value) == 4:  # YYYY
            return date(int(value), 1, 1)
        return datetime.fromisoformat(value).date() if "T" in value else date.fromisoformat(value)
    except ValueError:
        raise JsonLdProfileError(f"not a date: {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)") from None


def _validated(model, data: dict, what: str):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise JsonLdProfileError(f"invalid {what}: {where + ': ' if where else ''}{first.get('msg')}") from None
