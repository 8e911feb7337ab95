"""Occupation × skill matrices precomputed once per knowledge base, for fast ranking and gaps.

- ``essential`` / ``optional``: sparse 0/1 matrices (occupations × skills) from ESCO's relations.
- ``weight``: an IDF weight per skill (skills asked by many occupations, such as transversal ones,
  weigh less), so that matching a rare, specific skill says more than matching "communication".
- ``credit(skills)``: what the person holds, with partial credit through the skill hierarchy: a skill
  that shares a broader group with a held skill, that is the parent or child of a held skill, or is
  related to one (ESCO skill–skill relations when the knowledge base has them).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import numpy as np
from scipy import sparse

from knowledge.kb_cache import cached_for_kb

# Partial credit, by how the person's skill relates to the asked one.
PARENT_CHILD_CREDIT = 0.5
RELATED_CREDIT = 0.4
SIBLING_CREDIT = 0.35
# Siblings in a big group are weaker evidence: credit × sqrt(SIBLING_GROUP_SIZE / size) when larger.
SIBLING_GROUP_SIZE = 30
# "Almost there" needs at least this much credit (a sibling in a group of up to ~90 skills).
ALMOST_MIN_CREDIT = 0.2



def related_skills(kb: Any) -> dict[str, list[str]]:
    """ESCO skill–skill relations (essential and optional) from the knowledge base's skills."""
    out: dict[str, list[str]] = {}
    for uri, skill in kb.skills.items():
        related = list(getattr(skill, "related_essential", None) or []) + list(getattr(skill, "related_optional", None) or [])
        if related:
            out[uri] = related
    return out


