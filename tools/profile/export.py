"""Profile exports: JSON (the model as is), JSON-LD (the pivot vocabulary), printable HTML, and a
one-page PDF.

``to_json`` and ``to_jsonld`` return JSON-ready dicts; ``to_html`` a page (str); ``to_pdf`` the PDF
bytes. ``lang`` renders the printable page in another language than the profile's (en or fr).
``export_profile`` returns the bytes of any format, for files and downloads.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from tools.profile.jsonld import jsonld_document
from tools.profile.models import Profile
from tools.profile.pdf import FONT_DIRS
from tools.profile.pdf import to_pdf as _pdf
from tools.profile.printable import to_html as _html


class ExportFormat(BaseModel):
    name: str
    media_type: str
    suffix: str


FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat(name="json", media_type="application/json", suffix=".json"),
    "jsonld": ExportFormat(name="jsonld", media_type="application/ld+json", suffix=".jsonld"),
    "html": ExportFormat(name="html", media_type="text/html; charset=utf-8", suffix=".html"),
    "pdf": ExportFormat(name="pdf", media_type="application/pdf", suffix=".pdf"),
}


def to_json(profile: Profile) -> dict:
    """The whole profile as Orient's JSON (what ``import`` reads back), JSON-ready."""
    return profile.model_dump(mode="json")


def to_jsonld(profile: Profile, provider: str = "orient") -> dict:
    """The profile in the JSON-LD pivot vocabulary, ``@context`` inline."""
    return jsonld_document(profile, provider=provider)


def to_html(profile: Profile, lang: str | None = None, *, gap_svg: str | None = None, today: date | None = None) -> str:
    """A printable, self-contained HTML page."""
    return _html(_in_language(profile, lang), gap_svg=gap_svg, today=today)


def to_pdf(
    profile: Profile,
    lang: str | None = None,
    *,
    gap_svg: str | None = None,
    today: date | None = None,
    font_dirs: tuple[Path, ...] = FONT_DIRS,
) -> bytes:
    """A one-page A4 PDF."""
    return _pdf(_in_language(profile, lang), gap_svg=gap_svg, today=today, font_dirs=font_dirs)


def export_profile(profile: Profile, fmt: str, lang: str | None = None, *, gap_svg: str | None = None) -> bytes:
    """The profile in one of ``FORMATS``, as bytes. Raises ``ValueError`` for an unknown format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "json":
        return json.dumps(to_json(profile), ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "jsonld":
        return json.dumps(to_jsonld(profile), ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "html":
        return to_html(profile, lang, gap_svg=gap_svg).encode("utf-8")
    return to_pdf(profile, lang, gap_svg=gap_svg)


def _in_language(profile: Profile, lang: str | None) -> Profile:
    if not lang or lang == profile.language:
        return profile
    return profile.model_copy(update={"language": lang})


__all__ = ["FORMATS", "ExportFormat", "export_profile", "to_html", "to_json", "to_jsonld", "to_pdf"]
