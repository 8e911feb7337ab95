"""Reading the person's answers offline: yes/no (through the one reader, ``agent.yes_no``), "that's
all", durations, picks by number or label, experience kinds, personas and language choices
(interests and preferences are read by tools.career). English and French, typos, no accents, emojis.

Every function takes the raw text and works on its normalised form (``language.normalise``).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher, get_close_matches

from agent.language import normalise
from agent.yes_no import Answer, read_yes_no

_NO_MORE = [
    r"\bthat'?s (all|it)\b", r"\bnothing (else|more)\b", r"\bno(,)? (that'?s all|nothing else|more)\b", r"^no+\b",
    r"\bnone\b", r"\bi'?m done\b", r"\bno other\b", r"^(non|nan|rien)\b", r"\bc'?est tout\b", r"\brien d'?autre\b",
    r"\bpas d'?autre", r"\bc'?est (bon|fini)\b", r"\bj'?ai fini\b", r"\bnot really\b", r"\bpas vraiment\b",
    r"\bthat is all\b", r"\bfini\b", r"^(done|finished)\b", r"\bno more\b", r"\bplus rien\b",
]


def _clean(text: str | None) -> str:
    return normalise(text or "").strip(" .!?,;:")


def is_yes(text: str | None) -> bool:
    """An unambiguous yes to a yes/no question (``agent.yes_no``: hedges, negations and questions are not)."""
    return read_yes_no(text).answer == Answer.yes


def is_no(text: str | None) -> bool:
    """An unambiguous no to a yes/no question (``agent.yes_no``)."""
    return read_yes_no(text).answer == Answer.no


def is_no_more(text: str | None) -> bool:
    """"No, that's all" and its variants: the end of a list."""
    t = _clean(text)
    if not t:
        return False
    if len(t.split()) > 12:
        return False
    return any(re.search(p, t) for p in _NO_MORE)


# words that only acknowledge or agree ("ok", "oui", "d'accord merci"): no content of their own
_ACKNOWLEDGING = frozenset(
    "ok okay okey oki k kk yes yeah yep yup ya sure alright right cool nice super great good fine well so ah oh hmm hm mmh euh "
    "um uh thanks thank you thx ty oui ouais ouai voila bon bien tres parfait nickel top merci dac daccord d'accord alors".split())


def is_acknowledgement(text: str | None) -> bool:
    """The message only acknowledges or says yes ("ok", "yeah sure", "d'accord merci", "oui"): at an
    open question it tells nothing yet."""
    words = re.findall(r"[\w']+", _clean(text))
    return 0 < len(words) <= 4 and all(w in _ACKNOWLEDGING for w in words)


# "idk", "jsp", "not sure what counts": the person does not know what to tell (yet)
_UNSURE = re.compile(
    r"^(?:(?:hmm+|euh+|um+|well|bah|ben|bof|lol|mdr)\s+)*(?:i\s+)?(?:idk|dunno|i dunno|dont know|don'?t know|do not know|no idea|"
    r"not sure(?: what (?:counts|to say|you mean))?|what counts|can'?t think of anything|nothing comes to mind|"
    r"jsp|jsais pas|j'?sais pas|je sais pas|je ne sais pas|chais pas|chai pas|sais pas|aucune idee|pas sur|pas sure|"
    r"je vois pas|je ne vois pas|bof)(?:\s+(?:really|trop|vraiment|quoi|lol|mdr|tbh))*$")


def is_unsure(text: str | None) -> bool:
    """The message says the person does not know what to answer ("idk", "jsp", "not sure what counts")."""
    return bool(_UNSURE.match(_clean(text)))


# "i like cooking and being outside", "j'aime bien dessiner": what the person enjoys, not something they did
# (no job, place, role or time said with it)
_LIKING = re.compile(r"^(?:(?:and|et|also|aussi|moi|well|bah|ben)\s+)*(?:i\s+|i'm\s+|im\s+|j'|je\s+|j\s+)?"
                     r"(?:really\s+|also\s+|just\s+|aussi\s+|bien\s+|vraiment\s+|trop\s+|beaucoup\s+)*"
                     r"(?:like|love|enjoy|am into|into|aime|adore|kiffe|prefere|suis passionnee?)\b")
_DOING = re.compile(r"\b(?:work\w*|job|jobs|bosse\w*|travail\w*|boulot|taf|as an?|comme|chez|at the|years?|yrs?|ans?|mois|"
                    r"months?|volunteer\w*|benevol\w*|club|team|equipe|every|tous les|toutes les|since|depuis)\b")


def only_likes(text: str | None) -> bool:
    """The message says what the person likes, and nothing they did or do somewhere."""
    said = normalise(text or "")
    return bool(_LIKING.search(said)) and not _DOING.search(said)


def is_empty(text: str | None) -> bool:
    return not _clean(text) and not any(ch.isalnum() for ch in (text or ""))


# -- durations -----------------------------------------------------------------------------------
_NUMBER_WORDS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "un": 1, "une": 1, "deux": 2,
    "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "quinze": 15, "vingt": 20, "half": 0.5, "demi": 0.5, "several": 3, "plusieurs": 3, "few": 2, "couple": 2,
}
_DURATION = re.compile(
    r"\b(\d+(?:[.,]\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\s*(?:and a half\s*|et demi\s*)?"
    r"(years?|yrs?|ans?|annees?|months?|mois|weeks?|semaines?)\b"
)


def parse_duration_months(text: str | None) -> int | None:
    """'2 years' -> 24, 'six mois' -> 6, 'depuis 2 ans' -> 24; None when there is none."""
    t = normalise(text or "")
    match = _DURATION.search(t)
    if not match:
        return None
    raw, unit = match.group(1), match.group(2)
    value = float(raw.replace(",", ".")) if raw[0].isdigit() else float(_NUMBER_WORDS[raw])
    if "and a half" in match.group(0) or "et demi" in match.group(0):
        value += 0.5
    if unit.startswith(("y", "an")):
        months = value * 12
    elif unit.startswith(("w", "sem")):
        months = value / 4.3
    else:
        months = value
    return max(1, round(months))


# -- picks ---------------------------------------------------------------------------------------
def parse_numbers(text: str | None, upper: int) -> list[int]:
    """1-based numbers in the text that are valid option indexes ('1 and 3', '2,4')."""
    t = normalise(text or "")
    if _DURATION.search(t):
        return []
    found = [int(n) for n in re.findall(r"\b(\d{1,2})\b", t)]
    return [n for n in dict.fromkeys(found) if 1 <= n <= upper]


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, normalise(a), normalise(b)).ratio()


def best_label_match(text: str, labels: list[str], cutoff: float = 0.72) -> int | None:
    """Index of the label the text names: contained either way, or fuzzy (typos)."""
    t = normalise(text)
    if not t:
        return None
    norm = [normalise(label) for label in labels]
    for i, label in enumerate(norm):
        if label and (label == t or (len(t) >= 4 and t in label) or (len(label) >= 4 and label in t)):
            return i
    scores = [SequenceMatcher(None, t, label).ratio() for label in norm]
    if scores:
        best = max(range(len(scores)), key=scores.__getitem__)
        if scores[best] >= cutoff:
            return best
    return None


# -- experiences ---------------------------------------------------------------------------------
_KIND_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("volunteering", ("volunteer", "benevol", "charity", "association", "ngo", "red cross", "croix rouge", "restos du coeur")),
    ("family_care", ("my mother", "my father", "my grandmother", "my grandfather", "my brother", "my sister", "my son", "my daughter",
                     "my kids", "my children", "my parents", "ma mere", "mon pere", "ma grand", "mon grand", "mes parents",
                     "mon frere", "ma soeur", "mes enfants", "mon fils", "ma fille", "my nan", "my gran", "ma mamie", "mon papi",
                     "mon papy", "caring for", "took care of", "look after",
                     "looked after", "m'occupe de mon", "m'occupe de ma", "aidant", "carer", "caregiver")),
    ("school", ("school", "lycee", "college", "university", "universite", "class", "classe", "student", "etudiant",
                "eleve", "bac ", "stage", "internship", "exam", "project at school", "projet scolaire", "studies", "etudes")),
    ("sport", ("football", "foot", "basket", "rugby", "tennis", "swim", "natation", "sport", "team", "equipe", "club",
               "match", "coach", "entraine", "handball", "judo", "danse", "dance", "running", "course a pied", "athletisme")),
    ("music", ("music", "musique", "guitar", "guitare", "piano", "sing", "chant", "band", "groupe de musique", "orchestra",
               "orchestre", "drums", "batterie", "dj", "concert")),
    ("art", ("paint", "peinture", "drawing", "dessin", "art", "theatre", "theater", "photo", "video", "film", "youtube",
             "montage", "design", "sculpt", "craft", "couture", "sewing", "poem", "poeme", "ecriture", "writing")),
    ("paid", ("worked", "work as", "job", "employee", "employe", "salarie", "travaille", "travail", "emploi", "cdi", "cdd",
              "interim", "company", "entreprise", "shop", "magasin", "supermarket", "supermarche", "warehouse", "entrepot",
              "cashier", "caissier", "caissiere", "manager", "boss", "patron", "salary", "paid", "paye", "baby-sitting",
              "babysitting", "baby sitting", "nanny", "waiter", "waitress", "serveur", "serveuse", "driver", "chauffeur")),
    ("hobby", ("hobby", "hobbies", "loisir", "passion", "gaming", "jeux video", "video games", "cook", "cuisine",
               "garden", "jardin", "bricolage", "diy", "read", "lecture", "blog", "chess", "echecs")),
]


# Each word is matched at the start of a word, as a stem ("paint" in "painting", not "art" in "started").
_KIND_PATTERNS = [(kind, re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w.strip()) for w in words) + ")"))
                  for kind, words in _KIND_WORDS]


def experience_kind(text: str) -> str:
    """What kind of experience a message tells (paid, volunteering, family care, school, sport, ...):
    volunteering and caring for a relative when said at all, else the kind with the most words."""
    t = f" {normalise(text)} "
    patterns = dict(_KIND_PATTERNS)
    for kind in ("volunteering", "family_care"):  # explicit, and easily outweighed by activity words
        if patterns[kind].search(t):
            return kind
    best, best_hits = "other", 0
    for kind, pattern in _KIND_PATTERNS:
        hits = len(set(pattern.findall(t)))
        if hits > best_hits:
            best, best_hits = kind, hits
    return best


def short_title(text: str, words: int = 8) -> str:
    """A short title for an experience: the first clause, at most ``words`` words."""
    first = re.split(r"[.;:!?\n]| - |, (?:and|et|but|mais) ", text.strip(), maxsplit=1)[0]
    parts = first.split()
    title = " ".join(parts[:words])
    return title + ("…" if len(parts) > words else "")


def is_ongoing(text: str) -> bool:
    t = normalise(text)
    return bool(re.search(r"\b(i'?ve been|i have been|depuis|currently|actuellement|en ce moment|i am|i'm|je suis|je fais|i do|i keep|i coach|je monte|je garde|on weekends|le week end|le mercredi)\b", t))


# -- personas ------------------------------------------------------------------------------------
_PERSONA_PATTERNS: list[tuple[str, str]] = [
    ("employee", r"\b(my company|my employer|reskill|upskill|my manager|my job|colleague|mon entreprise|mon employeur|"
                 r"reconversion interne|mon poste|mes collegues|i work (as|at|in|for)|je travaille (comme|chez|dans))\b"),
    ("jobseeker", r"\b(looking for a job|job ?seeker|unemploy|find a job|looking for work|out of work|lost my job|"
                  r"cherche (un )?(emploi|travail|boulot|job)|chomage|demandeur d'emploi|france travail|pole emploi|"
                  r"sans emploi|recherche d'emploi)\b"),
    ("high_school", r"\b(high school|lycee|lyceen|lyceenne|college|after the bac|apres le bac|le bac|bac\b|seconde|premiere|"
                    r"terminale|parcoursup|my parents|mes parents|at school|au lycee|pupil|eleve|i'?m (15|16|17|18)|j'ai (15|16|17|18) ans|"
                    r"choose (my )?studies|orientation|etudes courtes|etudes longues)\b"),
]


def detect_persona(text: str) -> str | None:
    t = normalise(text)
    for persona, pattern in _PERSONA_PATTERNS:
        if re.search(pattern, t):
            return persona
    return None


def language_choice(text: str | None) -> str | None:
    t = _clean(text)
    if not t:
        return None
    if t in {"en", "eng", "english", "anglais", "englisch", "in english", "en anglais", "uk", "us", "🇬🇧", "🇺🇸"} or "english" in t or "anglais" in t:
        return "en"
    if t in {"fr", "fra", "french", "francais", "en francais", "in french", "franc"} or "francais" in t or "french" in t:
        return "fr"
    if "🇫🇷" in (text or ""):
        return "fr"
    if "🇬🇧" in (text or "") or "🇺🇸" in (text or ""):
        return "en"
    close = get_close_matches(t, ["english", "francais", "french", "anglais"], n=1, cutoff=0.7)
    if close:
        return "en" if close[0] in ("english", "anglais") else "fr"
    return None
