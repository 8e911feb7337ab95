"""What people type in a chat, rewritten into the words the skill labels use, keeping offsets.

People write "i was a cashier, scaning items n stackin shelves tbh" or "g bosse ds un resto, je
servais les clients"; ESCO and ROME labels say "stock shelves", "servir les clients". Before the
text is matched, each word is rewritten on its own (so every span of the rewritten text maps back
to the person's own words):

- chat and SMS forms from a small table per language ("n" -> "and", "w/" -> "with", "bcp" ->
  "beaucoup", "g" -> "j'ai", "jsuis" -> "je suis", "pdt" -> "pendant"), fillers dropped ("tbh",
  "lol", "honestly");
- a French word written without its accents gets them back when the vocabulary knows only the
  accented form ("legumes" -> "légumes", "gerer" -> "gérer");
- a misspelt word (one letter added, dropped, swapped or changed; a dropped final "g") becomes the
  vocabulary word it most likely is ("scaning" -> "scanning", "stackin" -> "stacking");
- fixed expressions that only say when or how often are dropped, so that their words match no
  skill: "par tous les temps", "de temps en temps", "tout le temps" are no *gérer le temps*,
  "from time to time", "for the first time", "part-time" no *manage time*;
- a verb told in the first person or the past becomes the infinitive the labels use, when the
  vocabulary has that infinitive: "vacuumed" -> "vacuum", "je servais" -> "je servir",
  "j'ai préparé" -> "j'ai préparer" (French verbs only after a subject or an auxiliary, so that
  "la mise en place" keeps its noun).

The vocabulary is every word of the knowledge base's labels and descriptions in that language
(:class:`Vocabulary`, built once per language). Nothing here is tuned to particular sentences.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

# a word for rewriting: letters, digits, inner apostrophes; "w/" and "+" count as words
_TOKEN = re.compile(r"w/|\+|[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FIRST_PERSON = re.compile(
    r"(?i)(?<![\w'’])(i|i'm|i’m|i've|i’ve|i'd|im|ive|my|me|myself|je|jsuis|chui|mon|ma|mes|moi)(?![\w'’])|(?<![\w])[jm]['’]\w"
)
_ELIDED = re.compile(r"\b([jmlsdnct]['’]|qu['’])")

# chat and SMS forms (lower case) -> the standard words ("" = a filler, dropped)
CHAT_FORMS: dict[str, dict[str, str]] = {
    "en": {
        "n": "and", "&": "and", "w/": "with", "w": "with", "+": "and", "ppl": "people", "u": "you", "ur": "your",
        "r": "are", "yr": "year", "yrs": "years", "y": "years", "mo": "months", "mos": "months", "thru": "through",
        "bc": "because", "cuz": "because", "coz": "because", "cos": "because", "b4": "before", "tho": "though",
        "gonna": "going to", "wanna": "want to", "gotta": "have to", "im": "I am", "ive": "I have", "dont": "do not",
        "didnt": "did not", "cant": "cannot", "wasnt": "was not", "couldnt": "could not", "pls": "please",
        "tbh": "", "lol": "", "lmao": "", "idk": "", "btw": "", "imo": "", "ngl": "", "honestly": "", "basically": "",
        "literally": "", "like": "like", "stuff": "things", "mgr": "manager", "asst": "assistant", "dept": "department",
        "approx": "about", "info": "information", "admin": "administration", "mum": "mother", "mom": "mother",
        "dad": "father", "kids": "children", "kid": "child", "hols": "holidays", "uni": "university",
    },
    "fr": {
        "g": "j'ai", "jai": "j'ai", "j'ai": "j'ai", "jsuis": "je suis", "chui": "je suis", "chuis": "je suis",
        "jsui": "je suis", "suis": "suis", "ct": "c'était", "c": "c'est", "cé": "c'est", "ces": "ces", "jetais": "j'étais",
        "bcp": "beaucoup", "bcq": "beaucoup", "pdt": "pendant", "ds": "dans", "tt": "tout", "tjs": "toujours",
        "tjrs": "toujours", "qd": "quand", "pk": "pourquoi", "pq": "pourquoi", "pr": "pour", "pcq": "parce que",
        "pck": "parce que", "psk": "parce que", "qq": "quelques", "qqs": "quelques", "qqch": "quelque chose",
        "qqn": "quelqu'un", "mm": "même", "mtn": "maintenant", "dc": "donc", "vs": "vous", "ns": "nous",
        "bjr": "bonjour", "slt": "salut", "stp": "s'il te plaît", "svp": "s'il vous plaît", "rdv": "rendez-vous",
        "+": "plus", "w/": "avec", "av": "avec", "ac": "avec", "tkt": "", "mdr": "", "ptdr": "", "lol": "", "bref": "",
        "genre": "", "voilà": "", "voila": "", "resto": "restaurant", "restau": "restaurant", "appli": "application",
        "applis": "applications", "aprem": "après-midi", "aprèm": "après-midi", "anniv": "anniversaire",
        "annivs": "anniversaires", "matos": "matériel", "fringues": "vêtements", "boulot": "travail", "taf": "travail",
        "bosse": "travaille", "bossé": "travaillé", "bosser": "travailler", "bossais": "travaillais",
        "potes": "amis", "pote": "ami", "gamins": "enfants", "gamin": "enfant", "gosses": "enfants", "ado": "adolescent",
        "ados": "adolescents", "ordi": "ordinateur", "dispo": "disponible", "infos": "informations", "info": "information",
        "prof": "professeur", "profs": "professeurs", "exo": "exercice", "exos": "exercices", "tel": "téléphone",
        "tél": "téléphone", "sem": "semaine", "h": "heures", "mn": "minutes", "min": "minutes",
        # sports as they are called ("je fais du hand", "le foot")
        "hand": "handball", "foot": "football", "volley": "volley-ball", "muscu": "musculation",
    },
}

# fixed expressions about when, how often or how long: no skill is in their words
IDIOMS: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"(?i)\b(all the time|from time to time|at the same time|(most|some|half) of the time|half the time|at (a|one) time|"
        r"at times|(for )?the first time|(every|each|next|last) time|part[- ]time|full[- ]time|time off|"
        r"in no time|over time|by the time)\b"
    ),
    "fr": re.compile(
        r"(?i)\b(de temps (en|à) temps|tout le temps|par tous les temps|en même temps|la plupart du temps|en tout temps|"
        r"à (plein|mi)[- ]temps|(à )?temps (plein|partiel)|mi-temps|(la|pour la) première fois|(à )?chaque fois|"
        r"de temps en temps|à l'époque)\b"
    ),
}

# forms of the tables that job ads use too: they do not make a text a person's chat
_PLAIN_ABBREVIATIONS = frozenset("+ & w admin info infos approx dept mgr asst min h mn sem tel tél kids kid stuff uni mum mom dad "
                                 "prof profs r y u".split())

# French contracted subject + verb written as one word ("jrepare", "jfais"): j + a known word
_FRENCH_J = re.compile(r"^j(?=[bcdfghjklmnpqrstvwxz])(.{3,})$")
# ... or elided without its apostrophe before a vowel ("jentraine", "jaide", "jorganise")
_FRENCH_J_VOWEL = re.compile(r"^j(?=[aeiouyhàâéèêîôû])(.{3,})$")

# words after which a French verb is conjugated by the person: subjects, reflexive/object pronouns
_FR_SUBJECTS = frozenset("je j' j’ on il elle tu ils elles".split())
_FR_OBJECTS = frozenset("le la les l' l’ lui leur leurs me m' m’ se s' s’ y en te t' t’ ne n' n’".split())
# auxiliaries before a French past participle: "j'ai préparé", "on a fait", "j'avais organisé"
_FR_AUXILIARIES = frozenset("ai as a avons avez ont avais avait avions aviez avaient eu été".split())
# "faire" is the verb of its object only before one ("je fais les courses", "g fait du baby sitting");
# before a bare noun it says the job ("j'ai fait caissière", "je fais serveur l'été")
_FR_DETERMINER = re.compile(r"^(?:le|la|les|l'|l’|un|une|des|du|de|d'|d’|mon|ma|mes|ton|ta|tes|son|sa|ses|notre|nos|votre|vos|"
                            r"leur|leurs|ce|cet|cette|ces|beaucoup|plein|quelques|tout|tous|toutes|toute)\b")
_NUMBER_WORD = re.compile(r"^(?:\d|un an|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quelques|plusieurs)\b")
# "travailler" before where, for whom, how long or as what says the job, not *travailler en équipe* or
# *travailler en extérieur* ("j'ai travaillé 2 ans comme caissière", "je travaille chez Lidl")
_FR_WORK_FRAME = re.compile(r"^(?:comme|chez|dans|ds|pendant|pdt|depuis|au|aux|à|pour|\d|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|"
                            r"quelques|plusieurs)$")
_FR_ADVERBS = frozenset("aussi souvent toujours déjà beaucoup bien tout tous parfois surtout même jamais".split())

_EN_KEEP = frozenset("i a an the and or of to in on for with at by as is was were be been it its my our we he she they "
                     "his her their them me us you your up out so but not no yes also".split())


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@dataclass(frozen=True)
class Rewritten:
    """A rewritten text and, for each of its characters, the span of the original it comes from."""

    original: str
    text: str
    starts: np.ndarray  # per character of ``text``: start offset in ``original``
    ends: np.ndarray  # per character of ``text``: end offset in ``original``
    chat_forms: int = 0  # how many words were chat or SMS forms ("w/", "pdt", "g")

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` comes from."""
        if end <= start or not len(self.starts):
            return start, start
        return int(self.starts[start]), int(self.ends[end - 1])

    def rewritten_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of ``text`` that ``original[start:end]`` became (None: nothing of it is left)."""
        inside = np.flatnonzero((self.starts >= start) & (self.ends <= end))
        return (int(inside[0]), int(inside[-1]) + 1) if len(inside) else None

    @classmethod
    def unchanged(cls, text: str) -> Rewritten:
        positions = np.arange(len(text), dtype=np.int64)
        return cls(text, text, positions, positions + 1)

    @property
    def told_by_a_person(self) -> bool:
        """The text reads as someone telling their own experience (not a job ad): it speaks in
        the first person singular ("I", "my", "je", "j'ai", "mon") or in chat forms."""
        return self.chat_forms > 0 or bool(_FIRST_PERSON.search(self.original))


class Vocabulary:
    """The words of one language's labels and descriptions, with how often each occurs, and the
    verbs' infinitives among them (the words the labels start with)."""

    def __init__(self, counts: Counter[str], infinitives: set[str], lang: str, known: Iterable[str] = ()):
        self.lang = lang
        self.counts = counts
        self.infinitives = frozenset(infinitives)
        # other words of the language (the sentence encoder's whole-word pieces for English): never
        # taken for misspellings, and possible corrections
        self.known = frozenset(known)
        accented: dict[str, tuple[int, str]] = {}
        for word, n in counts.items():
            bare = strip_accents(word)
            if bare != word and n > accented.get(bare, (0, ""))[0]:
                accented[bare] = (n, word)
        self.accented = {bare: word for bare, (_, word) in accented.items()}
        self._corrections: dict[str, str | None] = {}

    @classmethod
    def build(cls, labels: Iterable[str], descriptions: Iterable[str], lang: str, known: Iterable[str] = ()) -> Vocabulary:
        counts: Counter[str] = Counter()
        infinitives: set[str] = set()
        for label in labels:
            words = [w.lower() for w in _WORD.findall(label)]
            counts.update(words)
            # labels are action phrases: "vacuum surfaces", "servir les clients" (not "cleaning techniques")
            if words and (words[0].endswith(("er", "ir", "re")) if lang == "fr" else not words[0].endswith(("ed", "ing"))):
                infinitives.add(words[0])
        for text in descriptions:
            counts.update(w.lower() for w in _WORD.findall(text))
        return cls(counts, infinitives, lang, known)

    def __contains__(self, word: str) -> bool:
        return word in self.counts or word in self.known

    def knows(self, word: str) -> bool:
        """``word`` (lower case) is a word of the language's labels or descriptions, accents aside."""
        return word in self or strip_accents(word) in self.accented

    def correct(self, word: str) -> str | None:
        """The vocabulary word that ``word`` most likely misspells (one edit away), else None."""
        if word in self._corrections:
            return self._corrections[word]
        best = None
        plural = word.endswith("s") and (word[:-1] in self or (word.endswith("es") and word[:-2] in self))
        if len(word) >= 5 and word.isalpha() and word not in self and not plural:  # "tills" is no misspelt "tiles"
            # a frequent word of the labels or another known word, one edit away; one that keeps
            # the first two letters first ("trailor": "trailer" rather than "tailor")
            found = [(c[:2] == word[:2], self.counts.get(c, 0), c) for c in _edits(word) if self.counts.get(c, 0) >= 3 or c in self.known]
            if found:
                best = max(found)[2]
        if len(self._corrections) < 50_000:
            self._corrections[word] = best
        return best