class SkillSpace:
    def __init__(self, kb: Any):
        occupations = kb.occupations
        self.occ_uris: list[str] = list(occupations)
        self.occ_pos = {uri: i for i, uri in enumerate(self.occ_uris)}
        skill_uris = list(kb.skills)
        known = set(skill_uris)
        for occ in occupations.values():
            for uri in list(occ.essential_skills) + list(occ.optional_skills):
                if uri not in known:
                    known.add(uri)
                    skill_uris.append(uri)
        self.skill_uris = skill_uris
        self.skill_pos = {uri: i for i, uri in enumerate(skill_uris)}
        n_occ, n_skill = len(self.occ_uris), len(skill_uris)

        rows_e: list[int] = []
        cols_e: list[int] = []
        rows_o: list[int] = []
        cols_o: list[int] = []
        for i, uri in enumerate(self.occ_uris):
            occ = occupations[uri]
            ess = {self.skill_pos[s] for s in occ.essential_skills}
            rows_e.extend([i] * len(ess))
            cols_e.extend(ess)
            opt = {self.skill_pos[s] for s in occ.optional_skills} - ess
            rows_o.extend([i] * len(opt))
            cols_o.extend(opt)
        shape = (n_occ, n_skill)
        self.essential = sparse.csr_matrix((np.ones(len(rows_e), np.float32), (rows_e, cols_e)), shape=shape)
        self.optional = sparse.csr_matrix((np.ones(len(rows_o), np.float32), (rows_o, cols_o)), shape=shape)
        self.any = (self.essential + self.optional).tocsr()
        self.any.data[:] = 1.0

        self.breadth = np.asarray(self.any.sum(axis=1)).ravel()  # skills listed per occupation
        df = np.asarray(self.any.sum(axis=0)).ravel()
        self.document_frequency = df
        self.weight = (np.log((n_occ + 1.0) / (df + 1.0)) + 0.5).astype(np.float32)
        self.essential_weight_sum = np.asarray(self.essential @ self.weight).ravel()
        self.optional_weight_sum = np.asarray(self.optional @ self.weight).ravel()

        # Hierarchy: groups (any broader concept) with a credit that shrinks for big groups.
        members: dict[str, list[int]] = defaultdict(list)
        parent_pairs: list[tuple[int, int]] = []
        for uri, skill in kb.skills.items():
            i = self.skill_pos[uri]
            for broader in getattr(skill, "broader", None) or []:
                members[broader].append(i)
                j = self.skill_pos.get(broader)
                if j is not None:
                    parent_pairs.append((i, j))
        self.group_uris = list(members)
        rows, cols, vals = [], [], []
        for g, (group, idx) in enumerate(members.items()):
            size = len(idx)
            credit = SIBLING_CREDIT * min(1.0, math.sqrt(SIBLING_GROUP_SIZE / max(size, 1)))
            for i in idx:
                rows.append(i)
                cols.append(g)
                vals.append(credit)
        self.skill_group = sparse.csr_matrix(
            (np.asarray(vals, np.float32), (rows, cols)), shape=(n_skill, max(len(self.group_uris), 1))
        )
        self.skill_group_binary = self.skill_group.copy()
        self.skill_group_binary.data[:] = 1.0

        pairs = parent_pairs + [(j, i) for i, j in parent_pairs]
        related = related_skills(kb)
        rel_pairs = []
        for a, targets in related.items():
            ia = self.skill_pos.get(a)
            if ia is None:
                continue
            for b in targets:
                ib = self.skill_pos.get(b)
                if ib is not None:
                    rel_pairs.extend([(ia, ib), (ib, ia)])
        self.parent_child = _binary(pairs, n_skill)
        self.related = _binary(rel_pairs, n_skill)

    # -- lookups ------------------------------------------------------------------------------
    def indices(self, skill_uris: Iterable[str]) -> np.ndarray:
        return np.asarray(sorted({self.skill_pos[u] for u in skill_uris if u in self.skill_pos}), dtype=np.int64)

    def held_vector(self, skill_uris: Iterable[str]) -> np.ndarray:
        held = np.zeros(len(self.skill_uris), np.float32)
        held[self.indices(skill_uris)] = 1.0
        return held

    def credit(self, held: np.ndarray) -> np.ndarray:
        """Per skill: 1 when held, partial credit when close to a held skill, else 0."""
        credit = held.copy()
        if not held.any():
            return credit
        groups = np.asarray(self.skill_group_binary.T @ held).ravel() > 0
        if groups.any():
            sibling = self.skill_group[:, np.flatnonzero(groups)].max(axis=1)
            credit = np.maximum(credit, sibling.toarray().ravel())
        near = np.asarray(self.parent_child @ held).ravel() > 0
        credit = np.maximum(credit, near * PARENT_CHILD_CREDIT)
        if self.related.nnz:
            rel = np.asarray(self.related @ held).ravel() > 0
            credit = np.maximum(credit, rel * RELATED_CREDIT)
        out: np.ndarray = credit.astype(np.float32)
        return out

    def _neighbours(self, matrix: sparse.csr_matrix, i: int) -> np.ndarray:
        neighbours: np.ndarray = matrix.indices[matrix.indptr[i]:matrix.indptr[i + 1]]
        return neighbours

    def closeness(self, held_uris: Iterable[str], target_uri: str, min_credit: float = ALMOST_MIN_CREDIT) -> list[str]:
        """The held skills that give partial credit for ``target_uri`` (parent/child, related, same group), closest first."""
        t = self.skill_pos.get(target_uri)
        if t is None:
            return []
        held = [self.skill_pos[u] for u in held_uris if u in self.skill_pos and self.skill_pos[u] != t]
        if not held:
            return []
        near = set(self._neighbours(self.parent_child, t).tolist())
        rel = set(self._neighbours(self.related, t).tolist()) if self.related.nnz else set()
        t_groups = self._neighbours(self.skill_group, t)
        t_credit = dict(zip(t_groups.tolist(), self.skill_group.data[self.skill_group.indptr[t]:self.skill_group.indptr[t + 1]].tolist()))
        close: list[tuple[float, int]] = []
        for h in held:
            if h in near:
                close.append((PARENT_CHILD_CREDIT, h))
            elif h in rel:
                close.append((RELATED_CREDIT, h))
            elif t_credit:
                shared = [t_credit[g] for g in self._neighbours(self.skill_group, h).tolist() if g in t_credit]
                if shared and max(shared) >= min_credit:
                    close.append((max(shared), h))
        close.sort(key=lambda x: -x[0])
        return [self.skill_uris[h] for _, h in close]

    @classmethod
    def for_kb(cls, kb: Any) -> SkillSpace:
        return cached_for_kb(kb, "skill_space", lambda: cls(kb))


def _binary(pairs: list[tuple[int, int]], n: int) -> sparse.csr_matrix:
    if not pairs:
        return sparse.csr_matrix((n, n), dtype=np.float32)
    rows, cols = zip(*pairs)
    m = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(n, n))
    m.data[:] = 1.0
    return m
