"""Language skills are proposed only for a language the text names (tools/linking/language_skills.py)."""

from knowledge.models import Skill, SkillGroup
from tools.linking.language_skills import LanguageSkills

GROUPS = {"g:L": SkillGroup(uri="g:L", code="L", labels={"en": "language skills and knowledge"}),
          "g:L1": SkillGroup(uri="g:L1", code="L1", labels={"en": "languages"}, broader=["g:L"]),
          "g:S1": SkillGroup(uri="g:S1", code="S1", labels={"en": "communication"})}
SKILLS = [
    Skill(uri="s:english", labels={"en": "English", "fr": "anglais"}, broader=["g:L1"]),
    Skill(uri="s:write-english", labels={"en": "write English", "fr": "écrire en anglais"}, broader=["s:english"]),
    Skill(uri="s:german", labels={"en": "German", "fr": "allemand"}, broader=["g:L1"]),
    Skill(uri="s:speak-german", labels={"en": "interact verbally in German"}, broader=["s:german"]),
    Skill(uri="s:maritime", labels={"en": "use maritime English", "fr": "parler l'anglais maritime"}, broader=["g:S1"]),
    Skill(uri="s:medicine", labels={"en": "traditional Chinese medicine"}, broader=["g:S1"]),
    Skill(uri="s:polish-furniture", labels={"en": "polish furniture"}, broader=["g:S1"]),
    Skill(uri="s:notes", labels={"en": "write care notes"}, broader=["g:S1"]),
]


def _unnamed(text: str) -> set[str]:
    rules = LanguageSkills.from_hierarchy(SKILLS, GROUPS)
    return {s.uri for s, flag in zip(SKILLS, rules.unnamed(text)) if flag}


def test_every_language_skill_sinks_when_no_language_is_named():
    assert _unnamed("I also write the daily care notes") == {
        "s:english", "s:write-english", "s:german", "s:speak-german", "s:maritime"}


def test_a_named_language_keeps_its_skills_in_either_language_without_accents():
    assert _unnamed("I speak English at work") == {"s:german", "s:speak-german", "s:maritime"}
    assert _unnamed("je parle un peu ALLEMAND") == {"s:english", "s:write-english", "s:maritime"}


def test_a_language_for_one_trade_needs_that_trade_said_too():
    assert "s:maritime" in _unnamed("je parle anglais couramment")
    assert "s:maritime" not in _unnamed("I spoke English on the ferry, maritime radio every day")
    assert "s:medicine" not in _unnamed("I speak Chinese")  # no skill of using a language: not about one


def test_a_french_adjective_names_its_language_and_a_word_inside_another_does_not():
    assert "s:english" not in _unnamed("un diplôme de langue anglaise")
    assert "s:german" in _unnamed("I was a germanist")  # a word that starts like one is no language
    assert "s:polish-furniture" not in _unnamed("I polish furniture")  # "polish furniture" is no Polish


def _said(text: str) -> list[str]:
    rules = LanguageSkills.from_hierarchy(SKILLS, GROUPS)
    return [SKILLS[i].uri for i in rules.said(text)]


def test_speaking_or_writing_a_named_language_gives_that_skill_of_it():
    assert _said("je parle allemand avec les clients") == ["s:speak-german"]
    assert _said("I speak some German and I write English emails") == ["s:speak-german", "s:write-english"]
    assert _said("j'écris en anglais tous les jours") == ["s:write-english"]


def test_a_language_outside_the_verbs_clause_or_a_trade_language_is_not_said():
    assert _said("I speak to customers all day. English is my second language.") == []
    assert _said("I write the daily care notes") == []
    assert _said("English and German at school") == []  # named, but nothing said of using them
    assert "s:maritime" not in _said("I spoke English on the ferry")  # the general skill, not the trade's
