"""Exact phrase matches: a skill whose preferred or alternative label occurs word for word in the
text ("SQL", "customer service", "JavaScript") is strong evidence, with its exact span."""

from __future__ import annotations

from dataclasses import dataclass

from tools.linking.text_windows import WORD, Token

# Single words that are too ambiguous to count as a skill mention on their own.
_MIN_SINGLE_WORD_CHARS = 2


def phrase_key(text: str) -> tuple[str, ...]:
    return tuple(w.lower().strip(".-'’") for w in WORD.findall(text))


@dataclass(frozen=True, slots=True)
class PhraseHit:
    concept: int
    start: int
    end: int
    preferred: bool
    n_words: int


class PhraseMatcher:
    def __init__(self, texts: list[str], owners: list[int], preferred: list[bool], stopwords: frozenset[str] = frozenset(), max_words: int = 6):
        self.table: dict[tuple[str, ...], list[tuple[int, bool]]] = {}
        self.max_words = 1
        for text, owner, pref in zip(texts, owners, preferred):
            key = phrase_key(text)
            if not key or len(key) > max_words:
                continue
            if len(key) == 1 and (key[0] in stopwords or len(key[0]) < _MIN_SINGLE_WORD_CHARS):
                continue
            entries = self.table.setdefault(key, [])
            if all(o != owner for o, _ in entries):
                entries.append((int(owner), bool(pref)))
            self.max_words = max(self.max_words, len(key))

    def find(self, tokens: list[Token]) -> list[PhraseHit]:
        words = [t.text.lower().strip(".-'’") for t in tokens]
        hits: list[PhraseHit] = []
        for n in range(self.max_words, 0, -1):
            for i in range(len(words) - n + 1):
                for owner, pref in self.table.get(tuple(words[i : i + n]), ()):
                    hits.append(PhraseHit(owner, tokens[i].start, tokens[i + n - 1].end, pref, n))
        return hits