def _edits(word: str) -> set[str]:
    letters = "abcdefghijklmnopqrstuvwxyzéèêàçùôîï"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return (deletes | swaps | replaces | inserts) - {word}


# irregular English past tenses people use about their work
_EN_IRREGULAR = {
    "drove": "drive", "took": "take", "ran": "run", "kept": "keep", "made": "make", "did": "do", "got": "get",
    "brought": "bring", "bought": "buy", "taught": "teach", "wrote": "write", "built": "build", "sold": "sell",
    "fed": "feed", "caught": "catch", "held": "hold", "dealt": "deal", "sent": "send", "spent": "spend", "met": "meet",
    "paid": "pay", "laid": "lay", "gave": "give", "found": "find", "grew": "grow", "sang": "sing", "drew": "draw",
    "fought": "fight", "swept": "sweep", "cut": "cut", "dug": "dig", "hung": "hang", "rode": "ride", "spoke": "speak",
    "thought": "think", "told": "tell", "understood": "understand", "wore": "wear", "won": "win", "froze": "freeze",
}


def _english_base(word: str, vocabulary: Vocabulary) -> str | None:
    """The infinitive a past-tense verb stands for, when the labels use it: "mopped" -> "mop"."""
    infinitives = vocabulary.infinitives
    if _EN_IRREGULAR.get(word) in infinitives:
        return _EN_IRREGULAR[word]
    if word in infinitives or len(word) < 5:
        return None
    candidates = []
    if word.endswith("ied"):
        candidates.append(word[:-3] + "y")
    if word.endswith("ed"):
        stem = word[:-2]
        candidates += [stem, word[:-1]]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            candidates.append(stem[:-1])
    for candidate in candidates:
        if candidate in infinitives:
            return candidate
    return None


