"""ROME 4.0 importer (France Travail, version 460): codes, appellations, skills, RIASEC, interests, mobility."""

from __future__ import annotations

from pathlib import Path

from knowledge.models import RomeAppellation, RomeItem, RomeOccupation
from knowledge.sources.tables import read_table

ROME = "rome-v460"
CODES = f"{ROME}/unix_referentiel_code_rome_v460_utf8.csv"
APPELLATIONS = f"{ROME}/unix_referentiel_appellation_v460_utf8.csv"
DOMAINS = f"{ROME}/unix_cr_gd_dp_v460_utf8.csv"
RIASEC = f"{ROME}/unix_referentiel_code_rome_riasec_v460_utf8.csv"
ITEMS = f"{ROME}/unix_item_v460_utf8.csv"
COMPETENCES = f"{ROME}/unix_referentiel_competence_v460_utf8.csv"
SAVOIRS = f"{ROME}/unix_referentiel_savoir_v460_utf8.csv"
LINKS = f"{ROME}/unix_liens_rome_referentiels_v460_utf8.csv"
CORE_ITEMS = f"{ROME}/unix_coherence_item_v460_utf8.csv"
INTERESTS = f"{ROME}/unix_arborescence_centre_interet_v460_utf8.csv"
MOBILITY = f"{ROME}/unix_rubrique_mobilite_v460_utf8.csv"
TEXTS = f"{ROME}/unix_texte_v460_utf8.csv"
SECTORS = f"{ROME}/unix_arborescence_secteur_activite_v460_utf8.csv"

SOURCE_FILES = [CODES, APPELLATIONS, DOMAINS, RIASEC, ITEMS, COMPETENCES, SAVOIRS, LINKS, CORE_ITEMS, INTERESTS, MOBILITY, TEXTS, SECTORS]

# code_compo_bloc / code_rubrique of unix_liens_rome_referentiels
BLOC_SKILLS = "5"
BLOC_CONTEXTS = "6"
RUBRIQUES = {"1": "savoir-faire", "2": "savoir-être", "3": "savoir"}


