"""Cutting free text into clauses and overlapping word windows, keeping character offsets.

A long experience ("I ran the till, trained new staff and did the weekly stock count") mentions
several skills; each window is matched on its own so that every skill keeps the span it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word: letters/digits with inner punctuation kept (C#, C++, e-mail, node.js, l'accueil).
WORD = re.compile(r"[\w][\w+#.\-'’]*[\w+#]|[\w+#]", re.UNICODE)
# Clause boundaries: sentence punctuation, bullets, semicolons, colons, brackets, new lines.
CLAUSE = re.compile(r"[^.;:!?•*·\n()\[\]|]+")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Window:
    text: str
    start: int
    end: int
    whole: bool = False  # the whole text rather than one clause window


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


def clauses(text: str, tokens: list[Token] | None = None) -> list[list[Token]]:
    """Tokens grouped by clause (punctuation-delimited)."""
    tokens = tokenize(text) if tokens is None else tokens
    out: list[list[Token]] = []
    i = 0
    for m in CLAUSE.finditer(text):
        group: list[Token] = []
        while i < len(tokens) and tokens[i].start < m.end():
            if tokens[i].start >= m.start():
                group.append(tokens[i])
            i += 1
        if group:
            out.append(group)
    return out


def windows(text: str, size: int = 8, stride: int = 4, tokens: list[Token] | None = None) -> list[Window]:
    """Clause windows of at most ``size`` words (overlapping by ``size - stride``), plus the whole
    text when it is longer than one window."""
    tokens = tokenize(text) if tokens is None else tokens
    out: list[Window] = []
    seen: set[tuple[int, int]] = set()
    for group in clauses(text, tokens):
        spans = []
        if len(group) <= size:
            spans.append(group)
        else:
            start = 0
            while True:
                spans.append(group[start : start + size])
                if start + size >= len(group):
                    break
                start += stride
        for span in spans:
            key = (span[0].start, span[-1].end)
            if key not in seen:
                seen.add(key)
                out.append(Window(text[key[0] : key[1]], key[0], key[1]))
    if len(tokens) > size:
        out.append(Window(text[tokens[0].start : tokens[-1].end], tokens[0].start, tokens[-1].end, whole=True))
    return out


# words a span of evidence neither starts nor ends on: "i checked deliveries against the paperwork
# and did" is shown as "checked deliveries against the paperwork" (both languages)
EDGE_WORDS = frozenset(
    "a an and also at but by did do for i in my of on or our so the then to we with "
    "à au aussi aux avec d dans de des du en et j je l la le les ma mais mes mon nous ou pour puis que qui un une".split()
)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``text[start:end]`` without the small words and punctuation at its edges (at least
    its one word left when every word is small)."""
    inner = [t for t in tokenize(text[start:end]) if t.lower not in EDGE_WORDS]
    if not inner:
        return start, end
    return start + inner[0].start, start + inner[-1].end
