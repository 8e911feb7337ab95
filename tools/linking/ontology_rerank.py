"""Reranking candidates with what the ontology knows beyond labels.

- coverage: share of a label's content words (by a light stem) that occur in the text, so a label
  with words the text never mentions ("monitor swimming-pool infrastructure" for "infrastructure
  architecture") falls behind one the text covers;
- reuse level: transversal and cross-sector skills are the ones people describe most often;
- occupation context: the occupations whose essential/optional skills best explain the top
  candidates lift their other skills a little (skills of the same job hang together);
- skill-group context: the groups of the skills hierarchy that the top candidates fall in lift the
  other skills of those groups a little (for "architecture and design across all systems" beside
  "infrastructure architecture", software architecture rather than buildings).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from tools.linking.text_windows import WORD

if TYPE_CHECKING:
    from knowledge.models import Skill, SkillGroup

REUSE_PRIOR = {"transversal": 1.0, "cross-sector": 0.5, "sector-specific": 0.2, "occupation-specific": 0.0}

STOPWORDS = frozenset(
    """a an the and or of to in on for with at by from as is are be was were been this that these those it its our we you
    your will can may must should have has had who which into their they them not but than other such using use etc
    le la les un une des du de d l et ou en au aux pour par sur dans avec sans est sont être son sa ses leur leurs
    qui que quoi ce cet cette ces il elle ils elles nous vous je j à""".split()
)

_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ers", "er", "ed", "es", "s", "ly", "al", "ive", "ity",
             "eurs", "euse", "eur", "ions", "ion", "er", "és", "ées", "ée", "é", "e")


def stem(word: str) -> str:
    """A crude, language-light stem: lower case, one common suffix off, first six letters."""
    w = word.lower().strip(".-'’")
    for suffix in _SUFFIXES:
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            return w[: len(w) - len(suffix)][:6]
    return w[:6]


def content_stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in WORD.findall(text) if w.lower() not in STOPWORDS)


class CoverageScorer:
    """Best coverage of the text over each concept's label strings."""

    def __init__(self, texts: list[str], owner: np.ndarray, n_concepts: int):
        self.stems: list[list[frozenset[str]]] = [[] for _ in range(n_concepts)]
        for text, o in zip(texts, owner):
            stems = content_stems(text)
            if stems:
                self.stems[int(o)].append(stems)

    def scores(self, text_stems: set[str] | frozenset[str], candidates: np.ndarray, n_concepts: int) -> np.ndarray:
        out = np.zeros(n_concepts, dtype=np.float32)
        for c in candidates:
            best = 0.0
            for stems in self.stems[int(c)]:
                share = len(stems & text_stems) / len(stems)
                if share > best:
                    best = share
            out[c] = best
        return out


def reuse_prior(reuse_levels: list[str]) -> np.ndarray:
    return np.array([REUSE_PRIOR.get(level, 0.2) for level in reuse_levels], dtype=np.float32)


def margin_votes(skill_scores: np.ndarray, top: int) -> np.ndarray:
    """The ``top`` best skills' margins over the last of them, 0 for every other skill: how much each
    candidate speaks for the occupations or groups it belongs to."""
    order = np.argpartition(-skill_scores, min(top, len(skill_scores)) - 1)[:top]
    votes = np.zeros_like(skill_scores)
    votes[order] = np.maximum(skill_scores[order] - skill_scores[order].min(), 0.0)
    return votes


