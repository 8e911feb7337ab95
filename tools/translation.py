"""Translating between ontologies: ESCO <-> ROME <-> O*NET.

Occupations go through the official crosswalks (ESCO-ROME by France Travail, ESCO-O*NET by the
ESCO secretariat and the US DoL); every such match is marked ``source='official_crosswalk'``.
When no official pair exists, the closest labels of the target system are proposed instead and
marked ``source='semantic_fallback'`` with their similarity score, so that nobody mistakes them for
an official mapping. ESCO skills have no official ROME mapping: they are matched to ROME
compétences and savoirs by label similarity, marked as semantic too.
"""

from __future__ import annotations

import weakref
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field
from sklearn.feature_extraction.text import TfidfVectorizer

System = Literal["esco", "rome", "onet"]
Source = Literal["official_crosswalk", "semantic_fallback", "identity"]


class TranslationMatch(BaseModel):
    code: str = Field(description="ESCO URI, ROME code, O*NET-SOC code, or ROME compétence/savoir code OGR")
    label: str
    system: System
    kind: str = Field(default="occupation", description="occupation | competence | savoir | skill")
    source: Source
    relation: str = Field(default="", description="SKOS relation of an official pair (exactMatch, closeMatch, ...)")
    score: float | None = Field(default=None, description="similarity of the labels, for semantic fallbacks")
    basis: str = Field(default="", description="what a fallback rests on: 'labels' or 'labels+isco_group <code>'")
    rome_codes: list[str] = Field(default_factory=list, description="ROME occupations listing a compétence/savoir")


class Translation(BaseModel):
    source_id: str
    source_label: str
    source_system: System
    source_kind: str
    target_system: System
    matches: list[TranslationMatch]

    @property
    def official(self) -> bool:
        return any(m.source == "official_crosswalk" for m in self.matches)


class UnknownConcept(ValueError):
    pass


def identify(kb, uri_or_code: str) -> tuple[System, str, object]:
    """(system, kind, record) of an ESCO URI, a ROME code or an O*NET code."""
    key = uri_or_code.strip()
    if key in kb.occupations:
        return "esco", "occupation", kb.occupations[key]
    if key in kb.skills:
        return "esco", "skill", kb.skills[key]
    if key.upper() in kb.rome:
        return "rome", "occupation", kb.rome[key.upper()]
    if key in kb.onet:
        return "onet", "occupation", kb.onet[key]
    occupation = kb.occupation_by_code(key) if hasattr(kb, "occupation_by_code") else None
    if occupation is not None:
        return "esco", "occupation", occupation
    raise UnknownConcept(f"unknown concept {uri_or_code!r}: expected an ESCO skill or occupation URI or code, a ROME code (e.g. D1505) or an O*NET-SOC code (e.g. 41-2011.00)")


def translate(kb, uri_or_code: str, to: System = "rome", top_k: int = 5) -> Translation:
    """Translate an occupation (or an ESCO skill, to ROME) into another system."""
    if to not in ("esco", "rome", "onet"):
        raise ValueError(f"unknown target system {to!r}: use esco, rome or onet")
    system, kind, record = identify(kb, uri_or_code)
    source_id, source_label = _id_and_label(system, record)
    result = Translation(source_id=source_id, source_label=source_label, source_system=system, source_kind=kind, target_system=to, matches=[])
    if system == to:
        result.matches = [TranslationMatch(code=source_id, label=source_label, system=to, kind=kind, source="identity", score=1.0)]
        return result
    if kind == "skill":
        if to == "rome":
            result.matches = _skill_to_rome(kb, record, top_k)
        else:  # no skill-level O*NET crosswalk: the occupations needing the skill are the way across
            result.matches = _semantic(kb, to, _labels_of(record), top_k, kind="occupation")
        return result
    official = _official(kb, system, to, source_id)
    if official:
        result.matches = official
    elif system == "esco" and to in ("rome", "onet"):
        result.matches = _esco_occupation_fallback(kb, record, to, top_k)
    else:
        result.matches = _semantic(kb, to, _labels_of(record), top_k)
    return result


