import io
import json
from datetime import date
from pathlib import Path

import pytest
from profile_samples import full_profile, skill_uri
from pypdf import PdfReader

from tools.profile.export import FORMATS, export_profile, to_html, to_json, to_jsonld, to_pdf
from tools.profile.importers import import_document
from tools.profile.models import Evidence, Experience, PlanTraining, Profile, ProfileSkill

TODAY = date(2026, 11, 25)
GAP_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="20" viewBox="0 0 200 20"><rect width="120" height="20" fill="#2e8b57"/><rect x="120" width="80" height="20" fill="#d64545"/></svg>'


def _pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def test_json_export_is_the_profile():
    profile = full_profile()
    data = to_json(profile)
    assert json.loads(json.dumps(data))["skills"][0]["uri"] == skill_uri(0)
    assert Profile.model_validate(data) == profile


def test_jsonld_export_has_context_and_types():
    doc = to_jsonld(full_profile(), provider="Orient Rennes")
    assert doc["@type"] == "Profile" and doc["provider"] == "Orient Rennes"
    assert doc["@context"]["Skill"] == "orient:Skill"
    assert doc["skill"][0]["escoSkill"] == skill_uri(0)


def test_html_page_shows_the_profile():
    html = to_html(full_profile(), gap_svg=GAP_SVG, today=TODAY)
    assert html.startswith("<!doctype html>") and '<html lang="fr">' in html
    for text in ("Profil de compétences", "Serveuse", "Café de Flore", "servir des boissons", "certifiée", "attestée",
                 "validée par un conseiller", "J&#39;ai servi les clients au bar", "Lycée hôtelier", "Responsable de salle",
                 "Manager une équipe en restauration", "Postuler à 3 offres", "25 nov 2026"):
        assert text in html, text
    assert "piloter un avion" not in html  # rejected skills never appear
    assert "data:image/svg+xml;base64," in html  # the gap picture, as an inert image
    assert "<script" not in html.lower()


def test_html_in_english_and_without_svg_draws_a_bar():
    html = to_html(full_profile(), lang="en", today=TODAY)
    assert "Skills profile" in html and "validated by a counsellor" in html
    assert 'class="bar"' in html and "almost there: 1" in html


def test_html_escapes_what_the_person_typed():
    profile = Profile(person_id="x")
    exp = profile.add_experience(Experience(title="<script>alert(1)</script>", description="<img src=x onerror=alert(2)>"))
    profile.upsert_skill(ProfileSkill(uri=skill_uri(1), label="<b>bold</b>", state="confirmed", evidence=[Evidence(text="</td><script>", experience_id=exp.id)]))
    profile.plan = None
    html = to_html(profile)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<b>bold</b>" not in html


def test_html_links_only_web_urls():
    profile = full_profile()
    profile.plan.trainings.append(PlanTraining(id="bad", title="Bad course", url="javascript:alert(1)"))
    html = to_html(profile)
    assert "javascript:" not in html and "Bad course" in html


def test_pdf_is_one_page_with_the_content():
    data = to_pdf(full_profile(), gap_svg=GAP_SVG, today=TODAY)
    assert data.startswith(b"%PDF-")
    pages, text = _pdf_text(data)
    assert pages == 1
    for part in ("Profil de compétences", "Serveuse", "servir des boissons", "certifiée", "Responsable de salle", "Chef de rang"):
        assert part in text, part
    assert "piloter un avion" not in text


def test_pdf_stays_one_page_for_a_long_profile():
    profile = full_profile(language="en")
    for i in range(40):
        exp = profile.add_experience(Experience(title=f"Job {i} " + "with a long title " * 4, organisation="Org", description="did things " * 40))
        profile.upsert_skill(ProfileSkill(uri=skill_uri(100 + i), label=f"skill {i} " * 6, state="confirmed", evidence=[Evidence(text="evidence " * 50, experience_id=exp.id)]))
    pages, text = _pdf_text(to_pdf(profile, today=TODAY))
    assert pages == 1
    assert "more" in text  # the lists say what was left out


def test_pdf_without_unicode_fonts_uses_the_core_font(tmp_path: Path):
    data = to_pdf(full_profile(), font_dirs=(tmp_path,), today=TODAY)
    pages, text = _pdf_text(data)
    assert pages == 1
    assert "Compétences" in text and "oeufs" in text  # Latin-1 kept, the rest transliterated


def test_pdf_language_can_be_given_positionally():
    pages, text = _pdf_text(to_pdf(full_profile(language="fr"), "en", today=TODAY))
    assert pages == 1 and "Skills profile" in text and "evidenced" in text


def test_pdf_of_an_empty_profile():
    pages, text = _pdf_text(to_pdf(Profile(person_id="new", language="en"), today=TODAY))
    assert pages == 1 and "No skills confirmed yet." in text


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_profile_bytes(fmt):
    data = export_profile(full_profile(), fmt)
    assert isinstance(data, bytes) and data
    if fmt in ("json", "jsonld"):
        again = Profile(person_id="again")
        import_document(again, json.loads(data))
        assert len(again.skills) == 6


def test_export_unknown_format():
    with pytest.raises(ValueError, match="unknown export format"):
        export_profile(full_profile(), "docx")


def test_pdf_embeds_the_career_gap_picture():
    """The gap picture the career tools draw (SVG) goes into the PDF as a vector image."""
    from tools.career.gap_picture import render_gap_svg
    from tools.career.models import GapGroup, SkillRef, SkillsGap

    gap = SkillsGap(
        target_uri="http://data.europa.eu/esco/occupation/aaaa-bbbb",
        target_label="Responsable de salle",
        lang="fr",
        groups=[GapGroup(uri="g1", label="gestion", covered=[SkillRef(uri="a", label="a")], missing=[SkillRef(uri="b", label="b")])],
        summary={"fr": "50 %"},
    )
    svg = render_gap_svg(gap)
    with_svg = to_pdf(full_profile(), gap_svg=svg, today=TODAY)
    without = to_pdf(full_profile(), today=TODAY)
    pages, text = _pdf_text(with_svg)
    assert pages == 1
    assert "Vos compétences pour Responsable de salle" in text  # the SVG's text, drawn by the PDF
    assert "Vos compétences pour" not in _pdf_text(without)[1]


def test_pdf_draws_the_gap_picture_with_tooltips_and_shortened_labels():
    """A real gap picture has hover titles on its bars and labels shortened with '…': the PDF still
    draws it (not the fallback bar), with the labels in the core fonts fpdf2 uses for SVG text."""
    from tools.career.gap_picture import render_gap_svg
    from tools.career.models import GapGroup, SkillRef, SkillsGap

    long_group = "conducting studies, investigations and examinations of many kinds"
    gap = SkillsGap(
        target_uri="http://data.europa.eu/esco/occupation/aaaa-bbbb",
        target_label="shelf filler",
        lang="en",
        groups=[GapGroup(uri="g1", label=long_group, covered=[SkillRef(uri="a", label="a")],
                         missing=[SkillRef(uri="b", label="stock shelves"), SkillRef(uri="c", label="weigh goods")])],
        summary={"en": "33 %"},
    )
    svg = render_gap_svg(gap)
    assert "<title>" in svg and "…" in svg  # what used to make fpdf2 draw nothing
    pages, text = _pdf_text(to_pdf(full_profile(), gap_svg=svg, today=TODAY))
    assert pages == 1
    assert "Your skills for shelf filler" in text
    assert "conducting studies" in text
