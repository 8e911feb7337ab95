"""Exact phrase matches: a skill whose preferred or alternative label occurs word for word in the
text ("SQL", "customer service", "JavaScript") is strong evidence, with its exact span."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from tools.linking.text_windows import WORD, Token

# Single words that are too ambiguous to count as a skill mention on their own.
_MIN_SINGLE_WORD_CHARS = 2


def _word(text: str) -> str:
    return text.lower().strip(".-'’")


def phrase_key(text: str) -> tuple[str, ...]:
    return tuple(_word(w) for w in WORD.findall(text))


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
        words = [_word(t.text) for t in tokens]
        hits: list[PhraseHit] = []
        for n in range(self.max_words, 0, -1):
            for i in range(len(words) - n + 1):
                for owner, pref in self.table.get(tuple(words[i : i + n]), ()):
                    hits.append(PhraseHit(owner, tokens[i].start, tokens[i + n - 1].end, pref, n))
        return hits


# where a job's name puts its head noun: "general worker" in English, "directeur général" in French
_HEAD_FIRST_LANGUAGES = frozenset({"fr"})


def head_words(labels: Iterable[str], lang: str, min_labels: int = 3) -> frozenset[str]:
    """The words that head at least ``min_labels`` of these multi-word labels: the last word in
    English ("worker", "manager", "assistant"), the first in French ("directeur", "agent")."""
    counts: Counter[str] = Counter()
    for label in labels:
        key = phrase_key(label)
        if len(key) > 1:
            counts[key[0] if lang in _HEAD_FIRST_LANGUAGES else key[-1]] += 1
    return frozenset(word for word, n in counts.items() if n >= min_labels)


def naming_a_job(hits: list[PhraseHit], text: str, tokens: list[Token], heads: frozenset[str], lang: str) -> list[PhraseHit]:
    """The label matches that name a job on their own (``hits`` of occupation labels in ``text``):
    - none that a longer match covers: "general" (*army general*) inside "general practitioner",
      "chef" inside "head chef";
    - no one-word label that qualifies the head noun of a job's name beside it (``heads``, from
      :func:`head_words`): "general" in "general worker", "général" in "directeur général"."""
    words = [_word(t.text) for t in tokens]
    position = {t.start: i for i, t in enumerate(tokens)}
    step = -1 if lang in _HEAD_FIRST_LANGUAGES else 1
    kept = []
    for hit in hits:
        if any(o.start <= hit.start and hit.end <= o.end and o.end - o.start > hit.end - hit.start for o in hits):
            continue
        if hit.n_words == 1:
            i = position[hit.start]
            j = i + step
            if 0 <= j < len(tokens) and words[j] in heads:
                first, second = (tokens[i], tokens[j]) if step > 0 else (tokens[j], tokens[i])
                if not text[first.end : second.start].strip():  # "cashier, manager" names two jobs
                    continue
        kept.append(hit)
    return kept