def _id_and_label(system: str, record) -> tuple[str, str]:
    if system == "esco":
        return record.uri, record.label("en")
    if system == "rome":
        return record.code, record.label
    return record.code, record.title


def _labels_of(record) -> dict[str, str]:
    labels = getattr(record, "labels", None)
    if labels:
        return dict(labels)
    if hasattr(record, "title"):
        return {"en": record.title}
    return {"fr": record.label}


def _official(kb, system: str, to: str, source_id: str) -> list[TranslationMatch]:
    if system == "esco" and to == "rome":
        pairs = kb.esco_to_rome.get(source_id, [])
    elif system == "esco" and to == "onet":
        pairs = kb.esco_to_onet.get(source_id, [])
    elif system == "rome" and to == "esco":
        pairs = kb.rome_to_esco.get(source_id, [])
    elif system == "onet" and to == "esco":
        pairs = kb.onet_to_esco.get(source_id, [])
    elif system in ("rome", "onet"):  # ROME <-> O*NET: through the ESCO occupations both map to
        via = kb.rome_to_esco.get(source_id, []) if system == "rome" else kb.onet_to_esco.get(source_id, [])
        table = kb.esco_to_onet if to == "onet" else kb.esco_to_rome
        pairs = [m for esco in via for m in table.get(esco.code, [])]
    else:
        pairs = []
    out: dict[str, TranslationMatch] = {}
    for m in pairs:
        if m.code in out:
            continue
        out[m.code] = TranslationMatch(code=m.code, label=_target_label(kb, to, m.code, m.label), system=to, source="official_crosswalk", relation=m.relation)
    return list(out.values())


def _target_label(kb, system: str, code: str, fallback: str) -> str:
    if system == "rome" and code in kb.rome:
        return kb.rome[code].label
    if system == "onet" and code in kb.onet:
        return kb.onet[code].title
    if system == "esco" and code in kb.occupations:
        return kb.occupations[code].label("en")
    return fallback or code


# ---- semantic fallback: character n-gram TF-IDF over the target system's labels -----------------


class _LabelSpace:
    def __init__(self, ids: list[str], texts: list[str], labels: list[str], kinds: list[str], extra: list[list[str]] | None = None):
        self.ids, self.texts, self.labels, self.kinds = ids, texts, labels, kinds
        self.extra = extra or [[] for _ in ids]
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32)
        # transposed once, in the row format the product takes (transposing per search converted the
        # whole matrix each time: 13 ms of every skill a person was proposed)
        self.columns = self.vectorizer.fit_transform(texts).T.tocsr()

    def similarities(self, queries: list[str]) -> np.ndarray:
        """Per label, its best cosine to any of the queries."""
        return (self.vectorizer.transform(queries) @ self.columns).toarray().max(axis=0)

    def search(self, queries: list[str], top_k: int) -> list[tuple[int, float]]:
        sims = self.similarities(queries)
        best: dict[str, tuple[int, float]] = {}
        for i in np.argsort(-sims):
            if sims[i] <= 0 or len(best) >= top_k:
                break
            if self.ids[i] not in best:
                best[self.ids[i]] = (int(i), float(sims[i]))
        return list(best.values())


_SPACES: weakref.WeakKeyDictionary[object, dict[tuple[str, str], _LabelSpace]] = weakref.WeakKeyDictionary()


def _space(kb, system: str, kind: str) -> _LabelSpace:
    """The label space of a target system, built once per knowledge base."""
    spaces = _SPACES.setdefault(kb, {})
    if (system, kind) not in spaces:
        spaces[(system, kind)] = _build_space(kb, system, kind)
    return spaces[(system, kind)]


