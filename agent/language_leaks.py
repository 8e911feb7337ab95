"""English left in a French text: the words of our own vocabulary and English grammar words that a
French sentence never uses ("the", "your", "granted", "declared", "Months"), found outside what is
not ours to translate (the person's own words in quotes, links, course and job titles from the
catalogs, names), and French elision errors ("ce organisme", "de Orient").

Used by the eval check ``language_consistent``, the localisation tests and the browser tests."""

from __future__ import annotations

import re
from collections.abc import Iterable

ENGLISH_ONLY = frozenset("""
the and with your you yours of to for from this that these those are is was were have has had will would can could
should what which who whom when where why how here there their they them it its be been being our we us i'm don't
isn't can't won't let's skills skill profile interests interest preferences preference granted refused revoked expired
pending declared inferred validated evidenced certified months month weeks week hours hour days day years year
beginner intermediate advanced receipt download status yes keep none share shared sharing consent recipient recipients
training trainings gap target about my not done thanks thank please sorry all other others more less than
experience experiences counsellor employer provider withdraw erase everything nothing something anything
""".split())

_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"|‘[^’]*’")
_URL = re.compile(r"https?://\S+|/api/\S+")
_WORD = re.compile(r"(?<!\w)[^\W\d_][^\W\d_']*(?!\w)")  # a whole word: not the letters of "06f4...1be76"
_ELISION = re.compile(r"(?<![-\w'’])(ce|de|le|la|que|je|ne|se) (?=[aeiouéèêàâîôûAEIOUÉÈÊÀÂÎÔÛ])", re.IGNORECASE)
_ELISION_OK = re.compile(r"\b(?:de|le|la|que|je|ne|se) (?:oui|onze|ou|à|a|et)\b", re.IGNORECASE)


def strip_foreign(text: str, names: Iterable[str] = ()) -> str:
    """The text without what is not ours to translate: quotes (the person's words), links, and the
    given names (course and job titles, providers, recipients)."""
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = text.replace(name, " ")
    text = _URL.sub(" ", text)
    return _QUOTED.sub(" ", text)


def english_words(text: str, names: Iterable[str] = ()) -> list[str]:
    """English words of ``ENGLISH_ONLY`` in a text meant to be French (``names`` are left out)."""
    body = strip_foreign(text, names)
    return [w for w in _WORD.findall(body) if w.lower() in ENGLISH_ONLY]


def elision_errors(text: str, names: Iterable[str] = ()) -> list[str]:
    """"ce organisme", "de Orient": a short French word left whole before a vowel."""
    body = strip_foreign(text, names)
    errors = []
    for match in _ELISION.finditer(body):
        rest = body[match.start():match.start() + 40]
        if _ELISION_OK.match(rest):
            continue
        word = re.match(r"\S+ \S+", rest)
        errors.append(word.group(0) if word else rest)
    return errors
