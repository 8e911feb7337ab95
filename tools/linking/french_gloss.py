"""A word-for-word English gloss of a French text, learnt from ESCO's own parallel labels.

The sentence encoder is English; French labels help, but "je servais les clients, j'encaissais"
is matched best as "I serve the customers, I cash". Every ESCO skill and occupation has labels in
both languages ("servir les clients" / "serve customers", "nettoyer les sols" / "clean floors"):
counting which French and English words share concepts (Dice coefficient over the concepts' label
word sets) gives each French word its English counterpart. Grammar words come from a small table;
a word with no counterpart stays as it is (names, English loan words, cognates). The gloss keeps,
for each of its characters, the span of the French text it comes from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tools.linking.spoken_text import Rewritten, strip_accents

if TYPE_CHECKING:
    from tools.linking.label_strings import Concept

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\+", re.UNICODE)
_ELISION = re.compile(r"^(j|l|d|m|s|n|c|t|qu)['’](.+)$")

# grammar words: French -> English ("" = dropped)
FUNCTION_WORDS = {
    "je": "I", "j": "I", "tu": "you", "il": "he", "elle": "she", "on": "we", "nous": "we", "vous": "you", "ils": "they",
    "elles": "they", "me": "", "m": "", "se": "", "s": "", "te": "", "t": "", "le": "the", "la": "the", "les": "the",
    "l": "the", "un": "a", "une": "a", "des": "", "du": "", "de": "of", "d": "of", "au": "at the", "aux": "to the",
    "et": "and", "ou": "or", "mais": "but", "donc": "so", "car": "because", "avec": "with", "sans": "without",
    "pour": "for", "par": "by", "sur": "on", "sous": "under", "dans": "in", "en": "in", "chez": "at", "entre": "between",
    "vers": "towards", "pendant": "for", "depuis": "for", "avant": "before", "après": "after", "à": "to", "a": "has",
    "ai": "have", "avons": "have", "ont": "have", "suis": "am", "est": "is", "sommes": "are", "sont": "are",
    "étais": "was", "était": "was", "été": "been", "c": "it", "ce": "this", "cet": "this", "cette": "this", "ces": "these",
    "mon": "my", "ma": "my", "mes": "my", "ton": "your", "ta": "your", "tes": "your", "son": "his", "sa": "her", "ses": "their",
    "notre": "our", "nos": "our", "votre": "your", "vos": "your", "leur": "their", "leurs": "their", "lui": "him",
    "qui": "who", "que": "that", "qu": "that", "quand": "when", "comme": "as", "aussi": "also", "très": "very",
    "trop": "too", "plus": "more", "moins": "less", "tout": "all", "tous": "all", "toutes": "all", "toute": "all",
    "ne": "", "n": "", "pas": "not", "y": "there", "ans": "years", "an": "year", "mois": "months", "semaine": "week",
    "jour": "day", "jours": "days", "soir": "evening", "matin": "morning", "nuit": "night", "week": "week", "end": "end",
    "fait": "did", "fais": "do", "faire": "do", "beaucoup": "a lot", "peu": "little", "fallait": "had to", "faut": "must",
}


class Lexicon:
    """French word -> English word, from the concepts' parallel labels."""

    def __init__(self, table: dict[str, str], english: frozenset[str]):
        self.table = table
        self.english = english
        # the same words written without accents ("legumes"), where that spelling is not a word itself
        self.unaccented = {strip_accents(f): e for f, e in table.items() if strip_accents(f) not in table}

    @classmethod
    def from_concepts(cls, records: Iterable[Concept], min_pairs: int = 2, min_dice: float = 0.2) -> Lexicon:
        fr_counts: Counter[str] = Counter()
        en_counts: Counter[str] = Counter()
        joint: Counter[tuple[str, str]] = Counter()
        english: set[str] = set()
        for record in records:
            fr_words = _words([record.labels.get("fr", ""), *record.alt_labels.get("fr", ())]) - set(FUNCTION_WORDS)
            en_words = _words([record.labels.get("en", ""), *record.alt_labels.get("en", ())])
            english |= en_words
            if not fr_words or not en_words:
                continue
            fr_counts.update(fr_words)
            en_counts.update(en_words)
            joint.update((f, e) for f in fr_words for e in en_words)
        best: dict[str, tuple[float, str]] = {}
        for (f, e), n in joint.items():
            if n < min_pairs:
                continue
            dice = 2 * n / (fr_counts[f] + en_counts[e])
            if dice >= min_dice and dice > best.get(f, (0.0, ""))[0]:
                best[f] = (dice, e)
        return cls({f: e for f, (_, e) in best.items()}, frozenset(english))

    def word(self, word: str) -> str:
        lower = word.lower()
        if lower in FUNCTION_WORDS:
            return FUNCTION_WORDS[lower]
        found = self.table.get(lower) or self.unaccented.get(strip_accents(lower))
        return found if found else word

    def gloss(self, rewritten: Rewritten) -> Rewritten:
        """The English gloss of ``rewritten.text``, its offsets pointing at ``rewritten.original``."""
        text = rewritten.text
        parts: list[tuple[str, int, int]] = []
        position = 0
        for match in _TOKEN.finditer(text):
            start, end = match.span()
            if start > position:
                parts.append((text[position:start], position, -1))
            token = match.group()
            elided = _ELISION.match(token.lower())
            words = [elided.group(1), elided.group(2)] if elided else [token]
            english = " ".join(w for w in (self.word(w) for w in words) if w)
            parts.append((english, start, end))
            position = end
        if position < len(text):
            parts.append((text[position:], position, -1))
        starts, ends, out = [], [], []
        for piece, start, end in parts:
            out.append(piece)
            for k in range(len(piece)):
                if end < 0:  # copied as it was
                    starts.append(rewritten.starts[start + k] if start + k < len(rewritten.starts) else len(rewritten.original))
                    ends.append(rewritten.ends[start + k] if start + k < len(rewritten.ends) else len(rewritten.original))
                else:
                    starts.append(rewritten.starts[start])
                    ends.append(rewritten.ends[end - 1])
        import numpy as np

        return Rewritten(rewritten.original, "".join(out), np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64))


def _words(texts: Iterable[str]) -> set[str]:
    return {w.lower() for text in texts for w in _WORD.findall(text)}
