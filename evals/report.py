"""Writing eval results: per-case transcripts (JSON and Markdown) with pass/fail and the failed
checks, ``summary.json``, and the summary table printed to the terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from evals.runner import CaseResult


def percentile(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 2) if values else 0.0


def repeated_turns(result: CaseResult, min_chars: int = 80) -> list[int]:
    """Agent turns (1-based) that repeat, word for word, a paragraph of ``min_chars`` or more that
    an earlier agent turn of the case already showed."""
    seen: set[str] = set()
    repeated: list[int] = []
    for i, item in enumerate(result.transcript, 1):
        paragraphs = [" ".join(p.split()) for p in item["agent"]["text"].split("\n")]
        long = [p for p in paragraphs if len(p) >= min_chars]
        if any(p in seen for p in long):
            repeated.append(i)
        seen.update(long)
    return repeated


def turns_to_confirmed_profile(result: CaseResult) -> int | None:
    """The agent turn at which the skills step was over with skills confirmed: the first turn that
    asks about interests or later (None when the case never got there)."""
    later = ("interests", "preferences", "target_choice", "share_consent", "end")
    for i, item in enumerate(result.transcript, 1):
        if item["agent"]["expecting"] in later:
            return i
    return None


def case_json(result: CaseResult) -> dict[str, Any]:
    repeated = repeated_turns(result)
    return {
        "id": result.id,
        "passed": result.passed,
        "failed_checks": result.failed_checks,
        "checks": [{"name": c.name, "passed": c.passed, "detail": c.detail} for c in result.checks],
        "error": result.error,
        "turns": result.turns,
        "messages": len(result.transcript),
        "steps": step_latency([result]),
        "repeated_turns": repeated,
        "repeated_share": round(len(repeated) / max(len(result.transcript), 1), 4),
        "turns_to_confirmed_profile": turns_to_confirmed_profile(result),
        "skills_precision": result.skills_precision,
        "wall_s": round(result.wall_s, 3),
        "p50_ms": percentile(result.turn_ms, 50),
        "p95_ms": percentile(result.turn_ms, 95),
        "transcript": result.transcript,
    }


def case_markdown(result: CaseResult) -> str:
    lines = [f"# {result.id}: {'PASS' if result.passed else 'FAIL'}", ""]
    if result.error:
        lines += [f"**Error**: `{result.error}`", ""]
    lines += ["| check | result | detail |", "|---|---|---|"]
    lines += [f"| {c.name} | {'✅' if c.passed else '❌'} | {c.detail} |" for c in result.checks]
    lines += ["", f"{result.turns} turns, {result.wall_s:.2f} s, p50 {percentile(result.turn_ms, 50)} ms per turn", ""]
    for item in result.transcript:
        agent = item["agent"]
        if item["user"] is not None:
            tag = " _(interjection)_" if item.get("interjection") else ""
            lines.append(f"**User**{tag}: {item['user']}")
            lines.append("")
        lines.append(f"**Orient** [{agent['expecting']}{' ' + str(agent['expecting_context']) if agent['expecting_context'] else ''}]"
                     f" ({item['ms']} ms):")
        lines += ["> " + line if line else ">" for line in agent["text"].splitlines()]
        if agent["quick_replies"]:
            lines.append("> " + " · ".join(f"`{q['label']}`" for q in agent["quick_replies"]))
        if agent["cards"]:
            lines.append("> cards: " + ", ".join(f"{c['kind']}: {c['title']}" for c in agent["cards"]))
        lines.append("")
    return "\n".join(lines)


# The advice steps, told apart by the cards of their reply (the turn-latency targets are per step).
STEP_CARDS = {"moves": {"move"}, "plan": {"gap", "course", "job"}}


def step_latency(results: list[CaseResult]) -> dict[str, dict[str, float | int]]:
    """p50 / p95 ms and count of the turns that showed career moves, and of those that showed the plan
    (gap, trainings or jobs)."""
    out: dict[str, dict[str, float | int]] = {}
    for step, kinds in STEP_CARDS.items():
        ms = [item["ms"] for r in results for item in r.transcript
              if kinds & {card.get("kind") for card in (item.get("agent") or {}).get("cards", [])}]
        out[step] = {"turns": len(ms), "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95)}
    return out


def write_results(results: list[CaseResult], out_dir: Path) -> dict[str, Any]:
    out_dir.mkdir(parents=True, exist_ok=True)
    for result in results:
        (out_dir / f"{result.id}.json").write_text(json.dumps(case_json(result), ensure_ascii=False, indent=2),
                                                   encoding="utf-8")
        (out_dir / f"{result.id}.md").write_text(case_markdown(result), encoding="utf-8")
    all_ms = [ms for r in results for ms in r.turn_ms]
    passed = sum(1 for r in results if r.passed)
    repeated = sum(len(repeated_turns(r)) for r in results)
    messages = sum(len(r.transcript) for r in results)
    to_profile = [t for t in (turns_to_confirmed_profile(r) for r in results) if t is not None]
    precisions = [r.skills_precision for r in results if r.skills_precision is not None]
    summary = {
        "cases": len(results),
        "passed": passed,
        "pass_rate": round(passed / len(results), 4) if results else 0.0,
        "turns": sum(len(r.turn_ms) for r in results),
        "p50_ms": percentile(all_ms, 50),
        "p95_ms": percentile(all_ms, 95),
        "steps": step_latency(results),
        "repeated_turns": repeated,
        "repeated_share": round(repeated / max(messages, 1), 4),
        "turns_to_confirmed_profile_mean": round(sum(to_profile) / len(to_profile), 2) if to_profile else None,
        "skills_precision_mean": round(sum(precisions) / len(precisions), 4) if precisions else None,
        "results": [
            {k: v for k, v in case_json(r).items() if k != "transcript"} for r in results
        ],
    }
    (out_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    return summary


def summary_table(summary: dict[str, Any]) -> str:
    rows = [("case", "result", "turns", "repeated", "to profile", "precision", "p50 ms", "p95 ms", "failed checks")]
    for r in summary["results"]:
        precision = r.get("skills_precision")
        rows.append((r["id"], "PASS" if r["passed"] else "FAIL", str(r["messages"]), str(len(r.get("repeated_turns") or [])),
                     str(r.get("turns_to_confirmed_profile") or "-"), "-" if precision is None else f"{precision:.2f}",
                     f"{r['p50_ms']:.1f}", f"{r['p95_ms']:.1f}", ", ".join(r["failed_checks"]) or "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(f"pass rate {summary['passed']}/{summary['cases']} = {summary['pass_rate']:.0%}; "
                 f"{summary['turns']} agent turns, p50 {summary['p50_ms']:.1f} ms, p95 {summary['p95_ms']:.1f} ms per turn")
    steps = summary.get("steps") or {}
    if steps:
        lines.append("; ".join(f"{name} step p50 {s['p50_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms ({s['turns']} turns)"
                               for name, s in steps.items()))
    precision = summary.get("skills_precision_mean")
    lines.append(f"repeated agent turns {summary['repeated_turns']} = {summary['repeated_share']:.1%} of turns (goal <= 5%); "
                 f"turns to a confirmed profile {summary.get('turns_to_confirmed_profile_mean') or '-'} (mean); "
                 f"skills precision {'-' if precision is None else f'{precision:.2f}'} (mean over cases that list acceptable skills)")
    return "\n".join(lines)