# irregular French verbs people use about their work: conjugated form -> infinitive
_FR_IRREGULAR = {
    **dict.fromkeys("fais fait faisais faisait faisions faisaient faites font".split(), "faire"),
    **dict.fromkeys("mets met mettais mettait mettaient mis".split(), "mettre"),
    **dict.fromkeys("prends prend prenais prenait prenaient pris".split(), "prendre"),
    **dict.fromkeys("tiens tient tenais tenait tenaient tenu".split(), "tenir"),
    **dict.fromkeys("vends vend vendais vendait vendaient vendu".split(), "vendre"),
    **dict.fromkeys("conduis conduit conduisais conduisait".split(), "conduire"),
    **dict.fromkeys("écris écrit écrivais écrivait".split(), "écrire"),
    **dict.fromkeys("construis construit construisais construisait".split(), "construire"),
    **dict.fromkeys("apprends apprend apprenais apprenait appris".split(), "apprendre"),
    **dict.fromkeys("reçois reçoit recevais recevait reçu".split(), "recevoir"),
    **dict.fromkeys("accueille accueillais accueillait accueilli".split(), "accueillir"),
    **dict.fromkeys("produis produit produisais produisait".split(), "produire"),
    **dict.fromkeys("lis lit lisais lisait lu".split(), "lire"),
    **dict.fromkeys("peins peint peignais peignait".split(), "peindre"),
}

