"""Readers for catalog files: CSV, JSON, JSON Lines, schema.org JSON-LD (Course, JobPosting), Parquet,
and LHÉO XML (France's exchange format for training offers, ``<lheo><offres><formation>``).

Each reader yields ``(line, row_dict)`` for a readable row or a :class:`BadRow` for an unreadable one;
the line is the 1-based line of the row in the file (for Parquet: the 1-based row number).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tools.catalog.records import BadRow, CatalogImportError

Row = tuple[int, dict[str, Any]]

_LIST_KEYS = ("@graph", "itemListElement", "items", "courses", "jobs", "offers", "data", "results", "hasPart")


def detect_format(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".xml" or data.lstrip()[:1] == b"<":
        return "lheo"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".json", ".jsonld"):
        return "json"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if data[:4] == b"PAR1":
        return "parquet"
    head = data.lstrip()[:1]
    if head in (b"[", b"{"):
        return "json"
    return "csv"


def read_rows(name: str, data: bytes) -> Iterator[Row | BadRow]:
    fmt = detect_format(name, data)
    if fmt == "lheo":
        yield from _lheo(name, data)
    elif fmt == "parquet":
        yield from _parquet(name, data)
    elif fmt == "jsonl":
        yield from _jsonl(name, data)
    elif fmt == "json":
        yield from _json(name, data)
    else:
        yield from _csv(name, data)


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise CatalogImportError(f"{name}: not UTF-8 text ({exc})") from exc


def _csv(name: str, data: bytes) -> Iterator[Row | BadRow]:
    text = _decode(name, data)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise CatalogImportError(f"{name}: empty file") from None
    header = [h.strip() for h in header]
    if not any(header):
        raise CatalogImportError(f"{name}: no header row")
    start = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield BadRow(file=name, line=start, reason=f"unreadable CSV: {exc}")
            start = reader.line_num + 1
            continue
        line = start
        start = reader.line_num + 1
        if not values or not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            yield BadRow(file=name, line=line, reason=f"expected {len(header)} columns, got {len(values)}")
            continue
        yield line, dict(zip(header, values))


def _jsonl(name: str, data: bytes) -> Iterator[Row | BadRow]:
    for n, line in enumerate(_decode(name, data).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadRow(file=name, line=n, reason=f"invalid JSON: {exc.msg}")
            continue
        for item in _items(value):
            if isinstance(item, dict):
                yield n, item
            else:
                yield BadRow(file=name, line=n, reason="not a JSON object")


def _items(value: Any) -> list[Any]:
    if isinstance(value, list):
        out: list[Any] = []
        for v in value:
            out.extend(_items(v) if isinstance(v, dict) and _container(v) else [v])
        return out
    if isinstance(value, dict):
        if value.get("@type") == "ListItem" and isinstance(value.get("item"), dict):
            return [value["item"]]
        if _container(value):
            for key in _LIST_KEYS:
                if isinstance(value.get(key), list):
                    return _items(value[key])
        return [value]
    return [value]


def _container(value: dict) -> bool:
    typ = value.get("@type")
    if typ in ("Course", "JobPosting", "EducationalOccupationalProgram"):
        return False
    return any(isinstance(value.get(k), list) for k in _LIST_KEYS) or typ == "ListItem"


def _json(name: str, data: bytes) -> Iterator[Row | BadRow]:
    text = _decode(name, data)
    stripped = text.lstrip()
    if stripped.startswith("["):
        yield from _json_array(name, text)
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogImportError(f"{name}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    for n, item in enumerate(_items(value), start=1):
        if isinstance(item, dict):
            yield n, item
        else:
            yield BadRow(file=name, line=n, reason=f"item {n} is not a JSON object")


def _json_array(name: str, text: str) -> Iterator[Row | BadRow]:
    """A top-level array, element by element, so that each row knows its line (and one bad element doesn't sink the file)."""
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    n = len(text)
    while True:
        while pos < n and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= n:
            raise CatalogImportError(f"{name}: unterminated JSON array")
        if text[pos] == "]":
            return
        line = text.count("\n", 0, pos) + 1
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield BadRow(file=name, line=line, reason=f"invalid JSON: {exc.msg}")
            # skip to the next element at the same depth
            skipped = _skip_element(text, pos)
            if skipped is None:
                return
            pos = skipped
            continue
        pos = end
        for item in _items(value) if isinstance(value, dict) and _container(value) else [value]:
            if isinstance(item, dict):
                yield line, item
            else:
                yield BadRow(file=name, line=line, reason="not a JSON object")


def _skip_element(text: str, pos: int) -> int | None:
    depth, in_string, escape = 0, False, False
    for i in range(pos, len(text)):
        ch = text[i]
        if in_string:
            if escape:
                escape = False
            elif ch == "\\":
                escape = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            if depth == 0:
                return i
            depth -= 1
        elif ch == "," and depth == 0:
            return i + 1
    return None


def _parquet(name: str, data: bytes) -> Iterator[Row | BadRow]:
    import pyarrow.parquet as pq
    from pyarrow import ArrowInvalid

    try:
        table = pq.read_table(io.BytesIO(data))
    except ArrowInvalid as exc:
        raise CatalogImportError(f"{name}: unreadable Parquet file ({exc})") from exc
    n = 0
    for batch in table.to_batches(max_chunksize=2048):
        for row in batch.to_pylist():
            n += 1
            yield n, row


def _lheo(name: str, data: bytes) -> Iterator[Row | BadRow]:
    """One row per action (a formation as given at one place and rhythm) of each ``<formation>``:
    the formation's title, objective, expected results and content; the action's place, hours,
    rhythm and web page; the responsible organisation. Tags are read without their namespace (LHÉO
    2.x publishes them in ``http://www.lheo.org/2.2`` or none)."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise CatalogImportError(f"{name}: not well-formed XML ({exc})") from exc
    if _tag(root) != "lheo":
        raise CatalogImportError(f"{name}: an XML file but not LHÉO (root <{_tag(root)}>, expected <lheo>)")
    formations = [el for el in root.iter() if _tag(el) == "formation"]
    if not formations:
        raise CatalogImportError(f"{name}: no <formation> in this LHÉO file")
    for n, formation in enumerate(formations, 1):
        title = _text(formation, "intitule-formation")
        if not title:
            yield BadRow(file=name, line=n, reason="formation without <intitule-formation>")
            continue
        skills = _lheo_items(_text(formation, "objectif-formation")) + _lheo_items(_text(formation, "resultats-attendus"))
        organisation = _child(formation, "organisme-formation-responsable")
        provider = _text(organisation, "raison-sociale") or _text(organisation, "nom-organisme") if organisation is not None else None
        base = {
            "title": title,
            "description": " ".join(t for t in (_text(formation, "objectif-formation"), _text(formation, "contenu-formation")) if t),
            "provider": provider,
            "skills": skills,
            "language": "fr",
            "certification": _text(formation, "code-rncp") or _text(formation, "code-certifinfo"),
            "lheo_format": "LHÉO",
        }
        actions: list[ET.Element | None] = [el for el in formation if _tag(el) == "action"] or [None]
        for k, action in enumerate(actions, 1):
            row = dict(base)
            numero = (formation.get("numero") or str(n)) + (f":{action.get('numero') or k}" if action is not None else "")
            row["id"] = numero
            if action is not None:
                hours = _text(action, "nombre-heures-total") or _text(action, "nombre-heures-centre")
                row["duration"] = f"{hours} heures" if hours else None
                row["schedule"] = _text(action, "rythme-formation")
                row["url"] = _text(action, "urlweb")
                city = _text(_child(action, "lieu-de-formation"), "ville")
                postcode = _text(_child(action, "lieu-de-formation"), "codepostal")
                row["location"] = " ".join(x for x in (postcode, city) if x) or None
                start = _text(action, "debut")
                row["start"] = f"{start[:4]}-{start[4:6]}-{start[6:8]}" if start and len(start) == 8 else start
            yield n, {k: v for k, v in row.items() if v not in (None, "", [])}


def _tag(element: Any) -> str:
    return str(element.tag).rsplit("}", 1)[-1].lower()


def _child(element: Any, tag: str) -> Any:
    if element is None:
        return None
    return next((el for el in element.iter() if _tag(el) == tag), None)


def _text(element: Any, tag: str) -> str | None:
    found = _child(element, tag)
    if found is None:
        return None
    text = " ".join("".join(found.itertext()).split())
    return text or None


def _lheo_items(text: str | None) -> list[str]:
    """Short skill phrases out of an objective or expected results ("Préparer les entrées ; cuire...")."""
    if not text:
        return []
    import re

    parts = re.split(r"[;\n•]|\s-\s|\.\s", text)
    return [p.strip(" .-:") for p in parts if 2 <= len(p.split()) <= 12][:12]


def guess_kind(name: str, rows: list[dict[str, Any]]) -> str | None:
    for row in rows[:20]:
        if row.get("lheo_format"):
            return "courses"
        typ = row.get("@type")
        if typ == "JobPosting":
            return "jobs"
        if typ in ("Course", "EducationalOccupationalProgram", "CourseInstance"):
            return "courses"
    lower = Path(name).name.lower()
    if any(w in lower for w in ("job", "vacanc", "offre", "posting", "emploi")):
        return "jobs"
    if any(w in lower for w in ("course", "formation", "training", "catalog", "mooc", "programme")):
        return "courses"
    keys = {k.lower() for row in rows[:20] for k in row}
    if keys & {"employer", "company", "hiringorganization", "joblocation", "skill_prob_avg", "job_title"}:
        return "jobs"
    if keys & {"course", "partner", "provider", "teaches", "level", "duration"}:
        return "courses"
    return None
