"""Cleaning a job title as people and job ads write it before matching it to occupations:
seniority and contract words, gender markers, bracketed notes and trailing location or reference
parts carry no information about the occupation itself."""

from __future__ import annotations

import re

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_GENDER = re.compile(r"\b[mwfhd]\s*/\s*[mwfhd](\s*/\s*[mwfhd])?\b|\(?\b[hf]/[fh]\b\)?", re.IGNORECASE)
_NOISE_WORDS = {
    "en": r"senior|snr|sr|junior|jr|jnr|intern|internship|trainee|graduate|part[- ]time|full[- ]time|temporary|temp|contract|freelance|permanent|urgent|immediate|experienced|entry[- ]level",
    "fr": r"senior|junior|stagiaire|stage|alternance|alternant|apprenti|cdi|cdd|intérim|interim|temps partiel|temps plein|h/f|f/h|confirmé|confirmée|débutant|débutante|urgent",
}
_TRAILING = re.compile(r"\s+[-–—|@]\s+.*$")


def clean_title(title: str, lang: str = "en") -> str:
    """The title without seniority, contract, gender and location noise (never empty if the input is not)."""
    text = " ".join(title.split())
    cleaned = _BRACKETS.sub(" ", text)
    cleaned = _GENDER.sub(" ", cleaned)
    cleaned = _TRAILING.sub("", cleaned)
    words = _NOISE_WORDS.get(lang, _NOISE_WORDS["en"])
    cleaned = re.sub(rf"\b({words})\b\.?", " ", cleaned, flags=re.IGNORECASE)
    cleaned = " ".join(cleaned.replace("/", " / ").split()).strip(" -–—/|,")
    return cleaned or text
