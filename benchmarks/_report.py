"""What every benchmark reports the same way: latency percentiles and the JSON report file.
(The leading underscore keeps ``orient bench`` from taking this module for a benchmark.)"""

from __future__ import annotations

import json
from pathlib import Path


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def save_report(report: dict, out: Path | None) -> None:
    """Write the whole report as JSON to ``out`` (nothing when ``out`` is None)."""
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_report(report: dict, out: Path | None) -> None:
    """Print the report's figures (lists left out) and save the whole report to ``out``."""
    shown = {k: v for k, v in report.items() if not isinstance(v, list)}
    print(json.dumps(shown, indent=2, ensure_ascii=False))
    if out:
        save_report(report, out)
        print(f"written to {out}")