_FR_ENDINGS = ("aient", "ais", "ait", "ions", "iez", "ons", "ez", "ent", "es", "e")
_FR_PARTICIPLES = ("ées", "és", "ée", "é", "ies", "is", "ie", "i", "ites", "ite", "it", "us", "ue", "u")


def _french_infinitive(word: str, vocabulary: Vocabulary, participle: bool) -> str | None:
    """The infinitive of a conjugated French verb, when the labels use it: "servais" -> "servir",
    "gère" -> "gérer", "préparé" -> "préparer" (participles only when ``participle``)."""
    infinitives = vocabulary.infinitives
    if word in infinitives or len(word) < 3:
        return None
    if _FR_IRREGULAR.get(word) in infinitives:
        return _FR_IRREGULAR[word]
    stems = []
    for ending in (_FR_PARTICIPLES if participle else ()) + _FR_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            stems.append(word[: len(word) - len(ending)])
    for stem in stems:  # the longest ending first; of its infinitives, the one the labels use most ("servir", not "server")
        found = set()
        # "rangeais" -> "ranger", "commençais" -> "commencer": the spelling that keeps the sound before a / o
        soft = stem[:-1] if stem.endswith("ge") else stem[:-1] + "c" if stem.endswith("ç") else stem
        for base in {stem, stem.replace("è", "é"), stem[:-1] + "er" if stem.endswith("èt") else stem, soft}:
            for candidate in (base + "er", base + "ir", base + "re", base[:-3] + "ir" if base.endswith("iss") else ""):
                candidate = candidate if candidate in infinitives else vocabulary.accented.get(candidate, "")
                if candidate and candidate in infinitives:
                    found.add(candidate)
        if found:
            return max(sorted(found), key=lambda c: vocabulary.counts.get(c, 0))
    return None


