"""Which options on screen a piece of text points at: numbers ("2 4 7", "2-4", "#3"), ordinals
("the last", "les deux premiers"), labels by name (typos allowed), by description ("the driving
one", "la vente") through word stems and a small bilingual concept list, and what is named that
is not on screen ("lawn care")."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from agent.language import normalise

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
}
_ORDINALS = {
    "first": 1, "1st": 1, "premier": 1, "premiere": 1, "1er": 1, "1ere": 1, "second": 2, "2nd": 2, "deuxieme": 2, "2eme": 2,
    "third": 3, "3rd": 3, "troisieme": 3, "3eme": 3, "fourth": 4, "4th": 4, "quatrieme": 4, "4eme": 4, "fifth": 5, "5th": 5,
    "cinquieme": 5, "sixth": 6, "6th": 6, "sixieme": 6, "seventh": 7, "septieme": 7, "eighth": 8, "huitieme": 8,
}
_LAST = re.compile(r"\b(?:the |les? |la )?(?:(?P<n>two|three|deux|trois|\d) )?(?:last|dernier|derniere|derniers|dernieres)(?: (?P<n2>two|three|deux|trois|\d))?\b")
_FIRST_N = re.compile(r"\b(?:the |les )?(?:first|premiers|premieres) (?P<n>two|three|four|deux|trois|quatre|\d)\b|"
                      r"\b(?:the |les )?(?P<m>two|three|four|deux|trois|quatre|\d) (?:first|premiers|premieres)\b")
_RANGE = re.compile(r"\b(\d{1,2})\s*(?:-|to|a|à|through|thru|until|jusqu'a)\s*(\d{1,2})\b")
_DURATION_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:years?|yrs?|ans?|annees?|months?|mois|weeks?|semaines?|h|hours?|heures?|days?|jours?|%|euros?|€|k)\b")

# Stems that point at the same skills in either language; a mention with one of the left stems
# matches a label with one of the right stems.
CONCEPTS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("sell", "sold", "sale", "vend", "vente"), ("sell", "sale", "vend", "vente", "commerc")),
    (("driv", "drove", "conduir", "conduis", "conduit", "permis", "chauffeur"), ("driv", "vehicle", "conduir", "conduite", "vehicul")),
    (("forklift", "fork lift", "chariot", "cariste", "clark"), ("forklift", "chariot", "lift truck")),
    (("account", "compta", "bookkeep"), ("account", "compta", "bookkeep", "financial statement", "ledger")),
    (("insur", "assuranc"), ("insur", "assuranc")),
    (("clean", "nettoy", "menage"), ("clean", "nettoy", "hygien")),
    (("cook", "cuisin", "kitchen"), ("cook", "cuisin", "culinar", "food prep", "prepar")),
    (("lawn", "garden", "jardin", "pelouse", "gazon"), ("lawn", "garden", "jardin", "turf", "pelouse", "gazon", "landscap")),
    (("teach", "enseign", "train", "form"), ("teach", "enseign", "train", "instruct", "form")),
    (("cash", "caisse", "till", "encaiss", "payment", "paiement", "money", "argent", "paye"), ("cash", "caisse", "payment", "paiement", "encaiss")),
    (("customer", "client", "shopper", "consumer"), ("customer", "client")),
    (("child", "kid", "enfant", "baby", "bebe"), ("child", "enfant", "baby", "bebe", "infant", "youth", "jeune")),
    (("computer", "ordi", "informatique", "it "), ("computer", "ordinateur", "informati", "ict", "software")),
    (("phone", "telephon", "call"), ("phone", "telephon", "call")),
    (("stock", "inventor"), ("stock", "inventor")),
    (("wash", "plonge", "plongeur", "dish", "vaisselle"), ("dishwasher", "vaisselle", "wash", "plonge")),
    (("rdv", "rendez", "appointment", "booking", "reservation"), ("rendez", "appointment", "booking", "reservation")),
    (("equipe", "team", "staff", "personnel", "chef", "boss", "manager", "responsable"),
     ("equipe", "team", "staff", "personnel", "supervis", "encadr", "employees", "salaries")),
    (("medic", "medicament", "drug"), ("medic", "medicament", "drug", "pharma")),
    (("english", "anglais", "spanish", "espagnol", "german", "allemand", "language", "langue"),
     ("english", "anglais", "spanish", "espagnol", "german", "allemand", "language", "langue")),
]
# "i never managed anyone": people management, not "manage warehouse inventory"
_PEOPLE = re.compile(r"\b(manag\w*|supervis\w*|lead|led|encadr\w*|dirig\w*|gere|gerer|gerais|boss|chef)\b.{0,25}\b(anyone|anybody|people|staff|"
                     r"team|teams|employees|workers|personne|equipe|equipes|personnel|salaries|gens|others|autres)\b|"
                     r"\b(supervis\w*|encadr\w*|management|manager|managed|managing|chef d'equipe|team lead\w*)\b")
_PEOPLE_LABEL = re.compile(r"supervis|manage (staff|employees|a team|team|personnel|workers|the team)|lead (a |the )?team|"
                           r"encadr|diriger|gerer (le |du |des )?(personnel|equipe|salaries)|coordinate .*(staff|team|employees)|"
                           r"plan shifts of employees|schedule shifts|manage .*staff|management of staff|leadership|delegate|"
                           r"motivate employees|recruit|recruter|superviser")

STOP = set("""
a an the and or but so to of in on at for with by from as is are was were be been am it its this that these those
i me my we you your they them he she his her our their one ones thing things stuff some any all none not no never
did do does done didn't don't doesn't have has had just really actually also only very much many more most lol mdr
remove delete drop take out off keep wrong right good fine ok okay yes yeah nope skill skills list number numbers
can could would should will want like maybe probably mostly except but also too as well about that's what which
anything nothing everything someone anyone anybody people whole lot bit rest others reste autres
le la les un une des du de d' l' et ou mais donc a au aux en dans sur pour par avec sans ce cette ces c'est ca cela
je j' me moi tu il elle on nous vous ils elles mon ma mes ton ta tes son sa ses leur leurs notre votre ai as avons
est sont etait fait faire fais pas plus jamais rien tout toute tous toutes aucun aucune ne n' que qu' qui quoi
vraiment juste aussi seulement bon bien faux vrai oui non enleve enlever retire retirer supprime supprimer garde
garder competence competences truc trucs chose choses celle celui celles ceux la-dessus genre
use using used utiliser perform performing effectuer ensure assurer apply appliquer handle handling work working
worked travail travaille manage manages managed managing gerer gere gerais operate operating carry carried maintain
product products produit produits provide fournir support deal dealt activities activites tasks taches
""".split())
_WORD = re.compile(r"[a-z][a-z'-]+")


_ELISION = re.compile(r"^(?:d|l|j|qu|n|s|m|t|c)'")


def content_words(text: str) -> list[str]:
    words = [_ELISION.sub("", w).strip("'-") for w in _WORD.findall(normalise(text))]
    return [w for w in words if w not in STOP and len(w) >= 3]


def numbers_in(text: str, upper: int) -> list[int]:
    """1-based option numbers said in ``text`` (durations, percentages and years are not picks)."""
    t = _DURATION_NUMBER.sub(" ", normalise(text))
    t = re.sub(r"\b(19|20)\d\d\b", " ", t)
    out: list[int] = []
    for a, b in _RANGE.findall(t):
        lo, hi = int(a), int(b)
        if 1 <= lo < hi <= upper:
            out += list(range(lo, hi + 1))
    t = _RANGE.sub(" ", t)
    out += [int(n) for n in re.findall(r"(?<![\w.])#?(\d{1,2})(?![\w.]\d)", t)]
    for word, n in _ORDINALS.items():
        if re.search(rf"\b{word}\b", t) and not _FIRST_N.search(t):
            out.append(n)
    match = _FIRST_N.search(t)
    if match:
        said = match.group("n") or match.group("m")
        count = int(said) if said.isdigit() else _NUMBER_WORDS.get(said, 0)
        out += list(range(1, count + 1))
    match = _LAST.search(t)
    if match and upper:
        said = match.group("n") or match.group("n2")
        count = int(said) if said and said.isdigit() else _NUMBER_WORDS.get(said or "", 1)
        out += list(range(max(1, upper - count + 1), upper + 1))
    if re.search(r"\b(number|numero|no|n°|skill|competence)s? (" + "|".join(_NUMBER_WORDS) + r")\b", t):
        for word, n in _NUMBER_WORDS.items():
            if re.search(rf"\b(number|numero|skill|competence)s? {word}\b", t):
                out.append(n)
    return [n for n in dict.fromkeys(out) if 1 <= n <= upper]


# what may follow a short word's stem in the same word ("sell" / "sells", "till" but not "tillage")
_INFLECTION = re.compile(r"^(?:s|es|e|ed|d|ing|er|ers|r|ion|ions)?$")


def _stem_match(a: str, b: str) -> bool:
    if a == b:
        return True
    n = min(len(a), len(b))
    if n < 4:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    if common >= 5:
        return True
    longer = a if len(a) > len(b) else b
    return common >= 4 and common >= n - 1 and len(longer) <= 7 and bool(_INFLECTION.match(longer[n:]))


def _concept_hits(word: str, labels: list[str]) -> list[int]:
    """Labels that a word points at through the bilingual concepts ("till" -> "utiliser une caisse",
    "customers" -> "accueillir les clients"): the word starts with a mention stem, a label word starts
    with one of its label stems (stems with a space are looked for in the whole label)."""
    found: list[int] = []
    for mention_stems, label_stems in CONCEPTS:
        if not any(" " not in s and word.startswith(s) for s in mention_stems):
            continue
        hits = [i for i, label in enumerate(labels)
                if any((" " in s and s in label) or any(w.startswith(s) for w in _WORD.findall(label)) for s in label_stems)]
        named = [i for i, label in enumerate(labels) if word in _WORD.findall(label)]
        if named and not set(named) & set(hits):
            continue  # the word names another label as it is ("tillage" is not the till)
        found += hits
    return found


def labels_named(text: str, labels: list[str]) -> list[int]:
    """0-based indexes of the labels ``text`` names or describes."""
    t = normalise(text).strip(" .,:;!?")
    if not t or not labels:
        return []
    norm = [normalise(label) for label in labels]
    found = [i for i, label in enumerate(norm) if label and (label in t or (len(t) >= 6 and t in label))]
    if _PEOPLE.search(t):
        found += [i for i, label in enumerate(norm) if _PEOPLE_LABEL.search(label)]
    words = content_words(t)
    for i, label in enumerate(norm):
        label_words = content_words(label)
        if any(_stem_match(w, lw) for w in words for lw in label_words):
            found.append(i)
    for word in words:  # described in other words, whether or not another word named a label
        found += _concept_hits(word, norm)
    if not found:  # by description: a concept said in other words ("la vente" -> "sell products")
        for mention_stems, label_stems in CONCEPTS:
            if any(s in t for s in mention_stems):
                found += [i for i, label in enumerate(norm) if any(s in label for s in label_stems)]
    if words:
        if not found and len(t) >= 5:
            scores = [SequenceMatcher(None, t, label).ratio() for label in norm]
            best = max(range(len(norm)), key=scores.__getitem__)
            if scores[best] >= 0.72:
                found.append(best)
    return sorted(dict.fromkeys(found))


def unnamed_mentions(text: str, labels: list[str]) -> list[str]:
    """What ``text`` names that matches none of ``labels`` ("lawn care" when it is not on screen)."""
    words = content_words(text)
    if not words or labels_named(text, labels):
        return []
    return [" ".join(words)]
