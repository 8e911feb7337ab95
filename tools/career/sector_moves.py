"""Moves for high-school pupils: sectors (ROME domains) and study programmes (university packs)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from tools.career.access_routes import qualifications_in
from tools.career.interests import InterestProfile, riasec_affinity
from tools.career.labels import label
from tools.career.models import CareerMove, MoveReason, SkillRef
from tools.career.packs.models import LoadedPacks
from tools.career.preferences import CareerPreferences
from tools.career.rome_facts import RomeFacts

SHORT_LEVELS = ("bac+1", "bac+2", "bac +2", "bts", "but", "dut", "cap", "bep", "certificate", "short", "vocational")
LONG_LEVELS = ("master", "bac+5", "bac +5", "phd", "doctorate", "engineer", "ingenieur")


def rank_sectors(
    kb: Any, facts: RomeFacts, final: np.ndarray, interests: InterestProfile, lang: str, limit: int = 3
) -> list[CareerMove]:
    """ROME domains ranked by their best occupations' scores, each with example jobs."""
    by_domain: dict[str, list[int]] = defaultdict(list)
    order = np.argsort(-final)[:300]
    for i in order:
        if final[i] <= 0:
            break
        domain = facts.domain[int(i)]
        if domain:
            by_domain[domain].append(int(i))
    scored = []
    for domain, members in by_domain.items():
        top = [float(final[i]) for i in members[:3]]
        scored.append((sum(top) / 3.0, domain, members[:3]))
    scored.sort(key=lambda x: -x[0])
    moves = []
    space = facts.space
    for score, domain, members in scored[:limit]:
        examples = [SkillRef(uri=space.occ_uris[i], label=label(kb, space.occ_uris[i], lang)) for i in members]
        names = {lg: ", ".join(label(kb, space.occ_uris[i], lg) for i in members) for lg in ("en", "fr")}
        sector_label = facts.domain_label(domain, lang) or domain
        letters = "".join(sorted({facts.major[i] for i in members if facts.major[i] and interests.riasec.get(facts.major[i])}))
        why = {
            "en": f"A sector (ROME domain {domain}) that fits your interests and what you already do; jobs such as {names['en']}.",
            "fr": f"Un secteur (domaine ROME {domain}) qui correspond à vos goûts et à ce que vous savez faire ; des métiers comme {names['fr']}.",
        }
        codes = sorted({c for i in members for c in facts.rome_codes[i] if c.startswith(domain)})
        moves.append(
            CareerMove(
                kind="sector",
                uri=f"rome-domain:{domain}",
                label=sector_label,
                code=domain,
                rome_codes=codes,
                score=round(score, 4),
                why=why,
                reasons=["sector"] + ([f"interests:{letters}"] if letters else []),
                sector=sector_label,
                target_uri=space.occ_uris[members[0]],
                examples=examples,
            )
        )
    return moves


def rank_programmes(
    kb: Any,
    facts: RomeFacts,
    final: np.ndarray,
    interests: InterestProfile,
    prefs: CareerPreferences,
    packs: LoadedPacks,
    sectors: list[CareerMove],
    lang: str,
    limit: int = 3,
) -> list[CareerMove]:
    """Study programmes of the loaded university packs, ranked by the occupations and sectors they lead to."""
    space = facts.space
    top_sectors = {m.code for m in sectors}
    peak = float(final.max()) if len(final) and final.max() > 0 else 1.0
    scored = []
    for pack in packs.university:
        for prog in pack.programmes:
            occ_idx = [space.occ_pos[u] for u in prog.occupations if u in space.occ_pos]
            occ_score = max((float(final[i]) for i in occ_idx), default=0.0) / peak
            domains = set(prog.sectors) | {facts.domain[i] for i in occ_idx if facts.domain[i]}
            sector_hit = 1.0 if domains & top_sectors else 0.0
            aff = riasec_affinity(interests, prog.riasec[0], prog.riasec[1] if len(prog.riasec) > 1 else None) if prog.riasec else 0.0
            score = 0.6 * occ_score + 0.2 * sector_hit + 0.2 * aff
            level = (prog.level or "").lower()
            short = any(x in level for x in SHORT_LEVELS) or (prog.duration_years is not None and prog.duration_years <= 2)
            long_ = any(x in level for x in LONG_LEVELS) or (prog.duration_years is not None and prog.duration_years >= 4)
            if prefs.short_studies or prefs.short_training:
                score *= 1.25 if short else (0.6 if long_ else 1.0)
            if prefs.long_studies and long_:
                score *= 1.15
            if score <= 0:
                continue
            best = max(occ_idx, key=lambda i: final[i]) if occ_idx else None
            scored.append((score, pack, prog, best, short))
    scored.sort(key=lambda x: -x[0])
    moves = []
    for score, pack, prog, best, short in scored[:limit]:
        title = prog.titles.get(lang) or prog.title
        known = [u for u in prog.occupations if u in space.occ_pos][:3]
        names = {lg: ", ".join(label(kb, u, lg) for u in known) for lg in ("en", "fr")}
        level = f" ({prog.level})" if prog.level else ""
        why = {
            "en": f"A study programme{level} at {pack.name} leading to jobs such as {names['en'] or 'the sectors above'}."
            + (" A short programme, as you wished." if short and (prefs.short_studies or prefs.short_training) else ""),
            "fr": f"Une formation{level} de {pack.name} qui mène à des métiers comme {names['fr'] or 'les secteurs ci-dessus'}."
            + (" Une formation courte, comme vous le souhaitez." if short and (prefs.short_studies or prefs.short_training) else ""),
        }
        moves.append(
            CareerMove(
                kind="study_programme",
                uri=f"pack:{pack.id}:programme:{prog.id}",
                label=title,
                code=prog.level,
                score=round(score, 4),
                why=why,
                reasons=["study_programme"],
                target_uri=space.occ_uris[best] if best is not None else None,
                examples=[SkillRef(uri=u, label=label(kb, u, lang)) for u in known],
                source=pack.id,
            )
        )
    return moves


