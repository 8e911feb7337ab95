from tools.career.interests import CENTRE_CODES, parse_interests, riasec_affinity
from tools.career.preferences import parse_preferences


def test_interests_from_english_text():
    profile = parse_interests("numbers, computers, solving problems")
    assert profile.letters[0] == "I"
    assert "C" in profile.riasec
    assert CENTRE_CODES["J'aime manier les chiffres"] in profile.centres
    assert CENTRE_CODES["Je suis passionné / passionnée par les nouvelles technologies"] in profile.centres


def test_interests_from_french_text_without_accents_or_with():
    for text in ("j'aime la création et m'occuper des enfants", "j'aime la creation et m'occuper des enfants"):
        profile = parse_interests(text)
        assert set(profile.letters[:2]) == {"A", "S"}
        assert CENTRE_CODES["Je souhaite m'occuper d'enfants"] in profile.centres
        assert CENTRE_CODES["Je suis un / une artiste"] in profile.centres


def test_interests_as_riasec_code_or_list_or_nothing():
    assert parse_interests("SAE").letters == "SAE"
    assert parse_interests(["sport", "people"]).riasec
    assert parse_interests(None).is_empty
    assert parse_interests("   ").is_empty


def test_word_prefixes_do_not_overmatch():
    # "career" must not read as "car" (driving), "planet" not as "plan" (organising)
    profile = parse_interests("my career and the planet")
    assert CENTRE_CODES["J'aime piloter, conduire"] not in profile.centres
    assert CENTRE_CODES["J'aime organiser, planifier"] not in profile.centres


def test_riasec_affinity_orders_codes():
    profile = parse_interests("IC")
    assert riasec_affinity(profile, "I", "C") > riasec_affinity(profile, "C", None) > riasec_affinity(profile, "R", "S")


def test_preferences_from_eval_texts():
    p = parse_preferences("full time, close to Lyon, a short training is fine")
    assert p.location == "Lyon" and "full_time" in p.schedule and p.short_training and p.max_training_weeks == 12
    p = parse_preferences("stay with my employer if possible, training in the evening")
    assert p.stay_with_employer and p.schedule == ["evening"]
    p = parse_preferences("je veux faire des études courtes après le bac")
    assert p.short_studies and p.short_training
    p = parse_preferences("près de Paris, temps partiel, niveau débutant")
    assert p.location == "Paris" and p.schedule == ["part_time"] and p.levels == ["beginner"]


def test_preferences_from_dict_and_none():
    p = parse_preferences({"text": "evening classes", "location": "Nantes"})
    assert p.location == "Nantes" and p.schedule == ["evening"]
    assert parse_preferences(None).text == ""
