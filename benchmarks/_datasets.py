"""Reading a benchmark's CSV file. Every ``orient bench`` command that takes a dataset reads it
with :func:`read_csv_rows` before it loads the knowledge base, so a file that is missing, not UTF-8
text, not CSV or short of a column stops at once with one line naming the file and what is wrong
(exit status 2), never with a traceback. A byte-order mark (spreadsheet exports) is accepted.
(The leading underscore keeps ``orient bench`` from taking this module for a benchmark.)"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path


class DatasetError(ValueError):
    """A benchmark file that cannot be read as the benchmark needs it; the message names the file."""


def read_csv_rows(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    """All rows of ``path`` as dicts (a value missing from a short row reads as ""), after checking
    that every column in ``required`` is in the header."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"dataset not found: {path}")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DatasetError(f"{path}: not UTF-8 text (line {line}): save it as UTF-8 CSV") from None
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        columns = [c for c in reader.fieldnames or [] if c is not None]
        missing = sorted(set(required) - set(columns))
        if missing:
            raise DatasetError(f"{path}: missing column(s) {', '.join(missing)} (columns: {', '.join(map(repr, columns)) or 'none'})")
        return [{key: value or "" for key, value in row.items() if key is not None} for row in reader]
    except csv.Error as error:
        raise DatasetError(f"{path}: not readable as CSV near line {reader.line_num} ({error})") from None
