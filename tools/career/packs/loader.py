"""Read a knowledge pack from a folder, a zip archive or one inline document, and validate it fully.

Nothing is stored here: :class:`tools.career.packs.registry.PackRegistry` stores a pack only after
this module accepted it, so a bad pack never replaces a good one.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from tools.career.packs.models import Pack, PackManifest

MANIFEST_NAMES = ("manifest.yaml", "manifest.yml", "manifest.json")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ARCHIVE_BYTES = 50 * 1024 * 1024
LIST_FIELDS = ("skills", "roles", "courses", "programmes", "occupations", "demand_skills")
# CSV columns holding lists ("a;b;c"), per pack list.
LIST_COLUMNS = {
    "skills": {"esco"},
    "roles": {"skills", "next_roles"},
    "courses": {"skills"},
    "programmes": {"sectors", "occupations", "skills"},
}


class PackError(ValueError):
    """A pack that can't be loaded; ``problems`` lists every (file, place, message) found."""

    def __init__(self, problems: list[tuple[str, str, str]]):
        self.problems = problems
        lines = [f"{f}: {where}: {msg}" if where else f"{f}: {msg}" for f, where, msg in problems[:50]]
        more = f"\n... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__("invalid knowledge pack:\n" + "\n".join(lines) + more)


def _parse_document(name: str, data: bytes, field: str = "") -> Any:
    suffix = PurePosixPath(name).suffix.lower()
    text = data.decode("utf-8-sig")
    if suffix == ".json":
        return json.loads(text)
    if suffix in (".yaml", ".yml"):
        return yaml.safe_load(text)
    if suffix == ".csv":
        rows = []
        for row in csv.DictReader(io.StringIO(text)):
            clean: dict[str, Any] = {}
            for key, value in row.items():
                if key is None or value is None or value == "":
                    continue
                key = key.strip()
                if key in LIST_COLUMNS.get(field, ()):
                    clean[key] = [v.strip() for v in value.split(";") if v.strip()]
                elif key.startswith("title_") or key.startswith("label_"):
                    bucket = "titles" if key.startswith("title_") else "labels"
                    clean.setdefault(bucket, {})[key.split("_", 1)[1]] = value.strip()
                else:
                    clean[key] = value.strip()
            rows.append(clean)
        return rows
    raise ValueError(f"unsupported file type {suffix or '(none)'}: use YAML, JSON or CSV")


def _safe_member(name: str) -> str | None:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not name.strip():
        return None
    return str(path)


def _from_files(files: dict[str, bytes], origin: str) -> Pack:
    """``files``: relative path → bytes, including the manifest."""
    problems: list[tuple[str, str, str]] = []
    manifest_name = next((n for n in MANIFEST_NAMES if n in files), None)
    if manifest_name is None:
        raise PackError([(origin, "", f"no manifest ({' / '.join(MANIFEST_NAMES)})")])
    try:
        raw_manifest = _parse_document(manifest_name, files[manifest_name])
    except (ValueError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PackError([(manifest_name, "", f"unreadable: {exc}")]) from exc
    if not isinstance(raw_manifest, dict):
        raise PackError([(manifest_name, "", "the manifest must be a mapping")])
    try:
        manifest = PackManifest.model_validate(raw_manifest)
    except ValidationError as exc:
        raise PackError([(manifest_name, _loc(e), e["msg"]) for e in exc.errors()]) from exc
    content: dict[str, Any] = {"manifest": manifest}
    for field in LIST_FIELDS:
        rel = getattr(manifest.files, field)
        if rel is None:
            continue
        member = _safe_member(rel)
        if member is None:
            problems.append((manifest_name, f"files.{field}", f"{rel!r} must be a relative path inside the pack"))
            continue
        if member not in files:
            problems.append((manifest_name, f"files.{field}", f"file {rel!r} not found in the pack"))
            continue
        try:
            value = _parse_document(member, files[member], field)
        except (ValueError, yaml.YAMLError, UnicodeDecodeError) as exc:
            problems.append((member, "", f"unreadable: {exc}"))
            continue
        if isinstance(value, dict) and isinstance(value.get(field), list):
            value = value[field]
        if not isinstance(value, list):
            problems.append((member, "", f"expected a list of {field}"))
            continue
        content[field] = value
    if problems:
        raise PackError(problems)
    return _validate_content(content, manifest_name, {f: getattr(manifest.files, f) for f in LIST_FIELDS})


def _validate_content(content: dict[str, Any], manifest_name: str, file_of: dict[str, str | None]) -> Pack:
    try:
        return Pack.model_validate(content)
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            loc = e["loc"]
            field = str(loc[0]) if loc else ""
            name = file_of.get(field) or manifest_name
            where = ".".join(str(x) for x in loc[1:]) if len(loc) > 1 else field
            if len(loc) > 1 and isinstance(loc[1], int):
                where = f"item {loc[1] + 1}" + ("." + ".".join(str(x) for x in loc[2:]) if len(loc) > 2 else "")
            problems.append((name, where, e["msg"]))
        raise PackError(problems) from exc


def _loc(error: ErrorDetails) -> str:
    return ".".join(str(x) for x in error.get("loc", ()))


def read_pack_dir(directory: str | Path) -> Pack:
    directory = Path(directory)
    if not directory.is_dir():
        raise PackError([(str(directory), "", "not a folder")])
    files: dict[str, bytes] = {}
    for path in directory.rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            if path.stat().st_size > MAX_FILE_BYTES:
                raise PackError([(str(path), "", f"file larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")])
            files[path.relative_to(directory).as_posix()] = path.read_bytes()
    return _from_files(files, str(directory))


def read_pack_archive(data: bytes, name: str = "pack.zip") -> Pack:
    if len(data) > MAX_ARCHIVE_BYTES:
        raise PackError([(name, "", f"archive larger than {MAX_ARCHIVE_BYTES // (1024 * 1024)} MB")])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise PackError([(name, "", "not a zip archive")]) from exc
    files: dict[str, bytes] = {}
    members = [m for m in archive.infolist() if not m.is_dir()]
    # A single top folder inside the archive is stripped.
    tops = {PurePosixPath(m.filename).parts[0] for m in members}
    strip = len(tops) == 1 and not any(PurePosixPath(m.filename).name in MANIFEST_NAMES and len(PurePosixPath(m.filename).parts) == 1 for m in members)
    total = 0
    for member in members:
        rel = member.filename
        if strip:
            rel = "/".join(PurePosixPath(rel).parts[1:])
        safe = _safe_member(rel)
        if safe is None:
            raise PackError([(name, member.filename, "unsafe path in archive")])
        total += member.file_size
        if member.file_size > MAX_FILE_BYTES or total > MAX_ARCHIVE_BYTES:
            raise PackError([(name, member.filename, "archive content too large")])
        files[safe] = archive.read(member)
    return _from_files(files, name)


def read_pack_document(document: dict[str, Any] | bytes, name: str = "pack.json") -> Pack:
    """One document holding the whole pack inline: {"manifest": {...}, "roles": [...], ...}."""
    if isinstance(document, bytes):
        try:
            document = _parse_document(name, document)
        except (ValueError, yaml.YAMLError, UnicodeDecodeError) as exc:
            raise PackError([(name, "", f"unreadable: {exc}")]) from exc
    if not isinstance(document, dict) or "manifest" not in document:
        raise PackError([(name, "", "expected a mapping with a 'manifest' and the pack's lists")])
    unknown = set(document) - {"manifest", *LIST_FIELDS}
    if unknown:
        raise PackError([(name, "", f"unknown keys: {', '.join(sorted(unknown))}")])
    return _validate_content(dict(document), name, {})
