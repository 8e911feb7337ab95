"""An occupation the person names ("cashier supervisor", "carer", "coach sportif"), found with the title matcher.

The title matcher ranks ESCO occupations for a title. A title that says the person leads the work
("cashier supervisor", "chef d'équipe caisse", "responsable de magasin") often matches the job that
is led best ("cashier"): then the supervising occupation is looked for among the step ups from that
job (same ROME family or a usual ROME move, at a higher skill level, see
:mod:`tools.career.progression`) whose own label says it leads, the one the title matcher scores best.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from tools.career.progression import step_ups
from tools.career.rome_facts import RomeFacts
from tools.career.skill_space import SkillSpace

LEAD_WORDS = re.compile(
    r"\b(supervisor|manager|head|chief|foreman|forewoman|team leader|overseer|lead|leader|responsable|chef|"
    r"superviseur|superviseuse|encadrant\w*|gérant\w*|gerant\w*|directeur|directrice)\b",
    re.IGNORECASE,
)


def _label(kb: Any, uri: str, lang: str) -> str:
    labels: dict[str, str] = kb.occupations[uri].labels or {}
    return labels.get(lang) or labels.get("en", "")


def resolve_occupation(kb: Any, linker: Any, text: str, lang: str = "en") -> tuple[str, float] | None:
    """(ESCO occupation URI, title score) for the name, or None when the matcher finds nothing."""
    results = linker.link_titles(text, lang=lang, top_k=10)
    if not results:
        return None
    top = results[0]
    if not LEAD_WORDS.search(text) or top.uri not in kb.occupations:
        return top.uri, float(top.score)
    if LEAD_WORDS.search(_label(kb, top.uri, "en")) or LEAD_WORDS.search(_label(kb, top.uri, lang)):
        return top.uri, float(top.score)
    space = SkillSpace.for_kb(kb)
    facts = RomeFacts.for_kb(kb)
    everything = np.ones(len(space.occ_uris), bool)
    ups = step_ups(kb, space, facts, [space.occ_pos[top.uri]], everything)
    leading = [i for i in np.flatnonzero(ups)
               if LEAD_WORDS.search(_label(kb, space.occ_uris[int(i)], "en"))
               or LEAD_WORDS.search(_label(kb, space.occ_uris[int(i)], lang))]
    if not leading:
        for result in results[1:]:
            if result.uri in kb.occupations and LEAD_WORDS.search(_label(kb, result.uri, lang) + " " +
                                                                   _label(kb, result.uri, "en")):
                return result.uri, float(result.score)
        return top.uri, float(top.score)
    scores = linker.title_scores(text, lang)
    order = {u: n for n, u in enumerate(getattr(linker, "occupation_uris", []) or [])}
    if order and len(scores) == len(order):
        best = max(leading, key=lambda i: float(scores[order[space.occ_uris[int(i)]]])
                   if space.occ_uris[int(i)] in order else -1.0)
        uri = space.occ_uris[int(best)]
        return uri, float(scores[order[uri]]) if uri in order else float(top.score)
    by_uri = {r.uri: r.score for r in results}
    best = max(leading, key=lambda i: by_uri.get(space.occ_uris[int(i)], 0.0))
    return space.occ_uris[int(best)], float(by_uri.get(space.occ_uris[int(best)], top.score))
