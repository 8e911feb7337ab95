"""Reads every source and joins them: crosswalk codes onto ESCO, ROME and O*NET records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge.models import CrosswalkMatch, IscoGroup, Occupation, OnetOccupation, RomeOccupation, Skill, SkillGroup
from knowledge.sources import crosswalks as crosswalk_source
from knowledge.sources import esco as esco_source
from knowledge.sources import onet as onet_source
from knowledge.sources import rome as rome_source

SOURCE_FILES: list[str] = [
    *esco_source.SOURCE_FILES,
    *rome_source.SOURCE_FILES,
    *onet_source.SOURCE_FILES,
    *crosswalk_source.SOURCE_FILES,
]


@dataclass
class ImportedKnowledge:
    skills: dict[str, Skill]
    occupations: dict[str, Occupation]
    skill_groups: dict[str, SkillGroup]
    isco_groups: dict[str, IscoGroup]
    rome: dict[str, RomeOccupation]
    onet: dict[str, OnetOccupation]
    crosswalks: dict[str, dict[str, list[CrosswalkMatch]]]
    counts: dict[str, int]


def import_sources(data_dir: Path) -> ImportedKnowledge:
    data_dir = Path(data_dir)
    esco = esco_source.load_esco(data_dir)
    rome = rome_source.load_rome(data_dir)
    onet = onet_source.load_onet(data_dir)
    codes = {g.code: g.uri for g in esco.isco_groups.values()}
    codes.update({o.code: o.uri for o in esco.occupations.values() if o.code})
    walks = crosswalk_source.load_crosswalks(
        data_dir,
        appellation_to_rome=rome_source.appellation_index(rome),
        esco_code_to_uri=codes,
        rome_labels={code: r.label for code, r in rome.items()},
        esco_labels={uri: o.label("en") for uri, o in esco.occupations.items()},
    )
    for uri, matches in walks.esco_to_rome.items():
        if uri in esco.occupations:
            esco.occupations[uri].rome_codes = list(dict.fromkeys(m.code for m in matches))
    for uri, matches in walks.esco_to_onet.items():
        if uri in esco.occupations:
            esco.occupations[uri].onet_codes = list(dict.fromkeys(m.code for m in matches))
    for code, matches in walks.rome_to_esco.items():
        if code in rome:
            rome[code].esco_uris = list(dict.fromkeys(m.code for m in matches))
    for code, matches in walks.onet_to_esco.items():
        if code in onet:
            onet[code].esco_uris = list(dict.fromkeys(m.code for m in matches))
    crosswalks = {
        "esco_to_rome": walks.esco_to_rome,
        "rome_to_esco": walks.rome_to_esco,
        "esco_to_onet": walks.esco_to_onet,
        "onet_to_esco": walks.onet_to_esco,
    }
    counts = {
        "skills": len(esco.skills),
        "occupations": len(esco.occupations),
        "skill_groups": len(esco.skill_groups),
        "isco_groups": len(esco.isco_groups),
        "occupation_skill_relations": esco.occupation_skill_relations,
        "skill_skill_relations": esco.skill_skill_relations,
        "rome_occupations": len(rome),
        "rome_appellations": sum(len(r.appellations) for r in rome.values()),
        "onet_occupations": len(onet),
        "esco_rome_pairs": sum(len(m) for m in walks.esco_to_rome.values()),
        "esco_onet_pairs": sum(len(m) for m in walks.esco_to_onet.values()),
    }
    return ImportedKnowledge(
        skills=esco.skills,
        occupations=esco.occupations,
        skill_groups=esco.skill_groups,
        isco_groups=esco.isco_groups,
        rome=rome,
        onet=onet,
        crosswalks=crosswalks,
        counts=counts,
    )
