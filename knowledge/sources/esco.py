"""ESCO importer: v1.1.1 (en + fr), v1.0 French/Spanish skill labels, German labels, relations.

v1.1.1 ships French skill texts only inside its collection files (transversal, digital, green,
language, research, DigComp); v1.0's full French export lacks the 517 skills added since, among them
most transversal skills (*s'adapter aux exigences physiques*, *participer activement à la vie
civique*). Those come from the collections, so that a French-speaking person can be shown them and the
linker can match them in French.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.models import IscoGroup, Occupation, Skill, SkillGroup
from knowledge.sources.tables import read_table, split_lines, split_pipes

EN = "esco-v1.1.1/en"
FR = "esco-v1.1.1/fr"
REL = "esco-v1.1.1/relations"
V10 = "esco-v1.0-fr-es"
DE = "esco-de-labels"

SKILLS_EN = f"{EN}/skills_en.csv"
OCCUPATIONS_EN = f"{EN}/occupations_en.csv"
SKILL_GROUPS_EN = f"{EN}/skillGroups_en.csv"
HIERARCHY_EN = f"{EN}/skillsHierarchy_en.csv"
ISCO_EN = f"{EN}/ISCOGroups_en.csv"
OCCUPATIONS_FR = f"{FR}/occupations_fr.csv"
SKILL_GROUPS_FR = f"{FR}/skillGroups_fr.csv"
HIERARCHY_FR = f"{FR}/skillsHierarchy_fr.csv"
ISCO_FR = f"{FR}/ISCOGroups_fr.csv"
SKILLS_FR = f"{V10}/skills_fr.csv"
SKILLS_ES = f"{V10}/skills_es.csv"
OCCUPATIONS_ES = f"{V10}/occupations_es.csv"
SKILLS_DE = f"{DE}/skills_de_preflabels_esco_v1.0.3_from_BA_mapping.csv"
OCCUPATIONS_DE = f"{DE}/occupations_de_labels_from_MELO.csv"
BROADER_SKILLS = f"{REL}/broaderRelationsSkillPillar.csv"
BROADER_OCCUPATIONS = f"{REL}/broaderRelationsOccPillar.csv"
OCCUPATION_SKILLS = f"{REL}/occupationSkillRelations.csv"
SKILL_SKILLS = f"{REL}/skillSkillRelations.csv"

SKILL_COLLECTIONS = {
    "digital": f"{EN}/digitalSkillsCollection_en.csv",
    "green": f"{EN}/greenSkillsCollection_en.csv",
    "transversal": f"{EN}/transversalSkillsCollection_en.csv",
    "language": f"{EN}/languageSkillsCollection_en.csv",
    "research": f"{EN}/researchSkillsCollection_en.csv",
    "digcomp": f"{EN}/digCompSkillsCollection_en.csv",
}
OCCUPATION_COLLECTIONS = {"research": f"{EN}/researchOccupationsCollection_en.csv"}
SKILL_COLLECTIONS_FR = [path.replace(EN, FR).replace("_en.csv", "_fr.csv") for path in SKILL_COLLECTIONS.values()]

SOURCE_FILES = [
    SKILLS_EN, OCCUPATIONS_EN, SKILL_GROUPS_EN, HIERARCHY_EN, ISCO_EN,
    OCCUPATIONS_FR, SKILL_GROUPS_FR, HIERARCHY_FR, ISCO_FR,
    SKILLS_FR, SKILLS_ES, OCCUPATIONS_ES, SKILLS_DE, OCCUPATIONS_DE,
    BROADER_SKILLS, BROADER_OCCUPATIONS, OCCUPATION_SKILLS, SKILL_SKILLS,
    *SKILL_COLLECTIONS.values(), *OCCUPATION_COLLECTIONS.values(), *SKILL_COLLECTIONS_FR,
]
# Where a v1.0 French label lost its commas, two spaces stand for them ("santé  sécurité et hygiène").
_LOST_SEPARATOR = re.compile(r"(\S+)  +(?=\S)")
_FUNCTION_WORDS = {"à", "a", "de", "des", "du", "d", "le", "la", "les", "l", "un", "une", "au", "aux", "en", "the", "of", "to"}


@dataclass
class EscoData:
    skills: dict[str, Skill] = field(default_factory=dict)
    occupations: dict[str, Occupation] = field(default_factory=dict)
    skill_groups: dict[str, SkillGroup] = field(default_factory=dict)
    isco_groups: dict[str, IscoGroup] = field(default_factory=dict)
    skill_skill_relations: int = 0
    occupation_skill_relations: int = 0


def load_esco(data_dir: Path) -> EscoData:
    data_dir = Path(data_dir)
    esco = EscoData()
    _read_skills(data_dir, esco)
    _read_skill_groups(data_dir, esco)
    _read_isco_groups(data_dir, esco)
    _read_occupations(data_dir, esco)
    _read_other_languages(data_dir, esco)
    _read_collections(data_dir, esco)
    _read_relations(data_dir, esco)
    return esco


def _read_skills(data_dir: Path, esco: EscoData) -> None:
    cols = ["conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "hiddenLabels", "description"]
    for row in read_table(data_dir / SKILLS_EN, cols):
        uri = row["conceptUri"].strip()
        if not uri:
            continue
        skill = Skill(uri=uri, skill_type=row["skillType"].strip(), reuse_level=row["reuseLevel"].strip())
        _set_texts(skill, "en", row)
        esco.skills[uri] = skill


def restore_separators(label: str) -> str:
    """A label whose commas became double spaces, with them back: a comma where the double spaces
    part a list (several of them, or one before a later "et"/"and"/"ou"/"or"), one space otherwise
    ("achats  électroniques", "un appui à  des dirigeants")."""
    if "  " not in label:
        return label
    parts = label.split("  ")
    listed = len(parts) > 2 or bool(re.search(r"\b(et|and|ou|or)\b", parts[-1]))

    def joined(match: re.Match) -> str:
        word = match.group(1)
        separator = ", " if listed and word.lower().strip("'’") not in _FUNCTION_WORDS else " "
        return word + separator
    return _LOST_SEPARATOR.sub(joined, label).strip()


def _set_texts(concept, lang: str, row: dict[str, str], multi_valued=split_lines) -> None:
    label = restore_separators(row.get("preferredLabel", "").strip())
    if label:
        concept.labels[lang] = label
    alts = [restore_separators(a) for a in multi_valued(row.get("altLabels", "")) if a != label]
    if alts:
        concept.alt_labels[lang] = alts
    hidden = split_lines(row.get("hiddenLabels", ""))
    if hidden and hasattr(concept, "hidden_labels"):
        concept.hidden_labels[lang] = hidden
    description = row.get("description", "").strip()
    if description:
        concept.description[lang] = description


def _set_texts_from(path: Path, cols: list[str], concepts: dict, lang: str) -> None:
    """Labels, alt labels and descriptions in ``lang`` from ``path`` onto the concepts already read in English."""
    for row in read_table(path, cols):
        concept = concepts.get(row["conceptUri"].strip())
        if concept is not None:
            _set_texts(concept, lang, row)


def _read_skill_groups(data_dir: Path, esco: EscoData) -> None:
    cols = ["conceptUri", "preferredLabel", "altLabels", "description", "code"]
    for row in read_table(data_dir / SKILL_GROUPS_EN, cols):
        group = SkillGroup(uri=row["conceptUri"].strip(), code=row["code"].strip())
        _set_texts(group, "en", row)
        esco.skill_groups[group.uri] = group
    _set_texts_from(data_dir / SKILL_GROUPS_FR, cols, esco.skill_groups, "fr")
    # levels (and French labels for the hierarchy's top concepts) from the hierarchy files
    for path, lang in ((HIERARCHY_EN, "en"), (HIERARCHY_FR, "fr")):
        cols = [f"Level {i} URI" for i in range(4)] + [f"Level {i} preferred term" for i in range(4)]
        for row in read_table(data_dir / path, cols, pad_short_rows=True):
            for level in range(4):
                uri = row[f"Level {level} URI"].strip()
                if not uri:
                    continue
                group = esco.skill_groups.get(uri)
                if group is None:
                    group = esco.skill_groups[uri] = SkillGroup(uri=uri)
                group.level = level
                term = row[f"Level {level} preferred term"].strip()
                if term and lang not in group.labels:
                    group.labels[lang] = term


def _read_isco_groups(data_dir: Path, esco: EscoData) -> None:
    cols = ["conceptUri", "code", "preferredLabel", "description"]
    for row in read_table(data_dir / ISCO_EN, cols):
        group = IscoGroup(uri=row["conceptUri"].strip(), code=row["code"].strip())
        _set_texts(group, "en", row)
        esco.isco_groups[group.uri] = group
    _set_texts_from(data_dir / ISCO_FR, cols, esco.isco_groups, "fr")


def _read_occupations(data_dir: Path, esco: EscoData) -> None:
    cols = ["conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "description", "code"]
    for row in read_table(data_dir / OCCUPATIONS_EN, cols):
        uri = row["conceptUri"].strip()
        occupation = Occupation(uri=uri, code=row["code"].strip(), isco_group=row["iscoGroup"].strip())
        _set_texts(occupation, "en", row)
        esco.occupations[uri] = occupation
    _set_texts_from(data_dir / OCCUPATIONS_FR, cols, esco.occupations, "fr")


def _read_other_languages(data_dir: Path, esco: EscoData) -> None:
    cols = ["conceptUri", "preferredLabel", "altLabels", "description"]
    _set_texts_from(data_dir / SKILLS_FR, cols, esco.skills, "fr")
    for path in SKILL_COLLECTIONS_FR:  # skills added since v1.0: French texts only in the collections
        for row in read_table(data_dir / path, cols):
            skill = esco.skills.get(row["conceptUri"].strip())
            if skill is not None and "fr" not in skill.labels:
                _set_texts(skill, "fr", row, multi_valued=split_pipes)
    _set_texts_from(data_dir / SKILLS_ES, cols, esco.skills, "es")
    _set_texts_from(data_dir / OCCUPATIONS_ES, cols, esco.occupations, "es")
    for row in read_table(data_dir / SKILLS_DE, ["conceptUri", "preferredLabel_de"]):
        skill = esco.skills.get(row["conceptUri"].strip())
        label = row["preferredLabel_de"].strip()
        if skill is not None and label:
            skill.labels["de"] = label
    for row in read_table(data_dir / OCCUPATIONS_DE, ["conceptUri", "label_de"]):
        uri, label = row["conceptUri"].strip(), row["label_de"].strip()
        if not label:
            continue
        concept = esco.occupations.get(uri) or esco.isco_groups.get(uri)
        if concept is not None:
            concept.labels.setdefault("de", label)


def _read_collections(data_dir: Path, esco: EscoData) -> None:
    for name, path in SKILL_COLLECTIONS.items():
        for row in read_table(data_dir / path, ["conceptUri"]):
            skill = esco.skills.get(row["conceptUri"].strip())
            if skill is not None:
                skill.collections.add(name)
    for name, path in OCCUPATION_COLLECTIONS.items():
        for row in read_table(data_dir / path, ["conceptUri"]):
            occupation = esco.occupations.get(row["conceptUri"].strip())
            if occupation is not None:
                occupation.collections.add(name)


def _read_relations(data_dir: Path, esco: EscoData) -> None:
    for row in read_table(data_dir / BROADER_SKILLS, ["conceptUri", "broaderUri"]):
        uri, broader = row["conceptUri"].strip(), row["broaderUri"].strip()
        concept = esco.skills.get(uri) or esco.skill_groups.get(uri)
        if concept is not None and broader and broader not in concept.broader:
            concept.broader.append(broader)
    for row in read_table(data_dir / BROADER_OCCUPATIONS, ["conceptUri", "broaderUri"]):
        uri, broader = row["conceptUri"].strip(), row["broaderUri"].strip()
        concept = esco.occupations.get(uri) or esco.isco_groups.get(uri)
        if concept is not None and broader and broader not in concept.broader:
            concept.broader.append(broader)
    for row in read_table(data_dir / OCCUPATION_SKILLS, ["occupationUri", "relationType", "skillUri"]):
        occupation = esco.occupations.get(row["occupationUri"].strip())
        skill_uri = row["skillUri"].strip()
        if occupation is None or skill_uri not in esco.skills:
            continue
        target = occupation.essential_skills if row["relationType"].strip() == "essential" else occupation.optional_skills
        target.append(skill_uri)
        esco.occupation_skill_relations += 1
    for row in read_table(data_dir / SKILL_SKILLS, ["originalSkillUri", "relationType", "relatedSkillUri"]):
        skill = esco.skills.get(row["originalSkillUri"].strip())
        related = row["relatedSkillUri"].strip()
        if skill is None or related not in esco.skills:
            continue
        target = skill.related_essential if row["relationType"].strip() == "essential" else skill.related_optional
        target.append(related)
        esco.skill_skill_relations += 1
