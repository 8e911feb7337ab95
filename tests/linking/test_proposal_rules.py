"""Skills about managing others and knowledge items, offered only when the person says so."""

import pytest

from tools.linking.proposal_rules import (
    about_knowing,
    expert_only,
    knowledge_items,
    managing_others,
    names_a_skilled_trade_or_service_job,
    says_they_led,
)


def test_managing_others_is_told_by_the_label():
    labels = ["plan shifts of employees", "supervise staff", "lead a team", "schedule shifts", "work in shifts", "manage time",
              "supervise children", "handle customer complaints", "brief volunteers", "manage volunteering programmes",
              "work with volunteers"]
    assert managing_others(labels).tolist() == [True, True, True, True, False, False, False, False, True, True, False]


def test_supervising_anything_or_workers_named_by_their_job_is_managing():
    jobs = {"cashier", "driver", "mechanic"}
    labels = ["supervise work", "oversee park land use", "monitor cashiers", "manage truck drivers", "monitor stock level",
              "coordinate orders from various suppliers", "supervise movement of passengers", "manage time", "monitor drivers"]
    assert managing_others(labels, jobs).tolist() == [True, True, True, True, False, False, False, False, True]


def test_expert_skills_are_those_only_professional_occupations_list():
    assert expert_only([{"2"}, {"2", "3"}, {"2", "5"}, set(), {"1"}]).tolist() == [True, True, False, False, True]
    assert [names_a_skilled_trade_or_service_job(c) for c in ("5321.1.1", "9112.1", "2221.3", "3412.4.2", "0110.1", "")] == [
        True, True, False, False, False, False]


def test_knowledge_items_by_skill_type():
    assert knowledge_items(["knowledge", "skill/competence", ""]).tolist() == [True, False, False]


@pytest.mark.parametrize(
    ("text", "lang", "led"),
    [
        ("I also worked night shifts alone at the front desk", "en", False),
        ("I was the shift supervisor and trained new staff", "en", True),
        ("I managed a team of four", "en", True),
        ("I fitted back boxes and sockets under supervision", "en", False),
        ("I was supervised by the site manager", "en", False),
        ("I worked under supervision at first, then I supervised two apprentices", "en", True),
        ("je posais les prises sous la supervision du chef de chantier", "fr", False),
        ("je faisais les nuits seule à l'accueil", "fr", False),
        ("j'encadrais deux apprentis", "fr", True),
        ("j'étais responsable de l'équipe du soir", "fr", True),
    ],
)
def test_who_says_they_managed_someone(text, lang, led):
    assert says_they_led(text, lang) is led


@pytest.mark.parametrize(
    ("text", "lang", "knowing"),
    [
        ("I cleaned offices in the evening", "en", False),
        ("I studied accounting and know Sage well", "en", True),
        ("je l'aide à se déplacer et je remplis les papiers de la MDPH", "fr", False),
        ("j'ai appris la langue des signes", "fr", True),
        ("j'ai des notions de comptabilité", "fr", True),
    ],
)
def test_a_statement_about_knowing_something(text, lang, knowing):
    assert about_knowing(text, lang) is knowing
