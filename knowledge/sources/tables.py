"""Reading delimited reference files with clear errors.

Every importer reads its files through :func:`read_table`, which finds the real header row (some
official crosswalks start with a block of metadata rows), checks the columns the importer needs,
and turns any decoding or parsing problem into a :class:`KnowledgeSourceError` naming the file.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from knowledge.errors import KnowledgeSourceError

csv.field_size_limit(sys.maxsize)

# How many leading rows may be metadata before the real header row.
MAX_HEADER_SEARCH = 50


def _normalise(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().lower()


def read_table(
    path: Path,
    required: list[str],
    delimiter: str = ",",
    quoting: int = csv.QUOTE_MINIMAL,
    pad_short_rows: bool = False,
) -> list[dict[str, str]]:
    """Rows of ``path`` as dicts keyed by the header's column names (stripped).

    The header row is the first row, within the first ``MAX_HEADER_SEARCH``, that holds every
    ``required`` column (compared case-insensitively); rows before it are skipped. A row with
    another number of fields than the header is an error, except that ``pad_short_rows`` accepts
    rows whose trailing empty cells were left out.
    """
    path = Path(path)
    if not path.is_file():
        raise KnowledgeSourceError(path, "file not found")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter, quoting=quoting, strict=True)
            header: list[str] | None = None
            wanted = {_normalise(c) for c in required}
            for row in reader:
                names = [_normalise(c) for c in row]
                if wanted.issubset(names):
                    header = [c.strip().lstrip("\ufeff").strip() for c in row]
                    break
                if reader.line_num > MAX_HEADER_SEARCH:
                    break
            if header is None:
                raise KnowledgeSourceError(
                    path, f"no header row with the columns {', '.join(required)} (is it the right file?)"
                )
            # map normalised required names back to the file's spelling
            rows: list[dict[str, str]] = []
            width = len(header)
            for row in reader:
                if not row or not any(cell.strip() for cell in row):
                    continue
                if len(row) > width or (len(row) < width and not pad_short_rows):
                    raise KnowledgeSourceError(
                        path, f"line {reader.line_num}: {len(row)} fields where the header has {width}"
                    )
                if len(row) < width:  # trailing empty cells left out (the skills hierarchy does this)
                    row = row + [""] * (width - len(row))
                rows.append(dict(zip(header, row)))
    except UnicodeDecodeError as error:
        raise KnowledgeSourceError(path, f"not valid UTF-8 text ({error.reason} at byte {error.start})") from error
    except csv.Error as error:
        raise KnowledgeSourceError(path, f"malformed CSV: {error}") from error
    if not rows:
        raise KnowledgeSourceError(path, "no data rows after the header")
    # give back rows keyed by the required names as the importer spells them
    lookup = {_normalise(h): h for h in header}
    renames = {lookup[_normalise(c)]: c for c in required if lookup[_normalise(c)] != c}
    if renames:
        rows = [{renames.get(k, k): v for k, v in row.items()} for row in rows]
    return rows


def split_lines(value: str) -> list[str]:
    """ESCO multi-valued cells of the main export: one value per line, de-duplicated in order."""
    return _unique(value.split("\n")) if value else []


def split_pipes(value: str) -> list[str]:
    """ESCO multi-valued cells of the collection files: values separated by ' | '."""
    return _unique(value.split("|")) if value else []


def _unique(parts: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for part in parts:
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return list(seen)