class OccupationContext:
    """Occupation × skill relation matrix (essential 1.0, optional 0.5) and the context prior."""

    def __init__(self, occupation_skills: list[tuple[list[int], list[int]]], n_skills: int):
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for j, (essential, optional) in enumerate(occupation_skills):
            for i in essential:
                rows.append(j)
                cols.append(i)
                vals.append(1.0)
            for i in optional:
                rows.append(j)
                cols.append(i)
                vals.append(0.5)
        n_occ = len(occupation_skills)
        self.relations = sp.csr_matrix((vals, (rows, cols)), shape=(n_occ, n_skills), dtype=np.float32)
        sizes = np.asarray(self.relations.sum(axis=1)).ravel()
        # sqrt-normalised so big occupations do not win by size alone
        self.normalised = sp.diags(1.0 / np.sqrt(sizes + 1.0)).astype(np.float32) @ self.relations
        self.by_skill = self.relations.T.tocsr()

    def occupation_scores(self, skill_scores: np.ndarray, top: int = 50) -> np.ndarray:
        """How well each occupation explains the ``top`` skill candidates (margin over the last one)."""
        scores: np.ndarray = self.normalised @ margin_votes(skill_scores, top)
        return scores

    def skill_prior(self, occupation_scores: np.ndarray, top: int = 10) -> np.ndarray:
        """Skills of the best occupations, weighted by those occupations' scores, scaled to [0, 1]."""
        n = min(top, len(occupation_scores))
        if n == 0:
            return np.zeros(self.relations.shape[1], dtype=np.float32)
        ranked = np.argpartition(-occupation_scores, n)[: n + 1] if n < len(occupation_scores) else np.arange(len(occupation_scores))
        ranked = ranked[np.argsort(-occupation_scores[ranked])]
        best = ranked[:n]
        floor = occupation_scores[ranked[n]] if len(ranked) > n else 0.0
        weights = np.maximum(occupation_scores[best] - floor, 0.0)  # margin over the next occupation
        total = weights.sum()
        if total <= 0:
            return np.zeros(self.relations.shape[1], dtype=np.float32)
        prior = np.asarray(self.relations[best].T @ (weights / total)).ravel().astype(np.float32)
        peak = prior.max()
        return prior / peak if peak > 0 else prior


class SkillGroupContext:
    """Skill x skill-group membership through the ESCO skills hierarchy, and the context prior.

    A skill belongs to every group above it (through broader skills and groups) down from
    ``min_level``: the 4 roots and 28 level-1 groups ("communication, collaboration and creativity")
    are too broad to say what a text is about. Columns are scaled by 1/sqrt(size + 1), as the
    occupation relations are, so that big groups do not win by size alone."""

    def __init__(self, memberships: list[list[int]], n_groups: int):
        rows = [i for i, groups in enumerate(memberships) for _ in groups]
        cols = [g for groups in memberships for g in groups]
        member = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(memberships), n_groups))
        sizes = np.asarray(member.sum(axis=0)).ravel()
        self.normalised = (member @ sp.diags(1.0 / np.sqrt(sizes + 1.0)).astype(np.float32)).tocsr()
        self.transposed = self.normalised.T.tocsr()

    @classmethod
    def from_hierarchy(cls, skills: Sequence[Skill], groups: Mapping[str, SkillGroup], min_level: int = 2) -> SkillGroupContext:
        """``skills``: records with ``broader`` URIs; ``groups``: skill-group records by URI (with
        ``broader`` and ``level``)."""
        by_uri = {s.uri: s for s in skills}
        column: dict[str, int] = {}
        memberships = []
        for skill in skills:
            above, stack = set(), list(skill.broader)
            while stack:  # broader skills and groups, up to the roots
                uri = stack.pop()
                if uri not in above:
                    above.add(uri)
                    node = by_uri.get(uri) or groups.get(uri)
                    stack.extend(getattr(node, "broader", None) or [])
            memberships.append(sorted(column.setdefault(u, len(column)) for u in above
                                      if u in groups and (groups[u].level or 0) >= min_level))
        return cls(memberships, len(column))

    def skill_prior(self, skill_scores: np.ndarray, top: int = 50) -> np.ndarray:
        """How much the groups of the ``top`` candidates (weighted by their margin over the last
        one) hold each skill, scaled to [0, 1]."""
        if len(skill_scores) == 0 or self.normalised.shape[1] == 0:
            return np.zeros(len(skill_scores), dtype=np.float32)
        prior = self.normalised @ (self.transposed @ margin_votes(skill_scores, top))
        peak = prior.max()
        scaled: np.ndarray = (prior / peak if peak > 0 else prior).astype(np.float32)
        return scaled