def load_rome(data_dir: Path) -> dict[str, RomeOccupation]:
    data_dir = Path(data_dir)
    rome: dict[str, RomeOccupation] = {}
    for row in read_table(data_dir / CODES, ["code_rome", "libelle_rome"]):
        code = row["code_rome"].strip()
        rome[code] = RomeOccupation(code=code, label=row["libelle_rome"].strip())

    appellation_labels: dict[str, str] = {}
    for row in read_table(data_dir / APPELLATIONS, ["code_ogr", "libelle_appellation_long", "libelle_appellation_court", "code_rome"]):
        appellation = RomeAppellation(
            code=row["code_ogr"].strip(),
            label=row["libelle_appellation_long"].strip(),
            short_label=row["libelle_appellation_court"].strip(),
        )
        appellation_labels[appellation.code] = appellation.label
        occupation = rome.get(row["code_rome"].strip())
        if occupation is not None:
            occupation.appellations.append(appellation)

    domain_cols = ["code_rome", "code_grand_domaine", "libelle_grand_domaine", "code_domaine_professionel", "libelle_domaine_professionel"]
    for row in read_table(data_dir / DOMAINS, domain_cols):
        occupation = rome.get(row["code_rome"].strip())
        if occupation is not None:
            occupation.grand_domain = row["code_grand_domaine"].strip()
            occupation.grand_domain_label = row["libelle_grand_domaine"].strip()
            occupation.domain = row["code_domaine_professionel"].strip()
            occupation.domain_label = row["libelle_domaine_professionel"].strip()

    for row in read_table(data_dir / RIASEC, ["code_rome", "riasec_majeur", "riasec_mineur"]):
        occupation = rome.get(row["code_rome"].strip())
        if occupation is not None:
            occupation.riasec_major = row["riasec_majeur"].strip()
            occupation.riasec_minor = row["riasec_mineur"].strip()

    items = {r["code_ogr"].strip(): r["libelle"].strip() for r in read_table(data_dir / ITEMS, ["code_ogr", "libelle", "code_rubrique"])}
    categories = {
        r["code_ogr"].strip(): r["cat_comp"].strip()
        for r in read_table(data_dir / COMPETENCES, ["code_ogr", "libelle_competence", "cat_comp"])
    }
    for r in read_table(data_dir / SAVOIRS, ["code_ogr_savoir", "libelle_savoir", "categorie_savoir"]):
        categories[r["code_ogr_savoir"].strip()] = r["categorie_savoir"].strip()
    core = {
        (r["code_rome"].strip(), r["code_ogr"].strip())
        for r in read_table(data_dir / CORE_ITEMS, ["code_rome", "code_ogr", "coeur_metier"])
        if r["coeur_metier"].strip()
    }
    for row in read_table(data_dir / LINKS, ["code_rome", "code_compo_bloc", "code_rubrique", "code_ogr"]):
        occupation = rome.get(row["code_rome"].strip())
        if occupation is None:
            continue
        bloc, ogr = row["code_compo_bloc"].strip(), row["code_ogr"].strip()
        if bloc == BLOC_SKILLS:
            kind = RUBRIQUES.get(row["code_rubrique"].strip())
            label = items.get(ogr)
            if kind is None or not label:
                continue
            item = RomeItem(code=ogr, label=label, kind=kind, category=categories.get(ogr, ""), core=(occupation.code, ogr) in core)
            (occupation.savoirs if kind == "savoir" else occupation.competences).append(item)
        elif bloc == BLOC_CONTEXTS and ogr in items:
            occupation.work_contexts.append(items[ogr])

    for row in read_table(data_dir / INTERESTS, ["libelle_centre_interet", "code_rome"]):
        occupation = rome.get(row["code_rome"].strip())
        label = row["libelle_centre_interet"].strip()
        if occupation is not None and label and label not in occupation.centres_interet:
            occupation.centres_interet.append(label)

    sectors: dict[str, list[tuple[bool, str]]] = {}
    for row in read_table(data_dir / SECTORS, ["libelle_sect_activite", "libelle_ss_sect_activite", "code_rome", "principal"]):
        label = row["libelle_ss_sect_activite"].strip() or row["libelle_sect_activite"].strip()
        if label:
            sectors.setdefault(row["code_rome"].strip(), []).append((row["principal"].strip() != "oui", label))
    for code, labels in sectors.items():
        if code in rome:
            rome[code].sectors = list(dict.fromkeys(label for _, label in sorted(labels, key=lambda item: item[0])))

    mobility: dict[str, list[tuple[int, str]]] = {}
    for row in read_table(data_dir / MOBILITY, ["code_rome", "code_rome_cible", "numero_ordre"]):
        order = row["numero_ordre"].strip()
        mobility.setdefault(row["code_rome"].strip(), []).append((int(order) if order.isdigit() else 0, row["code_rome_cible"].strip()))
    for code, targets in mobility.items():
        if code in rome:
            rome[code].mobility = [target for _, target in sorted(targets)]

    texts: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for row in read_table(data_dir / TEXTS, ["code_rome", "libelle_type_texte", "position_phrase", "libelle_texte"]):
        position = row["position_phrase"].strip()
        key = (row["code_rome"].strip(), row["libelle_type_texte"].strip())
        texts.setdefault(key, []).append((int(position) if position.isdigit() else 0, row["libelle_texte"].strip()))
    for (code, kind), sentences in texts.items():
        occupation = rome.get(code)
        if occupation is None:
            continue
        text = "\n".join(sentence for _, sentence in sorted(sentences)).replace("''", "'")  # SQL-escaped quotes in the export
        if kind == "definition":
            occupation.definition = text
        elif kind == "acces_metier":
            occupation.access = text
    return rome


def appellation_index(rome: dict[str, RomeOccupation]) -> dict[str, str]:
    """ROME appellation code -> ROME code."""
    return {appellation.code: occupation.code for occupation in rome.values() for appellation in occupation.appellations}


def appellation_forms(label: str) -> list[str]:
    """The masculine and feminine forms of a ROME appellation written "A / B rest", where B's first
    words are A's feminine and the rest is shared: "Chauffeur / Chauffeuse de machines agricoles" ->
    ["Chauffeur de machines agricoles", "Chauffeuse de machines agricoles"]; "Secrétaire médical /
    Secrétaire médicale" -> both; a label without " / " is its own form."""
    if " / " not in label:
        return [label.strip()]
    first, second = (part.strip() for part in label.split(" / ", 1))
    n = len(first.split())
    words = second.split()
    feminine, rest = " ".join(words[:n]), " ".join(words[n:])
    forms = [f"{first} {rest}".strip(), f"{feminine} {rest}".strip()]
    return list(dict.fromkeys(f for f in forms if f))


def esco_titles(rome: dict[str, RomeOccupation], esco_to_rome: dict) -> dict[str, list[str]]:
    """ESCO occupation URI -> the French job titles of the ROME appellations the official crosswalk
    pairs with it (each appellation with one ESCO occupation; every relation, as a title names the
    job whether it is broader, narrower or the same): how people in France name those jobs
    ("Manœuvre du BTP", "Equipière polyvalente de restauration rapide"), which ESCO's French labels
    rarely do."""
    labels = {a.code: a.label for occupation in rome.values() for a in occupation.appellations}
    titles: dict[str, list[str]] = {}
    for uri, matches in esco_to_rome.items():
        forms = [form for m in matches if m.appellation in labels for form in appellation_forms(labels[m.appellation])]
        if forms:
            titles[uri] = list(dict.fromkeys(forms))
    return titles
