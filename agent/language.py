"""Offline language detection for English and French, and text normalisation.

A small function-word and spelling model: good enough for chat messages of a few words, with no
model to load. ``detect_language`` returns ``None`` when the text carries no signal (an emoji, a
number, a name), so the caller keeps the language it had.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-zà-ÿœæ']+", re.IGNORECASE)

_FR_WORDS = set(
    """
    je j' j me m' moi mon ma mes tu te ton ta tes il elle on nous vous ils elles le la les l' un une des du de d'
    et ou mais donc car ni que qu' qui quoi quel quelle est suis es sont était etait c'est cest ce cet cette ces
    avec pour dans sur sous chez par pas plus très tres bien aussi depuis ans mois semaine jours fait faire
    fais j'ai jai ai avons avez ont été ete aime aimes aimerais voudrais veux peux oui non merci bonjour salut
    coucou bonsoir au aux en y leur leurs notre votre vos tout toute tous toutes rien c'était cetait
    travaille travaillé travail emploi métier metier études etudes formation lycée lycee enfants garde gardé
    mercredi samedi dimanche près pres loin temps plein partiel alors voilà voila ça ca quelque chose
    d'accord daccord ouais bof moi-même anglais français francais
    slt cc bjr bsr wesh jsuis chuis jsp jpp stp svp mdr ptdr tkt
    """.split()
)

_EN_WORDS = set(
    """
    i i'm im i've ive i'd me my mine you your he she it we they them our their the a an and or but so because
    is am are was were be been being have has had do did does done not no yes with for in on at of to from by
    about as this that these those what which who how when where why there here very also since years year
    months month week weeks worked work working job like love would want can could will just all some any
    hello hi hey thanks thank please okay ok sure nope yeah yep that's thats it's its don't dont i'll
    english french kept keep took helped made make then after before every each weekend weekends
    """.split()
)

_FR_CHARS = re.compile(r"[éèêëàâîïôûùçœ]")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Lower case, no accents, no emojis or symbols, single spaces: the form intents match on."""
    text = strip_accents(text.lower()).replace("’", "'")
    text = "".join(c if (c.isalnum() or c in " '?!.,:;-@/+") else " " for c in text)
    return " ".join(text.split())


def language_scores(text: str) -> tuple[float, float]:
    lowered = text.lower().replace("’", "'")
    words = _WORD.findall(lowered)
    fr = en = 0.0
    for word in words:
        bare = word.strip("'")
        if word in _FR_WORDS or bare in _FR_WORDS or word[:2] in ("j'", "l'", "d'", "c'", "m'", "n'", "s'") or word.startswith("qu'"):
            fr += 1
        if word in _EN_WORDS or bare in _EN_WORDS:
            en += 1
        if word.endswith("'s") or word.endswith("n't"):
            en += 1
    fr += 0.5 * len(_FR_CHARS.findall(lowered))
    return en, fr


def detect_language(text: str | None) -> str | None:
    """'en', 'fr' or None when the text says nothing about its language."""
    if not text:
        return None
    en, fr = language_scores(text)
    if en == fr:
        return None
    return "fr" if fr > en else "en"
