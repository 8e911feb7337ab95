"""A tiny but complete copy of the reference data's layout, written by tests into a tmp dir.

Same file names and columns as ``../shared/data`` (ESCO v1.1.1 en/fr, v1.0 fr/es, German labels,
relations, ROME v460, O*NET, both crosswalks with their metadata header blocks), a handful of rows.
"""

from __future__ import annotations

import csv
from pathlib import Path

ESCO = "http://data.europa.eu/esco"
SKILL = {
    "payments": f"{ESCO}/skill/00000000-0000-0000-0000-000000000001",
    "till": f"{ESCO}/skill/00000000-0000-0000-0000-000000000002",
    "train": f"{ESCO}/skill/00000000-0000-0000-0000-000000000003",
    "python": f"{ESCO}/skill/00000000-0000-0000-0000-000000000004",
    "customer": f"{ESCO}/skill/00000000-0000-0000-0000-000000000005",
}
GROUP = {
    "top": f"{ESCO}/skill/10000000-0000-0000-0000-000000000000",
    "selling": f"{ESCO}/skill/10000000-0000-0000-0000-000000000001",
    "ict": f"{ESCO}/isced-f/0613",
}
OCCUPATION = {
    "cashier": f"{ESCO}/occupation/20000000-0000-0000-0000-000000000001",
    "developer": f"{ESCO}/occupation/20000000-0000-0000-0000-000000000002",
    "evaluation": f"{ESCO}/occupation/20000000-0000-0000-0000-000000000003",
    "policy": f"{ESCO}/occupation/20000000-0000-0000-0000-000000000004",
}
ISCO = {code: f"{ESCO}/isco/C{code}" for code in ("5", "52", "523", "5230", "2", "25", "251", "2512", "24", "242", "2422")}


