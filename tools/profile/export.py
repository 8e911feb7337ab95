"""Profile exports: JSON (the model as is), JSON-LD (the pivot vocabulary), printable HTML, and a
one-page PDF. Each returns what is written to a file or sent in a response."""

from __future__ import annotations

import json
from datetime import date

from pydantic import BaseModel

from tools.profile.jsonld import jsonld_document
from tools.profile.models import Profile
from tools.profile.pdf import to_pdf
from tools.profile.printable import to_html


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


def to_json(profile: Profile) -> str:
    """The whole profile as Orient's JSON (what ``import`` reads back)."""
    return profile.model_dump_json(indent=2)


def to_jsonld(profile: Profile, provider: str = "orient") -> str:
    """The profile in the JSON-LD pivot vocabulary, ``@context`` inline."""
    return json.dumps(jsonld_document(profile, provider=provider), ensure_ascii=False, indent=2)


def export_profile(profile: Profile, fmt: str, *, gap_svg: str | None = None, today: date | None = None) -> bytes:
    """The profile in one of ``FORMATS``, as bytes. Raises ``ValueError`` for an unknown format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "json":
        return to_json(profile).encode("utf-8")
    if fmt == "jsonld":
        return to_jsonld(profile).encode("utf-8")
    if fmt == "html":
        return to_html(profile, gap_svg=gap_svg, today=today).encode("utf-8")
    return to_pdf(profile, gap_svg=gap_svg, today=today)


__all__ = ["FORMATS", "ExportFormat", "export_profile", "to_html", "to_json", "to_jsonld", "to_pdf"]
