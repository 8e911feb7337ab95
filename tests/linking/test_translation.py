import pytest

from knowledge_data import OCCUPATION, SKILL
from tools.translation import Translation, UnknownConcept, translate


def test_official_crosswalk_esco_to_rome(tiny_kb):
    result = translate(tiny_kb, OCCUPATION["cashier"], to="rome")
    assert isinstance(result, Translation)
    assert result.matches and all(m.source == "official_crosswalk" for m in result.matches)
    assert all(m.code in tiny_kb.rome for m in result.matches)
    assert {m.relation for m in result.matches} <= {"exactMatch", "closeMatch", "broadMatch", "narrowMatch"}
    assert result.official


def test_official_crosswalk_back_from_rome_and_onet(tiny_kb):
    rome_code = translate(tiny_kb, OCCUPATION["cashier"], to="rome").matches[0].code
    back = translate(tiny_kb, rome_code, to="esco")
    assert OCCUPATION["cashier"] in [m.code for m in back.matches]
    onet = translate(tiny_kb, OCCUPATION["cashier"], to="onet")
    assert [m.code for m in onet.matches] == ["41-2011.00"] and onet.matches[0].source == "official_crosswalk"


def test_esco_code_is_a_string_identifier(tiny_kb):
    assert translate(tiny_kb, "2422.10", to="esco").source_id == OCCUPATION["evaluation"]
    assert translate(tiny_kb, "2422.1", to="esco").source_id == OCCUPATION["policy"]


def test_no_official_pair_gives_a_marked_semantic_fallback(tiny_kb):
    assert not tiny_kb.esco_to_rome.get(OCCUPATION["policy"])
    result = translate(tiny_kb, OCCUPATION["policy"], to="rome")
    assert not result.official
    assert result.matches and all(m.source == "semantic_fallback" for m in result.matches)
    assert all(m.score is not None and 0 < m.score <= 1 for m in result.matches)
    assert all(m.basis.startswith("labels") for m in result.matches)


def test_skill_to_rome_competences_is_semantic(tiny_kb):
    result = translate(tiny_kb, SKILL["payments"], to="rome")
    assert result.source_kind == "skill"
    assert result.matches and all(m.source == "semantic_fallback" and m.kind in ("competence", "savoir") for m in result.matches)
    assert all(m.rome_codes for m in result.matches)


def test_unknown_concept_is_a_clear_error(tiny_kb):
    with pytest.raises(UnknownConcept, match="unknown concept"):
        translate(tiny_kb, "Z9999", to="esco")