def interleave(occupations: list[CareerMove], sectors: list[CareerMove], programmes: list[CareerMove], k: int) -> list[CareerMove]:
    """Occupation, sector, occupation, programme, ...: a pupil sees jobs, sectors and studies together.

    The first item is always an occupation (when there is one), so a gap can be computed for it.
    """
    streams = {"occ": iter(occupations), "sec": iter(sectors), "prog": iter(programmes)}
    pattern = ("occ", "sec", "occ", "prog")
    out: list[CareerMove] = []
    exhausted: set[str] = set()
    while len(out) < k and len(exhausted) < len(streams):
        for slot in pattern:
            if len(out) >= k:
                break
            item = next(streams[slot], None)
            if item is None:
                exhausted.add(slot)
            else:
                out.append(item)
    return out


def rank_tracks(kb: Any, facts: RomeFacts, final: np.ndarray, prefs: CareerPreferences, lang: str,
                limit: int = 3) -> list[CareerMove]:
    """Study tracks for a pupil, from ROME's *accès au métier* of the occupations that fit them best:
    the qualifications a pupil can prepare after their class (CAP, Bac pro, Bac, BTS, BUT, BPJEPS...),
    each for the job family it leads to, with the track that gets there (see access_routes)."""
    space = facts.space
    seen: set[tuple[str, str]] = set()
    scored: list[tuple[float, str, Any, int]] = []
    for i in np.argsort(-final)[:40]:
        i = int(i)
        if final[i] <= 0:
            break
        for code in facts.rome_codes[i]:
            record = (getattr(kb, "rome", None) or {}).get(code)
            if record is None or not getattr(record, "access", ""):
                continue
            for q in qualifications_in(record.access):
                if q.level is None or q.level > 6 or not q.track:
                    continue
                key = (q.name, code)
                if key in seen:
                    continue
                seen.add(key)
                short = q.level <= 4
                score = float(final[i]) * (1.2 if short and (prefs.short_studies or prefs.short_training) else 1.0)
                scored.append((score, code, q, i))
    scored.sort(key=lambda x: -x[0])
    moves: list[CareerMove] = []
    names: set[str] = set()
    for score, code, q, i in scored:
        if len(moves) >= limit:
            break
        if q.name in names:  # one move per qualification: its best job family
            continue
        names.add(q.name)
        record = kb.rome[code]
        occupation = space.occ_uris[i]
        job = {lg: label(kb, occupation, lg) for lg in ("en", "fr")}
        why = {
            "en": f"{q.track['en']}. Leads to jobs such as {job['en']} (ROME {code}).",
            "fr": f"{q.track['fr']}. Mène à des métiers comme {job['fr']} (ROME {code}, {record.label}).",
        }
        # ROME names its job families in French only: an English title names the ESCO occupation
        title = f"{q.name} — {record.label if lang == 'fr' else job['en']}"
        moves.append(CareerMove(
            kind="study_programme", uri=f"rome-track:{code}:{q.name}", label=title, code=q.name, rome_codes=[code],
            score=round(score, 4), why=why, reasons=["study_track"],
            details=[MoveReason(kind="study_track", text=why, source=SkillRef(uri=occupation, label=job[lang]))],
            sector=facts.domain_label(facts.domain[i], lang), target_uri=occupation,
            examples=[SkillRef(uri=occupation, label=job[lang])], step="change",
        ))
    return moves
