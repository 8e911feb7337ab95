"""What the career rankers need from ROME, per ESCO occupation, precomputed once per knowledge base.

Reads the knowledge base's ``rome`` records (RIASEC, domain, centres d'intérêt, mobility links) and
the ESCO→ROME crosswalk on each occupation (``rome_codes``), and turns them into arrays aligned with
:class:`tools.career.skill_space.SkillSpace`'s occupation order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from knowledge.kb_cache import cached_for_kb
from tools.career.interests import CENTRE_CODES
from tools.career.rome_domains import domain_name
from tools.career.skill_space import SkillSpace


def _field(record: Any, *names: str) -> Any:
    for name in names:
        if isinstance(record, dict):
            if record.get(name) is not None:
                return record[name]
        elif getattr(record, name, None) is not None:
            return getattr(record, name)
    return None


def riasec_letters(record: Any) -> tuple[str | None, str | None]:
    """(major, minor) RIASEC letters of a ROME record, whatever shape the knowledge base stores."""
    value = _field(record, "riasec")
    major = _field(record, "riasec_major", "riasec_majeur")
    minor = _field(record, "riasec_minor", "riasec_mineur")
    if value is not None and major is None:
        if isinstance(value, dict):
            major = value.get("major") or value.get("majeur")
            minor = value.get("minor") or value.get("mineur")
        elif isinstance(value, (list, tuple)):
            letters = [str(v) for v in value if v]
            major = letters[0] if letters else None
            minor = letters[1] if len(letters) > 1 else None
        else:
            text = "".join(ch for ch in str(value).upper() if ch in "RIASEC")
            major = text[0] if text else None
            minor = text[1] if len(text) > 1 else None
    return (major or None), (minor or None)


def domain_of(code: str, record: Any) -> tuple[str, str]:
    """(domain code, domain label) of a ROME code: the 'domaine professionnel' (letter + 2 digits)."""
    domain = _field(record, "domain", "domaine", "domain_code")
    label = _field(record, "domain_label", "domaine_label", "libelle_domaine_professionnel")
    if isinstance(domain, dict):
        label = label or domain.get("label") or domain.get("libelle")
        domain = domain.get("code")
    elif domain is not None and not isinstance(domain, str):
        label = label or getattr(domain, "label", None)
        domain = getattr(domain, "code", None)
    if isinstance(domain, str) and len(domain) > 3 and not label:
        # Some stores keep the label in ``domain``.
        label, domain = domain, code[:3]
    domain = domain or code[:3]
    return str(domain), str(label or domain)


def _codes(items: Any, *dict_keys: str) -> list[str]:
    """Codes (as strings) of a list of ROME links: dicts (the first non-empty ``dict_keys`` value), pairs, records or plain codes."""
    out = []
    for item in items:
        if isinstance(item, dict):
            value = None
            for key in dict_keys:  # like item.get(k1) or item.get(k2) or ...
                value = item.get(key)
                if value:
                    break
            out.append(str(value))
        elif isinstance(item, (list, tuple)):
            out.append(str(item[0]))
        elif hasattr(item, "code"):
            out.append(str(item.code))
        else:
            out.append(str(item))
    return out


def centres_of(record: Any) -> list[str]:
    """Centre d'intérêt codes (as strings) of a ROME record (labels are mapped to their codes)."""
    codes = _codes(_field(record, "centres_interet", "centres", "interests") or [], "code", "code_centre_interet", "label")
    return [CENTRE_CODES.get(c.strip(), c) for c in codes]


def mobility_of(record: Any) -> list[str]:
    codes = _codes(_field(record, "mobility", "mobilite", "mobility_links") or [], "code", "target", "code_rome_cible")
    return [c for c in codes if c and c != "None"]


class RomeFacts:
    def __init__(self, kb: Any):
        space = SkillSpace.for_kb(kb)
        self.space = space
        rome = getattr(kb, "rome", None) or {}
        self.rome = rome
        n = len(space.occ_uris)
        self.rome_codes: list[list[str]] = []
        self.major = np.full(n, "", dtype="<U1")
        self.minor = np.full(n, "", dtype="<U1")
        self.domain: list[str | None] = [None] * n
        self.domain_labels: dict[str, str] = {}
        self.occ_centres: list[set[str]] = []
        self.by_rome: dict[str, list[int]] = defaultdict(list)
        self.by_domain: dict[str, list[int]] = defaultdict(list)
        centre_letters: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for code, record in rome.items():
            major, minor = riasec_letters(record)
            for centre in centres_of(record):
                if major:
                    centre_letters[centre][major] += 1.0
                if minor:
                    centre_letters[centre][minor] += 0.5
        for i, uri in enumerate(space.occ_uris):
            occ = kb.occupations[uri]
            codes = [str(c) for c in (getattr(occ, "rome_codes", None) or [])]
            self.rome_codes.append(codes)
            centres: set[str] = set()
            for code in codes:
                self.by_rome[code].append(i)
                record = rome.get(code)
                if record is None:
                    continue
                major, minor = riasec_letters(record)
                if major and not self.major[i]:
                    self.major[i] = major
                    self.minor[i] = minor or ""
                centres.update(centres_of(record))
                if self.domain[i] is None:
                    d, label = domain_of(code, record)
                    self.domain[i] = d
                    self.domain_labels[d] = label
            self.occ_centres.append(centres)
            domain = self.domain[i]
            if domain:
                self.by_domain[domain].append(i)
        # Centre d'intérêt → normalised RIASEC distribution of its occupations.
        self.centre_riasec: dict[str, dict[str, float]] = {}
        for centre, letters in centre_letters.items():
            top = max(letters.values())
            self.centre_riasec[centre] = {k: v / top for k, v in letters.items()}

    def domain_label(self, domain: str | None, lang: str) -> str | None:
        """The name of a ROME domain (as ``self.domain`` holds them) in ``lang``; None for none."""
        if not domain:
            return None
        return domain_name(domain, self.domain_labels.get(domain, domain), lang)

    def mobility_targets(self, occ_indices: list[int]) -> dict[str, float]:
        """ROME codes reachable by a mobility link from these occupations' ROME codes (weight 1 = strongest)."""
        targets: dict[str, float] = {}
        for i in occ_indices:
            for code in self.rome_codes[i]:
                record = self.rome.get(code)
                if record is None:
                    continue
                links = mobility_of(record)
                for rank, target in enumerate(links):
                    weight = 1.0 - 0.8 * rank / max(len(links), 1)  # ROME lists the closest moves first
                    targets[target] = max(targets.get(target, 0.0), weight)
        return targets

    @classmethod
    def for_kb(cls, kb: Any) -> RomeFacts:
        return cached_for_kb(kb, "rome_facts", lambda: cls(kb))
