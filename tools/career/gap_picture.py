"""The gap as a picture: one bar per skill group, split into covered / almost there / missing.

Plain SVG (no scripts, escaped text), so the web chat can inline it and the PDF summary can embed it.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from tools.career.models import SkillsGap

COLOURS = {"covered": "#2e7d32", "almost": "#f9a825", "missing": "#c62828"}
LEGEND = {
    "en": {"covered": "you have it", "almost": "almost there", "missing": "to learn", "title": "Your skills for",
           "counts": "3/5 = skills you have / skills of the group"},
    "fr": {"covered": "acquis", "almost": "presque acquis", "missing": "à acquérir", "title": "Vos compétences pour",
           "counts": "3/5 = compétences acquises / compétences du groupe"},
}


def render_gap_svg(gap: SkillsGap, lang: str | None = None, max_groups: int = 10, width: int = 640) -> str:
    lang = lang if lang in LEGEND else (gap.lang if gap.lang in LEGEND else "en")
    words = LEGEND[lang]
    groups = [g for g in gap.groups if g.total][:max_groups]
    label_w = int(width * 0.42)
    bar_w = width - label_w - 60
    row_h, top = 26, 58
    height = top + row_h * max(len(groups), 1) + 40
    biggest = max((g.total for g in groups), default=1)
    title = f"{words['title']} {gap.target_label}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title, {chr(34): "&quot;"})}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="10" y="22" font-size="15" font-weight="bold">{escape(_clip(title, 70))}</text>',
    ]
    x = 10
    for key in ("covered", "almost", "missing"):
        parts.append(f'<rect x="{x}" y="32" width="12" height="12" fill="{COLOURS[key]}"/>')
        parts.append(f'<text x="{x + 16}" y="42">{escape(words[key])}</text>')
        x += 26 + 7 * len(words[key])
    parts.append(f'<text x="{x}" y="42" fill="#444">{escape(words["counts"])}</text>')  # the numbers after each bar
    for n, group in enumerate(groups):
        y = top + n * row_h
        parts.append(f'<text x="10" y="{y + 15}">{escape(_clip(group.label, 36))}</text>')
        cx = float(label_w)
        for key, items in (("covered", group.covered), ("almost", group.almost), ("missing", group.missing)):
            if not items:
                continue
            w = bar_w * len(items) / biggest
            names = ", ".join(s.label for s in items[:8]) + (" …" if len(items) > 8 else "")
            parts.append(
                f'<rect x="{cx:.1f}" y="{y + 3}" width="{max(w, 2):.1f}" height="18" fill="{COLOURS[key]}">'
                f"<title>{escape(words[key])}: {escape(names)}</title></rect>"
            )
            cx += w
        counts = f"{len(group.covered)}/{group.total}"
        parts.append(f'<text x="{cx + 6:.1f}" y="{y + 16}" fill="#444">{counts}</text>')
    if not groups:
        parts.append(f'<text x="10" y="{top + 16}">{escape(gap.summary.get(lang, ""))}</text>')
    else:
        parts.append(f'<text x="10" y="{height - 12}" fill="#444">{escape(_clip(gap.summary.get(lang, ""), 100))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def picture_skills(gap: SkillsGap, lang: str | None = None) -> list[dict[str, Any]]:
    """Every skill of the picture, once, with its status and group, in the order of ``gap.groups``:
    what the chat's gap card, the side panel (the stored GapSummary) and the PDF all draw, so they
    show the same counts and groups. Covered skills say how they were counted."""
    lang = lang or gap.lang
    covered = {c.uri: c for c in gap.covered}
    missing = {s.uri: s for s in gap.skills}
    rows: list[dict[str, Any]] = []
    for group in gap.groups:
        for status, items in (("covered", group.covered), ("almost", group.almost), ("missing", group.missing)):
            for item in items:
                row: dict[str, Any] = {"uri": item.uri, "label": item.label, "status": status, "group": group.label}
                if item.uri in covered:
                    c = covered[item.uri]
                    row["essential"] = c.relation == "essential"
                    row["credited"] = c.credit.text(lang) if c.credit.via != "held" else None
                elif item.uri in missing:
                    s = missing[item.uri]
                    row["essential"] = s.relation == "essential"
                    row["close_to"] = [x.uri for x in s.close_to]
                    row["rome"] = [t.code for t in s.translations if t.system == "rome"]
                    row["onet"] = [t.code for t in s.translations if t.system == "onet"]
                rows.append(row)
    return rows
