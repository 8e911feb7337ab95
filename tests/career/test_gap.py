import xml.etree.ElementTree as ET

import pytest
from career_kb import o, s

from tools.career.gap import UnknownTarget, compute_gap
from tools.career.gap_picture import render_gap_svg
from tools.career.packs.models import Pack


def test_gap_lists_missing_essential_first_then_optional(career_kb):
    gap = compute_gap(career_kb, [s("spreadsheets")], o("analyst"), "en")
    relations = [x.relation for x in gap.skills]
    assert relations == sorted(relations, key=lambda r: r != "essential")
    assert {x.uri for x in gap.missing_essential} == {s("analysis"), s("statistics"), s("sql")}
    assert {x.uri for x in gap.missing_optional} == {s("bi"), s("communication")}
    assert [c.uri for c in gap.covered] == [s("spreadsheets")]
    assert gap.essential_coverage == 0.25
    assert gap.summary["en"].startswith("You have 1 of the 4 essential skills for data analyst")
    assert gap.target_rome_codes == ["M1403"]


def test_almost_there_names_the_close_skill(career_kb):
    gap = compute_gap(career_kb, [s("spreadsheets")], o("analyst"), "en")
    stats = next(x for x in gap.skills if x.uri == s("statistics"))
    assert stats.status == "almost"  # same skill group as a skill the person has
    assert [c.uri for c in stats.close_to] == [s("spreadsheets")]
    unrelated = compute_gap(career_kb, [s("video")], o("analyst"), "en")
    assert all(x.status == "missing" and not x.close_to for x in unrelated.skills)
    assert "almost there" in gap.summary["en"]


def test_gap_groups_for_the_picture(career_kb):
    gap = compute_gap(career_kb, [s("spreadsheets"), s("communication")], o("analyst"), "fr")
    groups = {g.label: g for g in gap.groups}
    data = groups["working with computers"]
    assert [x.uri for x in data.covered] == [s("spreadsheets")]
    assert {x.uri for x in data.almost} | {x.uri for x in data.missing} == {s("analysis"), s("statistics"), s("sql"), s("bi")}
    assert gap.lang == "fr" and gap.target_label == "analyste de données"
    assert gap.summary["fr"].startswith("Vous avez 1 des 4 compétences essentielles")


def test_fully_covered_target_has_an_empty_gap(career_kb):
    occ = career_kb.occupations[o("cashier")]
    gap = compute_gap(career_kb, occ.essential_skills + occ.optional_skills, o("cashier"), "en")
    assert gap.is_empty and gap.essential_coverage == 1.0


def test_gap_svg_is_valid_and_escaped(career_kb):
    gap = compute_gap(career_kb, [s("spreadsheets")], o("analyst"), "en")
    gap.target_label = "data <analyst> & co"
    svg = render_gap_svg(gap)
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag.endswith("svg")
    assert "data &lt;analyst&gt; &amp; co" in svg
    assert "<script" not in svg
    assert svg.count("<rect") >= 1 + 3 + len(gap.groups)  # background, legend, at least one bar per group
    assert "almost there" in svg and "to learn" in svg
    assert "presque acquis" in render_gap_svg(gap, lang="fr")


def test_gap_to_employer_role_sector_and_rome_code(career_kb):
    employer = Pack.model_validate({
        "manifest": {"id": "acme", "kind": "employer", "name": "ACME"},
        "roles": [{"id": "an", "title": "Stock analyst", "titles": {"fr": "Analyste stocks"},
                   "skills": [s("spreadsheets"), s("analysis")], "esco_occupation": o("analyst")}],
    })
    gap = compute_gap(career_kb, [s("spreadsheets")], "pack:acme:role:an", "fr", pack=employer)
    assert gap.target_label == "Analyste stocks"
    assert [x.uri for x in gap.missing_essential] == [s("analysis")]
    assert s("sql") in {x.uri for x in gap.missing_optional}
    by_sector = compute_gap(career_kb, [], "rome-domain:K13", "en")
    assert by_sector.target_uri == o("childcare")
    by_rome = compute_gap(career_kb, [], "L1509", "en")
    assert by_rome.target_uri == o("editor")


def test_unknown_target_is_a_clear_error(career_kb):
    with pytest.raises(UnknownTarget) as error:
        compute_gap(career_kb, [], "http://example.org/nothing", "en")
    assert "pick one of the proposed moves" in error.value.message("en")
    assert "choisissez" in error.value.message("fr")