def _write(path: Path, header: list[str], rows: list[list[str]], *, delimiter: str = ",", quote_all: bool = False, prefix: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(prefix)
        writer = csv.writer(
            handle,
            delimiter=delimiter,
            quoting=csv.QUOTE_ALL if quote_all else (csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL),
            lineterminator="\r\n" if delimiter == "\t" else "\n",
        )
        writer.writerow(header)
        writer.writerows(rows)


def write_tiny_data(root: Path) -> Path:
    """Write the tiny reference data under ``root`` and return ``root``."""
    root = Path(root)
    en, fr, rel = root / "esco-v1.1.1/en", root / "esco-v1.1.1/fr", root / "esco-v1.1.1/relations"
    S, G, O = SKILL, GROUP, OCCUPATION

    skill_cols = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition", "inScheme", "description"]
    skills = [
        [S["payments"], "skill/competence", "cross-sector", "process payments", "take payments\nhandle payments\naccept payments", "", "Administer payments such as cash, credit cards and debit cards."],
        [S["till"], "skill/competence", "sector-specific", "operate cash register", "use a till\nwork a cash register", "", "Register and handle cash transactions by using a point of sale register."],
        [S["train"], "skill/competence", "transversal", "train employees", "coach staff\ntrain staff", "", "Lead and guide employees through a process in which they are taught the necessary skills."],
        [S["python"], "knowledge", "sector-specific", "Python (computer programming)", "Python", "", "The techniques and principles of software development in Python."],
        [S["customer"], "skill/competence", "cross-sector", "provide customer service", "serve customers", "help clients", "Provide services to customers in a friendly way."],
    ]
    _write(en / "skills_en.csv", skill_cols, [["KnowledgeSkillCompetence", u, t, r, p, a, h, "released", "", "", "", "", d] for u, t, r, p, a, h, d in skills])

    occ_cols = ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "status", "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "inScheme", "description", "code"]
    occupations_en = [
        [O["cashier"], "5230", "cashier", "checkout operator\ntill operator", "Cashiers handle cash at a till.", "5230.1"],
        [O["developer"], "2512", "software developer", "programmer\nsoftware engineer", "Software developers write software.", "2512.4"],
        [O["evaluation"], "2422", "monitoring and evaluation officer", "M&E officer", "They monitor and evaluate projects.", "2422.10"],
        [O["policy"], "2422", "policy officer", "policy adviser", "Policy officers research and develop policies.", "2422.1"],
    ]
    _write(en / "occupations_en.csv", occ_cols, [["Occupation", u, i, p, a, "", "released", "", "", "", "", "", d, c] for u, i, p, a, d, c in occupations_en])
    occupations_fr = [
        [O["cashier"], "5230", "caissier/caissière", "caissière\ncaissier\nhôte de caisse", "Les caissiers tiennent la caisse.", "5230.1"],
        [O["developer"], "2512", "développeur de logiciels/développeuse de logiciels", "programmeur\nprogrammeuse", "", "2512.4"],
        [O["evaluation"], "2422", "responsable du suivi et de l’évaluation", "", "", "2422.10"],
        [O["policy"], "2422", "chargé de mission/chargée de mission", "", "", "2422.1"],
    ]
    _write(fr / "occupations_fr.csv", occ_cols, [["Occupation", u, i, p, a, "", "released", "", "", "", "", "", d, c] for u, i, p, a, d, c in occupations_fr])

    group_cols = ["conceptType", "conceptUri", "preferredLabel", "altLabels", "hiddenLabels", "status", "modifiedDate", "scopeNote", "inScheme", "description", "code"]
    for folder, labels in ((en, ("skills", "selling goods and services", "software and applications development")), (fr, ("aptitudes", "vendre des biens et des services", "développement de logiciels"))):
        _write(folder / f"skillGroups_{folder.name}.csv", group_cols, [
            ["SkillGroup", G["top"], labels[0], "", "", "released", "", "", "", "", "S"],
            ["SkillGroup", G["selling"], labels[1], "", "", "released", "", "", "", "", "S3.1"],
            ["SkillGroup", G["ict"], labels[2], "", "", "released", "", "", "", "", "0613"],
        ])
        hierarchy_cols = [c for i in range(4) for c in (f"Level {i} URI", f"Level {i} preferred term")] + ["Description", "Scope note"] + [f"Level {i} code" for i in range(4)]
        _write(folder / f"skillsHierarchy_{folder.name}.csv", hierarchy_cols, [
            [G["top"], labels[0], "", "", "", "", "", "", "", "", "S"],  # trailing cells left out, as in ESCO
            [G["top"], labels[0], G["selling"], labels[1], "", "", "", "", "", "", "S", "S3.1", "", ""],
        ])
        isco_cols = ["conceptType", "conceptUri", "code", "preferredLabel", "status", "altLabels", "inScheme", "description"]
        _write(folder / f"ISCOGroups_{folder.name}.csv", isco_cols, [
            ["ISCOGroup", uri, code, f"ISCO group {code}" if folder is en else f"groupe CITP {code}", "released", "", "", ""] for code, uri in ISCO.items()
        ])

    collection_cols = ["conceptType", "conceptUri", "preferredLabel", "status", "skillType", "reuseLevel", "altLabels", "description", "broaderConceptUri", "broaderConceptPT"]
    members = {"digital": "python", "green": "customer", "transversal": "train", "language": "customer", "research": "python", "digCompSkills": "python"}
    for name, key in members.items():
        file = "digCompSkillsCollection_en.csv" if name == "digCompSkills" else f"{name}SkillsCollection_en.csv"
        _write(en / file, collection_cols, [["KnowledgeSkillCompetence", S[key], "x", "released", "", "", "", "", f"{G['top']} | {G['ict']}", "a | b"]])
    # v1.1.1 has French skill texts only in its collections: "train" is missing from the v1.0 French export below
    for name, key in members.items():
        file = "digCompSkillsCollection_fr.csv" if name == "digCompSkills" else f"{name}SkillsCollection_fr.csv"
        row = (["KnowledgeSkillCompetence", S["train"], "former des employés", "released", "", "", "former le personnel | coacher des salariés",
                "Guider les employés dans un processus d’apprentissage.", G["top"], "aptitudes"] if name == "transversal" else
               ["KnowledgeSkillCompetence", S[key], "libellé de la collection", "released", "", "", "", "", "", ""])
        _write(fr / file, collection_cols, [row])
    _write(en / "researchOccupationsCollection_en.csv", ["conceptType", "conceptUri", "preferredLabel", "status", "altLabels", "description", "broaderConceptUri", "broaderConceptPT"],
           [["Occupation", O["evaluation"], "monitoring and evaluation officer", "released", "", "", "", ""]])

    _write(rel / "broaderRelationsSkillPillar.csv", ["conceptType", "conceptUri", "broaderType", "broaderUri"], [
        ["SkillGroup", G["selling"], "SkillGroup", G["top"]],
        ["SkillGroup", G["ict"], "SkillGroup", G["top"]],
        ["KnowledgeSkillCompetence", S["payments"], "SkillGroup", G["selling"]],
        ["KnowledgeSkillCompetence", S["till"], "KnowledgeSkillCompetence", S["payments"]],
        ["KnowledgeSkillCompetence", S["train"], "SkillGroup", G["top"]],
        ["KnowledgeSkillCompetence", S["python"], "SkillGroup", G["ict"]],
        ["KnowledgeSkillCompetence", S["customer"], "SkillGroup", G["selling"]],
    ])
    broader_occ = [["ISCOGroup", ISCO[c], "ISCOGroup", ISCO[c[:-1]]] for c in ISCO if len(c) > 1]
    broader_occ += [["Occupation", O["cashier"], "ISCOGroup", ISCO["5230"]], ["Occupation", O["developer"], "ISCOGroup", ISCO["2512"]],
                    ["Occupation", O["policy"], "ISCOGroup", ISCO["2422"]], ["Occupation", O["evaluation"], "Occupation", O["policy"]]]
    _write(rel / "broaderRelationsOccPillar.csv", ["conceptType", "conceptUri", "broaderType", "broaderUri"], broader_occ)
    _write(rel / "occupationSkillRelations.csv", ["occupationUri", "relationType", "skillType", "skillUri"], [
        [O["cashier"], "essential", "skill/competence", S["payments"]],
        [O["cashier"], "essential", "skill/competence", S["till"]],
        [O["cashier"], "optional", "skill/competence", S["train"]],
        [O["cashier"], "essential", "skill/competence", S["customer"]],
        [O["developer"], "essential", "knowledge", S["python"]],
        [O["developer"], "optional", "skill/competence", S["train"]],
        [O["developer"], "essential", "knowledge", f"{ESCO}/skill/not-in-this-export"],
    ])
    _write(rel / "skillSkillRelations.csv", ["originalSkillUri", "originalSkillType", "relationType", "relatedSkillType", "relatedSkillUri"], [
        [S["till"], "skill/competence", "essential", "skill/competence", S["payments"]],
        [S["customer"], "skill/competence", "optional", "skill/competence", S["payments"]],
    ])

    v10 = root / "esco-v1.0-fr-es"
    v10_cols = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "description"]
    fr_labels = {"payments": ("traiter des paiements", "encaisser des paiements"), "till": ("utiliser une caisse enregistreuse", "tenir la caisse"),
                 "python": ("Python (programmation informatique)", ""), "customer": ("fournir un service client", "")}
    _write(v10 / "skills_fr.csv", v10_cols, [["KnowledgeSkillCompetence", S[k], "", "", p, a, ""] for k, (p, a) in fr_labels.items()])
    _write(v10 / "skills_es.csv", v10_cols, [["KnowledgeSkillCompetence", S["payments"], "", "", "tramitar pagos", "", ""]])
    _write(v10 / "occupations_es.csv", ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description"],
           [["Occupation", O["cashier"], "5230", "cajero/cajera", "cajera\ncajero", ""]])
    de = root / "esco-de-labels"
    _write(de / "skills_de_preflabels_esco_v1.0.3_from_BA_mapping.csv", ["conceptUri", "preferredLabel_de"], [[S["payments"], "Zahlungen abwickeln"]])
    _write(de / "occupations_de_labels_from_MELO.csv", ["conceptUri", "label_de"], [[ISCO["5"], "Dienstleistungsberufe"], [O["cashier"], "Kassierer/Kassiererin"]])

    rome = root / "rome-v460"
    def R(name: str, header: list[str], rows: list[list[str]]) -> None:
        _write(rome / f"unix_{name}_v460_utf8.csv", header, rows, quote_all=True)
    R("referentiel_code_rome", ["code_rome", "code_fiche_metier", "code_ogr", "libelle_rome", "transition_eco", "transition_num", "transition_demo", "emploi_reglemente", "emploi_cadre", "code_rome_parent"],
      [["D1505", "1", "100", "Hôte / Hôtesse de caisse", "", "", "", "", "", "D1505"], ["M1805", "2", "200", "Études et développement informatique", "", "", "", "", "", "M1805"]])
    R("referentiel_appellation", ["code_ogr", "libelle_appellation_long", "libelle_appellation_court", "code_rome", "transition_eco", "transition_num", "transition_demo", "emploi_reglemente", "emploi_cadre", "classification", "origine", "code_rome_parent", "peu_usite"],
      [["11001", "Caissier / Caissière", "Caissier / Caissière", "D1505", "", "", "", "", "", "SYNONYME", "", "D1505", "N"],
       ["11002", "Hôte / Hôtesse de caisse", "Hôte / Hôtesse de caisse", "D1505", "", "", "", "", "", "SYNONYME", "", "D1505", "N"],
       ["12001", "Développeur / Développeuse informatique", "Développeur informatique", "M1805", "", "", "", "", "", "SYNONYME", "", "M1805", "N"]])
    R("cr_gd_dp", ["code_rome", "libelle_rome", "code_grand_domaine", "libelle_grand_domaine", "code_domaine_professionel", "libelle_domaine_professionel"],
      [["D1505", "Hôte / Hôtesse de caisse", "D", "Commerce, Vente et Grande distribution", "D15", "Grande distribution"],
       ["M1805", "Études et développement informatique", "M", "Support à l'entreprise", "M18", "Systèmes d'information et de télécommunication"]])
    R("referentiel_code_rome_riasec", ["code_rome", "riasec_majeur", "riasec_mineur"], [["D1505", "C", "R"], ["M1805", "I", "C"]])
    R("item", ["code_ogr", "libelle", "code_rubrique"], [["300", "Encaisser le montant d'une vente", "1"], ["301", "Sens du service", "2"], ["302", "Logiciels de caisse", "3"],
                                                         ["303", "Développer une application", "1"], ["304", "Travail en horaires décalés", ""]])
    R("referentiel_competence", ["code_ogr", "nature", "libelle_competence", "definition", "code_ogr_macro_comp", "code_macro_comp", "cat_comp", "sous_cat_comp", "transition_eco", "transition_num", "libelle_heterogeneite", "libelle_origine"],
      [["300", "Compétence", "Encaisser le montant d'une vente", "", "", "", "Savoir-faire", "Technique", "", "N", "", ""],
       ["301", "Compétence", "Sens du service", "", "", "", "Savoir-être professionnel", "", "", "N", "", ""],
       ["303", "Compétence", "Développer une application", "", "", "", "Savoir-faire", "Technique", "", "O", "", ""]])
    R("referentiel_savoir", ["code_ogr_savoir", "libelle_savoir", "categorie_savoir", "sous_categorie_savoir", "transition_eco", "transition_num"], [["302", "Logiciels de caisse", "Produits, outils et matières", "Logiciels", "", "N"]])
    R("liens_rome_referentiels", ["code_rome", "code_compo_bloc", "code_rubrique", "code_ogr"],
      [["D1505", "1", "", "100"], ["D1505", "2", "", "11001"], ["D1505", "5", "1", "300"], ["D1505", "5", "2", "301"], ["D1505", "5", "3", "302"],
       ["D1505", "6", "", "304"], ["M1805", "5", "1", "303"]])
    R("coherence_item", ["code_rome", "code_ogr", "coeur_metier"], [["D1505", "300", "Principale"], ["D1505", "301", ""]])
    R("arborescence_centre_interet", ["code_centre_interet", "libelle_centre_interet", "code_ogr_rome", "code_rome", "libelle_rome", "principal"],
      [["1", "J'ai le sens du contact", "100", "D1505", "Hôte / Hôtesse de caisse", "oui"], ["2", "J'aime les chiffres", "200", "M1805", "Études et développement informatique", "non"]])
    R("rubrique_mobilite", ["code_rome", "code_rome_cible", "numero_ordre"], [["D1505", "M1805", "2"], ["D1505", "D1505", "1"]])
    R("arborescence_secteur_activite", ["code_sect_activite", "libelle_sect_activite", "code_ss_sect_activite", "libelle_ss_sect_activite", "code_ogr_rome", "code_rome", "libelle_rome", "principal"],
      [["88", "Commerce et distribution", "124", "Commerce de détail", "114", "D1505", "Hôte / Hôtesse de caisse", "non"],
       ["88", "Commerce et distribution", "", "", "114", "D1505", "Hôte / Hôtesse de caisse", "oui"]])
    R("texte", ["code_rome", "code_compo_bloc", "libelle_type_texte", "position_phrase", "libelle_texte"],
      [["D1505", "3", "definition", "2", "Tient la caisse."], ["D1505", "3", "definition", "1", "L''hôte de caisse accueille les clients."], ["D1505", "4", "acces_metier", "1", "Accessible sans diplôme."]])

    onet = root / "onet"
    _write(onet / "Occupation Data.txt", ["O*NET-SOC Code", "Title", "Description"],
           [["41-2011.00", "Cashiers", "Receive and disburse money in establishments."], ["15-1252.00", "Software Developers", "Research, design, and develop computer software."]], delimiter="\t")
    _write(onet / "Technology Skills.txt", ["O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand"],
           [["41-2011.00", "Point of sale POS software", "43232310", "Point of sale POS software", "N", "N"], ["15-1252.00", "Python", "43232405", "Object or component oriented development software", "Y", "Y"]], delimiter="\t")

    walks = root / "crosswalks"
    rome_block = "Mapping project name,ESCO - ROME\nMapping project author,Pôle emploi - France\nClassification 1 Name,ESCO\n\n"
    _write(walks / "FR_20230607_mapping_esco_rome.csv", ["classification 1 ID", "classification 1 prefered label", "classification 2 ID", "classification 2 prefered label", "mapping relation"],
           [[O["cashier"], "caissier/caissière", "11001", "Caissier / Caissière", "skos:exactMatch"],
            [O["cashier"], "caissier/caissière", "11002", "Hôte / Hôtesse de caisse", "skos:closeMatch"],
            [O["developer"], "développeur", "12001", "Développeur / Développeuse informatique", "skos:closeMatch"]], prefix=rome_block)
    onet_block = "\ufeffMapping project name,ESCO-O*NET Crosswalk,,,,,\nMapping project version,1,,,,,\nClassification 1 Name,O*NET,,,,,\n,,,,,,\n,,,,,,\n"
    _write(walks / "crosswalk_esco_onet.csv", ["O*NET Id", "O*NET Title", "O*NET Description", "ESCO or ISCO URI", "ESCO or ISCO Title", "ESCO or ISCO Description", "Type of Match"],
           [["41-2011.00", "Cashiers", "", O["cashier"], "cashier", "", "exactMatch"], ["15-1252.00", "Software Developers", "", O["developer"], "software developer", "", "closeMatch"]], prefix=onet_block)
    _write(walks / "crosswalk_esco_onet_reverse.csv", ["ESCO/ISCO Code", "ESCO/ISCO Title", "O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title"],
           [["2422.10", "monitoring and evaluation officer", "13-1111.00", "Management Analysts"], ["5230.1", "cashier", "41-2011.00", "Cashiers"]])
    return root