def _build_space(kb, system: str, kind: str) -> _LabelSpace:
    ids, texts, labels, kinds, extra = [], [], [], [], []
    if system == "rome" and kind == "occupation":
        for code, r in kb.rome.items():
            for text in [r.label, *(a.label for a in r.appellations)]:
                ids.append(code), texts.append(text), labels.append(r.label), kinds.append("occupation"), extra.append([])
    elif system == "rome":  # compétences and savoirs, with the ROME codes that list them
        items: dict[str, tuple[str, str, list[str]]] = {}
        for code, r in kb.rome.items():
            for item in [*r.competences, *r.savoirs]:
                entry = items.setdefault(item.code, (item.label, "savoir" if item.kind == "savoir" else "competence", []))
                entry[2].append(code)
        for code, (label, k, romes) in items.items():
            ids.append(code), texts.append(label), labels.append(label), kinds.append(k), extra.append(sorted(set(romes)))
    elif system == "onet":
        for code, o in kb.onet.items():
            ids.append(code), texts.append(o.title), labels.append(o.title), kinds.append("occupation"), extra.append([])
    else:  # esco occupations, English and French labels
        for uri, o in kb.occupations.items():
            for lang in ("en", "fr"):
                for text in [o.labels.get(lang, ""), *o.alt_labels.get(lang, [])]:
                    if text:
                        ids.append(uri), texts.append(text), labels.append(o.label("en")), kinds.append("occupation"), extra.append([])
    return _LabelSpace(ids, texts, labels, kinds, extra)


def _semantic(kb, system: str, labels: dict[str, str], top_k: int, kind: str = "occupation") -> list[TranslationMatch]:
    # ROME is French: prefer the French label; O*NET is English.
    order = ("fr", "en") if system == "rome" else ("en", "fr")
    queries = [labels[lang] for lang in order if labels.get(lang)] or list(labels.values())[:1]
    if not queries:
        return []
    space = _space(kb, system, kind)
    out = []
    for i, score in space.search(queries, top_k):
        out.append(
            TranslationMatch(
                code=space.ids[i], label=space.labels[i], system=system, kind=space.kinds[i],
                source="semantic_fallback", score=round(score, 4), rome_codes=space.extra[i], basis="labels",
            )
        )
    return out


def _esco_occupation_fallback(kb, occupation, to: str, top_k: int) -> list[TranslationMatch]:
    """An ESCO occupation with no official pair: candidates are the targets that the official
    crosswalk gives to the other occupations of its ISCO unit group (and its broader occupations),
    ranked by label similarity plus how often the group maps there; pure label similarity when the
    group has no pairs either. Always marked ``semantic_fallback``."""
    table = kb.esco_to_rome if to == "rome" else kb.esco_to_onet
    related = [o.uri for o in kb.occupations.values() if o.isco_group and o.isco_group == occupation.isco_group and o.uri != occupation.uri]
    related += [u for u in getattr(kb, "ancestors", lambda _u: [])(occupation.uri) if u in kb.occupations]
    counts: dict[str, int] = {}
    for uri in related:
        for code in dict.fromkeys(m.code for m in table.get(uri, [])):
            counts[code] = counts.get(code, 0) + 1
    labels = _labels_of(occupation)
    if not counts:
        return _semantic(kb, to, labels, top_k)
    space = _space(kb, to, "occupation")
    order = ("fr", "en") if to == "rome" else ("en", "fr")
    queries = [labels[lang] for lang in order if labels.get(lang)]
    sims = space.similarities(queries)
    best_sim: dict[str, float] = {}
    for i, code in enumerate(space.ids):
        if code in counts and sims[i] > best_sim.get(code, -1.0):
            best_sim[code] = float(sims[i])
    top_count = max(counts.values())
    scored = sorted(((0.5 * best_sim.get(c, 0.0) + 0.5 * n / top_count, c) for c, n in counts.items()), reverse=True)[:top_k]
    return [
        TranslationMatch(code=code, label=_target_label(kb, to, code, code), system=to, source="semantic_fallback",
                         score=round(score, 4), basis=f"labels+isco_group {occupation.isco_group}")
        for score, code in scored
    ]


def _skill_to_rome(kb, skill, top_k: int) -> list[TranslationMatch]:
    return _semantic(kb, "rome", _labels_of(skill), top_k, kind="item")