def rewrite(text: str, lang: str, vocabulary: Vocabulary | None) -> Rewritten:
    """``text`` with chat forms, misspellings and conjugated verbs rewritten word by word."""
    table = CHAT_FORMS.get(lang, {})
    idiom = IDIOMS.get(lang)
    said_when = [m.span() for m in idiom.finditer(text)] if idiom is not None else []
    pieces: list[tuple[str, int, int]] = []  # (new text, original start, original end)
    position = 0
    previous: list[str] = []  # the lower-case words before, as rewritten
    chat_forms = 0
    matches = list(_TOKEN.finditer(text))
    for n, match in enumerate(matches):
        start, end = match.span()
        if start > position:
            pieces.append((text[position:start], -1, -1))
        word = match.group()
        if any(a <= start and end <= b for a, b in said_when):  # a word of "from time to time": dropped
            pieces.append(("", start, end))
            position = end
            continue
        following = matches[n + 1].group().lower() if n + 1 < len(matches) else ""
        if _employer_name(word, previous, vocabulary, table):  # "chez carrefour": a name, read as *carreleur*
            at = next((i for i in range(len(pieces) - 1, -1, -1) if pieces[i][1] >= 0 and pieces[i][0]), None)
            if at is not None and pieces[at][0].lower() in _EMPLOYED_AT:  # the "chez" goes with it
                pieces[at] = ("", pieces[at][1], pieces[at][2])
            pieces.append(("", start, end))
            position = end
            continue
        new = _rewrite_word(word, lang, table, vocabulary, previous, following)
        chat_forms += word.lower() in table and new != word and word.lower() not in _PLAIN_ABBREVIATIONS
        pieces.append((new, start, end))
        if new:
            previous.extend(_ELIDED.sub(r"\1 ", new.lower()).split())
        position = end
    if position < len(text):
        pieces.append((text[position:], -1, -1))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cursor = 0
    for piece, start, end in pieces:
        out.append(piece)
        if start < 0:  # copied as it was
            starts.extend(range(cursor, cursor + len(piece)))
            ends.extend(range(cursor + 1, cursor + len(piece) + 1))
            cursor += len(piece)
        else:
            starts.extend([start] * len(piece))
            ends.extend([end] * len(piece))
            cursor = end
    new_text = "".join(out)
    return Rewritten(text, new_text, np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), chat_forms)


# where someone worked, said by the employer's name: "chez carrefour", "at lidl", "pr uber eats"
_EMPLOYED_AT = frozenset({"chez", "at", "for", "pour"})
_NOT_A_NAME = frozenset("moi toi lui eux elle elles nous vous soi un une des les la le mon ma mes ton ta tes son sa ses leur leurs "
                        "ce cet cette ces notre nos votre vos me you him her them us it home a an the my his its their our "
                        "this that these those some".split())


def _employer_name(word: str, previous: list[str], vocabulary: Vocabulary | None, table: dict[str, str]) -> bool:
    """``word`` is the name of the place someone worked at, which the labels' words do not hold: the
    sentence encoder would read it by its pieces ("carrefour" as *carreleur*, "deliveroo" as *livres*)."""
    lower = word.lower()
    return (vocabulary is not None and bool(previous) and previous[-1] in _EMPLOYED_AT and len(lower) >= 2
            and lower.isalpha() and lower not in table and not vocabulary.knows(lower) and lower not in _NOT_A_NAME
            and vocabulary.correct(lower) is None)  # "custmers" is no name


def _rewrite_word(word: str, lang: str, table: dict[str, str], vocabulary: Vocabulary | None, previous: list[str],
                  following: str = "") -> str:
    lower = word.lower()
    if lower in table:
        # a French verb said the chat's way is then read as any verb ("g bosse 2 ans comme serveuse": "travaille"
        # before "2 ans comme" says the job, not *travailler selon une recette*)
        said = table[lower]
        if lang == "fr" and vocabulary is not None and said.isalpha():
            return _rewrite_french(said, said, vocabulary, previous, following)
        return said
    if vocabulary is None or not lower.isalpha() and "'" not in lower and "’" not in lower:
        return word
    if lang == "fr":
        return _rewrite_french(word, lower, vocabulary, previous, following)
    if lang == "en":
        return _rewrite_english(word, lower, vocabulary)
    return word


