"""The knowledge base's SQLite file (``kb.sqlite3``): one JSON document per record, plus tables
for SQL lookups (labels, occupation-skill relations, crosswalk pairs) and build metadata.

Records are written once by the build and read whole at start-up; JSON keeps the file readable by
any tool and robust to new optional fields.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from knowledge.models import (
    CrosswalkMatch,
    IscoGroup,
    Occupation,
    OnetOccupation,
    OnetTechnology,
    RomeAppellation,
    RomeItem,
    RomeOccupation,
    Skill,
    SkillGroup,
)

_SPACES = re.compile(r"\s+")


def normalise_label(text: str) -> str:
    """Case-, Unicode-form- and whitespace-insensitive form used for exact label lookups."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


STORE_FILE = "kb.sqlite3"
# Bump when the records' layout changes: a new version rebuilds the store (not the embeddings).
STORE_VERSION = "3"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE skills (uri TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE skill_groups (uri TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE isco_groups (uri TEXT PRIMARY KEY, code TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE occupations (uri TEXT PRIMARY KEY, code TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE rome (code TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE onet (code TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE documents (name TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE crosswalk (
    mapping TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    relation TEXT NOT NULL, label TEXT NOT NULL, appellation TEXT NOT NULL
);
CREATE TABLE labels (uri TEXT NOT NULL, kind TEXT NOT NULL, lang TEXT NOT NULL, label TEXT NOT NULL, preferred INTEGER NOT NULL);
CREATE TABLE occupation_skills (occupation_uri TEXT NOT NULL, skill_uri TEXT NOT NULL, relation TEXT NOT NULL);
CREATE INDEX labels_label ON labels (label COLLATE NOCASE);
CREATE INDEX occupation_skills_skill ON occupation_skills (skill_uri);
CREATE INDEX crosswalk_source ON crosswalk (mapping, source);
"""

CROSSWALK_MAPPINGS = ("esco_to_rome", "rome_to_esco", "esco_to_onet", "onet_to_esco")


def _plain(record: Any) -> Any:
    data = dataclasses.asdict(record)
    for key, value in data.items():
        if isinstance(value, set):
            data[key] = sorted(value)
    return data


def _dumps(record: Any) -> str:
    return json.dumps(_plain(record), ensure_ascii=False, separators=(",", ":"))


def write_store(
    path: Path,
    *,
    skills: dict[str, Skill],
    occupations: dict[str, Occupation],
    skill_groups: dict[str, SkillGroup],
    isco_groups: dict[str, IscoGroup],
    rome: dict[str, RomeOccupation],
    onet: dict[str, OnetOccupation],
    crosswalks: dict[str, dict[str, list[CrosswalkMatch]]],
    meta: dict[str, Any],
) -> None:
    path = Path(path)
    if path.exists():
        path.unlink()
    connection = sqlite3.connect(path)
    try:
        connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        connection.executescript(SCHEMA)
        with connection:
            connection.executemany("INSERT INTO skills VALUES (?, ?)", ((u, _dumps(s)) for u, s in skills.items()))
            connection.executemany("INSERT INTO skill_groups VALUES (?, ?)", ((u, _dumps(g)) for u, g in skill_groups.items()))
            connection.executemany("INSERT INTO isco_groups VALUES (?, ?, ?)", ((u, g.code, _dumps(g)) for u, g in isco_groups.items()))
            connection.executemany("INSERT INTO occupations VALUES (?, ?, ?)", ((u, o.code, _dumps(o)) for u, o in occupations.items()))
            connection.executemany("INSERT INTO rome VALUES (?, ?)", ((c, _dumps(r)) for c, r in rome.items()))
            connection.executemany("INSERT INTO onet VALUES (?, ?)", ((c, _dumps(o)) for c, o in onet.items()))
            connection.executemany(
                "INSERT INTO crosswalk VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (name, source, m.code, m.relation, m.label, m.appellation)
                    for name, mapping in crosswalks.items()
                    for source, matches in mapping.items()
                    for m in matches
                ),
            )
            connection.executemany(
                "INSERT INTO documents VALUES (?, ?)",
                (
                    (name, json.dumps({k: [[m.code, m.relation, m.label, m.appellation] for m in v] for k, v in mapping.items()}, ensure_ascii=False))
                    for name, mapping in crosswalks.items()
                ),
            )
            connection.executemany("INSERT INTO labels VALUES (?, ?, ?, ?, ?)", _label_rows(skills, occupations, skill_groups))
            connection.execute(
                "INSERT INTO documents VALUES (?, ?)",
                ("label_index", json.dumps(label_index(skills, occupations, skill_groups), ensure_ascii=False)),
            )
            connection.executemany(
                "INSERT INTO occupation_skills VALUES (?, ?, ?)",
                (
                    (o.uri, s, relation)
                    for o in occupations.values()
                    for relation, uris in (("essential", o.essential_skills), ("optional", o.optional_skills))
                    for s in uris
                ),
            )
            connection.executemany("INSERT INTO meta VALUES (?, ?)", ((k, json.dumps(v)) for k, v in meta.items()))
    finally:
        connection.close()


def _label_rows(
    skills: dict[str, Skill], occupations: dict[str, Occupation], groups: dict[str, SkillGroup]
) -> Iterable[tuple[str, str, str, str, int]]:
    for kind, records in (("skill", skills), ("occupation", occupations), ("skill_group", groups)):
        for record in records.values():
            for lang, label in record.labels.items():
                yield record.uri, kind, lang, label, 1
            for lang, alts in record.alt_labels.items():
                for alt in alts:
                    yield record.uri, kind, lang, alt, 0


def label_index(
    skills: dict[str, Skill], occupations: dict[str, Occupation], groups: dict[str, SkillGroup]
) -> dict[str, dict[str, list[str]]]:
    """kind -> normalised label (any language, preferred or alternative) -> URIs, preferred labels first."""
    index: dict[str, dict[str, list[str]]] = {}
    for kind, records in (("skill", skills), ("occupation", occupations), ("skill_group", groups)):
        table = index[kind] = {}
        for preferred in (True, False):
            for record in records.values():
                values = record.labels.values() if preferred else (a for alts in record.alt_labels.values() for a in alts)
                for value in values:
                    uris = table.setdefault(normalise_label(value), [])
                    if record.uri not in uris:
                        uris.append(record.uri)
    return index


def read_label_index(path: Path) -> dict[str, dict[str, list[str]]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT data FROM documents WHERE name = 'label_index'").fetchone()
    finally:
        connection.close()
    return orjson.loads(row[0]) if row else {}


def read_meta(path: Path) -> dict[str, Any]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {k: json.loads(v) for k, v in connection.execute("SELECT key, value FROM meta")}
    finally:
        connection.close()


def _skill(data: dict) -> Skill:
    data["collections"] = set(data["collections"])
    return Skill(**data)


def _occupation(data: dict) -> Occupation:
    data["collections"] = set(data["collections"])
    return Occupation(**data)


def _rome(data: dict) -> RomeOccupation:
    data["appellations"] = [RomeAppellation(**a) for a in data["appellations"]]
    data["competences"] = [RomeItem(**i) for i in data["competences"]]
    data["savoirs"] = [RomeItem(**i) for i in data["savoirs"]]
    return RomeOccupation(**data)


def _onet(data: dict) -> OnetOccupation:
    data["technology"] = [OnetTechnology(**t) for t in data["technology"]]
    return OnetOccupation(**data)


def read_store(path: Path) -> dict[str, Any]:
    """Everything in the store as records (what :class:`KnowledgeBase` holds)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    loads = orjson.loads
    try:
        result: dict[str, Any] = {
            "meta": {k: loads(v) for k, v in connection.execute("SELECT key, value FROM meta")},
            "skills": {u: _skill(loads(d)) for u, d in connection.execute("SELECT uri, data FROM skills")},
            "skill_groups": {u: SkillGroup(**loads(d)) for u, d in connection.execute("SELECT uri, data FROM skill_groups")},
            "isco_groups": {u: IscoGroup(**loads(d)) for u, d in connection.execute("SELECT uri, data FROM isco_groups")},
            "occupations": {u: _occupation(loads(d)) for u, d in connection.execute("SELECT uri, data FROM occupations")},
            "rome": {c: _rome(loads(d)) for c, d in connection.execute("SELECT code, data FROM rome")},
            "onet": {c: _onet(loads(d)) for c, d in connection.execute("SELECT code, data FROM onet")},
        }
        crosswalks: dict[str, dict[str, list[CrosswalkMatch]]] = {name: {} for name in CROSSWALK_MAPPINGS}
        for name, data in connection.execute("SELECT name, data FROM documents WHERE name LIKE '%\\_to\\_%' ESCAPE '\\'"):
            crosswalks[name] = {source: [CrosswalkMatch(*m) for m in matches] for source, matches in loads(data).items()}
        result.update(crosswalks)
        return result
    finally:
        connection.close()
