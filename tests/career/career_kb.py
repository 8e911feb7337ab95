"""A small knowledge base for the career tests, built with the real KnowledgeBase class from hand-made records, so that
the career tools' behaviour can be checked exactly (URIs are ESCO-shaped but invented)."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from knowledge.models import Occupation, RomeItem, RomeOccupation, Skill, SkillGroup

S = "http://data.europa.eu/esco/skill/t-"
O = "http://data.europa.eu/esco/occupation/t-"
G = "http://data.europa.eu/esco/skill/g-"


def s(name: str) -> str:
    return S + name


def o(name: str) -> str:
    return O + name


SKILLS = {
    # name: (en label, fr label, group, skill_type)
    "forklift": ("operate forklift", "conduire un chariot élévateur", "ops", "skill/competence"),
    "wms": ("operate warehouse record systems", "utiliser les systèmes d'enregistrement d'entrepôt", "ops", "skill/competence"),
    "inventory": ("carry out inventory control accuracy", "assurer l'exactitude des stocks", "ops", "skill/competence"),
    "spreadsheets": ("use spreadsheets software", "utiliser un tableur", "data", "skill/competence"),
    "budgets": ("manage budgets", "gérer des budgets", "management", "skill/competence"),
    "analysis": ("perform data analysis", "analyser des données", "data", "skill/competence"),
    "statistics": ("statistics", "statistiques", "data", "knowledge"),
    "sql": ("SQL", "SQL", "data", "knowledge"),
    "bi": ("business intelligence", "informatique décisionnelle", "data", "knowledge"),
    "lead": ("lead a team", "diriger une équipe", "management", "skill/competence"),
    "service": ("provide customer service", "assurer le service client", "people", "skill/competence"),
    "cash": ("operate cash register", "utiliser une caisse enregistreuse", "people", "skill/competence"),
    "childcare": ("look after children", "s'occuper des enfants", "people", "skill/competence"),
    "firstaid": ("first aid", "premiers secours", "people", "knowledge"),
    "video": ("edit digital moving images", "monter des images animées numériques", "media", "skill/competence"),
    "communication": ("communication", "communication", "people", "skill/competence"),
}

GROUPS = {
    "root": ("skills", None, 0),
    "ops": ("handling and moving", "root", 1),
    "data": ("working with computers", "root", 1),
    "management": ("management skills", "root", 1),
    "people": ("assisting and caring", "root", 1),
    "media": ("creating artistic works", "root", 1),
}

OCCUPATIONS = {
    # name: (en, fr, code, essential, optional, rome)
    "warehouse": ("warehouse worker", "magasinier", "9333.1", ["forklift", "wms", "inventory"], ["spreadsheets", "communication"], ["N1103"]),
    "manager": ("warehouse manager", "responsable d'entrepôt", "1324.3", ["lead", "budgets", "wms"], ["inventory", "communication"], ["N1301"]),
    "analyst": ("data analyst", "analyste de données", "2511.3", ["analysis", "statistics", "sql", "spreadsheets"], ["bi", "communication"], ["M1403"]),
    "cashier": ("cashier", "caissier", "5230.1", ["cash", "service"], ["communication"], ["D1505"]),
    "childcare": ("child care worker", "assistant de garde d'enfants", "5311.1", ["childcare", "firstaid"], ["communication"], ["K1303"]),
    "editor": ("video editor", "monteur vidéo", "3521.2", ["video"], ["communication"], ["L1509"]),
}

ROME = {
    "N1103": ("Préparateur / Préparatrice de commandes", "R", "C", "N11", "Magasinage", ["J'aime le travail manuel"], ["N1301"]),
    "N1301": ("Responsable d'entrepôt", "E", "C", "N13", "Encadrement logistique", ["J'ai l'âme d'un chef / d'une cheffe"], []),
    "M1403": ("Chargé / Chargée d'études socio-économiques", "I", "C", "M14", "Organisation et études", ["J'aime manier les chiffres"], []),
    "D1505": ("Personnel de caisse", "C", "S", "D15", "Vente", ["J'ai le sens du contact"], ["N1103"]),
    "K1303": ("Garde d'enfant", "S", "A", "K13", "Aide à la vie quotidienne", ["Je souhaite m'occuper d'enfants"], []),
    "L1509": ("Monteur / Monteuse audiovisuel", "A", "R", "L15", "Techniciens du spectacle", ["Je suis un / une artiste"], []),
}


def build_career_kb() -> KnowledgeBase:
    groups = {}
    for name, (label, parent, level) in GROUPS.items():
        groups[G + name] = SkillGroup(uri=G + name, code=name, labels={"en": label, "fr": label},
                                      broader=[G + parent] if parent else [], level=level)
    skills = {}
    for name, (en, fr, group, kind) in SKILLS.items():
        skills[s(name)] = Skill(uri=s(name), labels={"en": en, "fr": fr}, skill_type=kind, broader=[G + group],
                                collections={"transversal"} if name == "communication" else set())
    occupations = {}
    for name, (en, fr, code, ess, opt, rome) in OCCUPATIONS.items():
        occupations[o(name)] = Occupation(uri=o(name), code=code, isco_group=code.split(".")[0], labels={"en": en, "fr": fr},
                                          essential_skills=[s(x) for x in ess], optional_skills=[s(x) for x in opt],
                                          rome_codes=list(rome))
    rome = {}
    for code, (label, major, minor, domain, domain_label, centres, mobility) in ROME.items():
        rome[code] = RomeOccupation(code=code, label=label, riasec_major=major, riasec_minor=minor, domain=domain,
                                    domain_label=domain_label, centres_interet=list(centres), mobility=list(mobility),
                                    competences=[RomeItem(code=f"{code}-1", label=f"Savoir-faire de {label}", kind="savoir-faire")],
                                    esco_uris=[u for u, occ in occupations.items() if code in occ.rome_codes])
    return KnowledgeBase(skills=skills, occupations=occupations, skill_groups=groups, isco_groups={}, rome=rome, onet={},
                         esco_to_rome={}, rome_to_esco={}, esco_to_onet={}, onet_to_esco={})