def _rewrite_english(word: str, lower: str, vocabulary: Vocabulary) -> str:
    if lower in _EN_KEEP or not lower.isalpha():
        return word
    base = _english_base(lower, vocabulary)  # "mopped" -> "mop" before any spelling correction
    if base:
        return base
    if lower not in vocabulary:
        if lower.endswith("in") and lower + "g" in vocabulary:  # "stackin" -> "stacking"
            lower = lower + "g"
        else:
            lower = vocabulary.correct(lower) or lower
    return _english_base(lower, vocabulary) or (lower if lower != word.lower() else word)


def _rewrite_french(word: str, lower: str, vocabulary: Vocabulary, previous: list[str], following: str = "") -> str:
    prefix = ""
    for elided in ("j'", "j’", "m'", "m’", "l'", "l’", "d'", "d’", "s'", "s’", "n'", "n’", "qu'", "qu’", "c'", "c’"):
        if lower.startswith(elided) and len(lower) > len(elided):
            prefix, lower = lower[: len(elided)], lower[len(elided):]
            break
    subject = prefix in ("j'", "j’")
    contraction = False  # "jfais", "jentraine": subject and verb written as one word
    if not prefix and lower not in vocabulary:
        contracted = _FRENCH_J.match(lower) or _FRENCH_J_VOWEL.match(lower)
        if contracted:
            rest = contracted.group(1)
            rest = (rest if rest in vocabulary else vocabulary.accented.get(rest)
                    or _french_infinitive(rest, vocabulary, participle=False) or "")
            if rest:
                prefix, lower, subject, contraction = ("j'" if contracted.re is _FRENCH_J_VOWEL else "je "), rest, True, True
    if lower == "a" and not prefix and _preposition_a(previous, following):
        return "à" if word == "a" else "À"
    changed = contraction
    context = [w for w in previous[-3:] if w not in _FR_ADVERBS and w not in _FR_OBJECTS]
    after_subject = subject or bool(previous) and _after(previous, _FR_SUBJECTS)
    after_auxiliary = bool(context) and context[-1] in _FR_AUXILIARIES
    infinitive = None
    if after_subject or after_auxiliary or prefix in ("m'", "m’", "s'", "s’"):
        infinitive = _french_infinitive(lower, vocabulary, participle=after_auxiliary)
        if infinitive == "faire" and not _FR_DETERMINER.match(following) and following.split()[:1] != ["attention"]:
            # "j'ai fait caissière", "je fais serveur": a job, not *faire fonctionner une chaudière*; after its
            # auxiliary it says "been" ("j'ai été caissière"), else *rapporter des faits* comes from "fait"
            infinitive = "été" if after_auxiliary and following[:1].isalpha() and not _NUMBER_WORD.match(following) else None
        if infinitive == "travailler" and _FR_WORK_FRAME.match(following):
            infinitive = "été" if after_auxiliary else "suis"
        if infinitive:
            lower, changed = infinitive, True
    # French words the labels lack are too many for spelling correction ("matin" is no "main"):
    # only the accents come back ("legumes" -> "légumes")
    if infinitive is None and lower not in vocabulary and lower in vocabulary.accented:
        lower, changed = vocabulary.accented[lower], True
    if not changed:
        return word
    return prefix + lower


# "a" is the verb after these ("il a", "on a fait") and before a past participle ("ma mère a eu")
_FR_HAS_SUBJECTS = frozenset("il elle on qui ça ca cela ce c' c’ y tout personne chacun".split())
_FR_NUMBERS = frozenset("un une deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente quarante cinquante "
                        "soixante cent mille plusieurs".split())
_FR_PARTICIPLE_END = re.compile(r"(?:é|ée|és|ées|i|is|it|u|us|ue|ert|eint|ait)$")


def _preposition_a(previous: list[str], following: str) -> bool:
    """Whether an unaccented "a" is the preposition "à" typed without its accent ("livreur a vélo",
    "aide a domicile"): after a word that is not its subject and before one that is no participle."""
    if not previous or previous[-1] in _FR_HAS_SUBJECTS or previous[-1] in _FR_OBJECTS:
        return False
    return (bool(following) and following.isalpha() and following not in _FR_NUMBERS
            and not _FR_PARTICIPLE_END.search(following))


def _after(previous: list[str], subjects: frozenset[str]) -> bool:
    """The last word before is a subject, past object pronouns and adverbs ("je les emmenais")."""
    for word in reversed(previous[-4:]):
        if word in subjects:
            return True
        if word in _FR_OBJECTS or word in _FR_ADVERBS:
            continue
        return False
    return False
