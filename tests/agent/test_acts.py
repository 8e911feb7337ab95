"""The dialogue-act layer (agent/acts): typed acts read in the context of the question on screen,
the trained classifier, the labelled set, and "no message is lost" (issue 19 item 1)."""

from __future__ import annotations

import pytest

from agent.acts.classifier import ActClassifier, classifier_path, ensure_classifier, training_examples
from agent.acts.models import GLOBAL_KINDS, ActKind, ReadContext
from agent.acts.reader import ActReader
from agent.acts.skill_edits import read_skill_edits
from evals.acts_set import load_set, score_reader

WAREHOUSE = ["pick orders for dispatching", "operate forklift", "lawn care", "supervise staff",
             "manage warehouse inventory", "drive vehicles", "load cargo", "bookkeeping"]
SALON = ["couper les cheveux", "colorer les cheveux", "vendre des produits", "conseiller les clients",
         "gérer les rendez-vous", "encadrer des apprentis", "encaisser les paiements", "tenir la comptabilité"]


def signatures(acts):
    return sorted(a.signature() for a in acts)


@pytest.mark.parametrize("message, labels, expected", [
    ("lawn care?? no. remove 2 4 7 8", WAREHOUSE, ["remove_skills:2,3,4,7,8"]),
    ("no i never did accounting", WAREHOUSE, ["remove_skills:8"]),
    ("remove 4 and 5 and 7, i didnt manage anyone lol", WAREHOUSE, ["remove_skills:4,5,7"]),
    ("c bon", SALON, ["keep_all"]),
    ("thats all", WAREHOUSE, ["keep_all"]),
    ("k", WAREHOUSE, ["keep_all"]),
    ("dac", SALON, ["keep_all"]),
    ("c'est tout", SALON, ["keep_all"]),
    ("ok c'est tout", SALON, ["keep_all"]),
    ("rien à ajouter", SALON, ["keep_all"]),
    ("not 3", WAREHOUSE, ["remove_skills:3"]),
    ("all but the last", WAREHOUSE, ["keep_all", "remove_skills:8"]),
    ("the driving one is wrong", WAREHOUSE, ["remove_skills:6"]),
    ("no bookkeeping, and add first aid", WAREHOUSE, ["add_skill", "remove_skills:8"]),
    ("c'est bon sauf la vente, je vends pas vraiment de produits", SALON, ["keep_all", "remove_skills:3"]),
    ("none except 2", WAREHOUSE, ["keep_skills:2"]),
    ("2 and 8 are wrong", WAREHOUSE, ["remove_skills:2,8"]),
    ("keep 1 and 3, not 5", WAREHOUSE, ["keep_skills:1,3", "remove_skills:5"]),
    ("6 is more like driving a forklift", WAREHOUSE, ["rename_skill:6"]),
    ("actually it was 3 years", WAREHOUSE, []),  # no skill edit: read as a correction by the reader
])
def test_skill_edits(message, labels, expected):
    got = signatures(read_skill_edits(message, labels))
    if expected:
        assert got == expected
    else:
        assert not any(s.startswith(("remove", "keep_skills")) for s in got)


def test_a_skill_named_off_screen_is_kept_as_a_name():
    acts = read_skill_edits("lawn care?? no", ["pick orders", "load cargo"])
    assert acts[0].kind == ActKind.remove_skills and acts[0].items == [] and acts[0].names == ["lawn care"]


def test_a_correction_at_the_skill_list_is_not_a_removal():
    acts = ActReader().read("actually it was 3 years, not 2", ReadContext(expecting="skill_confirmation", phase="skills",
                                                                        proposals=WAREHOUSE))
    assert signatures(acts) == ["correct_fact:duration"] and acts[0].months == 36


@pytest.mark.parametrize("message, expecting, phase, expected", [
    ("euh en fait non plutot cuisinier", "free", "plan", ["change_target"]),
    ("attends, je voulais changer pour cuisinier", "share_consent", "sharing", ["change_target"]),
    ("revenir en arrière", "free", "plan", ["go_back"]),
    ("why azure??", "free", "plan", ["ask_advice"]),
    ("c quoi le rapport avec la cybersécurité ?", "free", "plan", ["ask_advice"]),
    ("what about care work, like a carer?", "target_choice", "moves", ["ask_advice"]),
    ("i just said.", "experience_detail", "experience_detail", ["done"]),
    ("3 years, every June", "experience_detail", "experience_detail", ["answer:duration"]),
    ("depuis 2 ans", "experience_detail", "experience_detail", ["answer:duration"]),
    ("jveux plus partager avec le conseiller", "free", "wrapup", ["sharing_rule"]),
    ("je retire mon accord pour le conseiller", "free", "wrapup", ["revoke"]),
])
def test_acts_in_context(message, expecting, phase, expected):
    acts = ActReader().read(message, ReadContext(expecting=expecting, phase=phase))
    assert signatures(acts) == expected
    if expected == ["change_target"]:
        assert acts[0].text == "cuisinier"


def test_i_never_sold_insurance_points_at_the_profile_skill():
    acts = ActReader().read("i never sold insurance", ReadContext(expecting="interests", phase="interests",
                                                                  profile_skills=["assist customers", "sell insurance"]))
    assert signatures(acts) == ["correct_fact:skill"] and acts[0].items == [1]


# -- no message is lost (issue 19, item 1) ----------------------------------------------------------
LOST = [item for item in load_set() if item.lost_check]


def test_at_least_sixty_content_messages_with_request_words_per_language():
    for lang in ("en", "fr"):
        assert sum(1 for item in LOST if item.lang == lang) >= 60, lang


@pytest.mark.parametrize("item", LOST, ids=[f"{i.lang}:{i.message[:50]}" for i in LOST])
def test_no_message_is_lost(item, act_reader):
    acts = act_reader.read(item.message, item.context)
    kinds = {a.kind for a in acts}
    assert ActKind.answer in kinds, (item.message, signatures(acts))  # the experience is always content
    requests = sorted(a.signature() for a in acts if a.kind in GLOBAL_KINDS)
    assert requests == sorted(s for s in item.expected if s.split(":")[0] in {k.value for k in GLOBAL_KINDS})
    content = " ".join(a.text for a in acts if a.kind == ActKind.answer)
    first_words = item.message.split()[:3]
    assert " ".join(first_words) in content  # the telling part reaches the phase, words intact


# -- the classifier and the labelled set ------------------------------------------------------------
@pytest.fixture(scope="module")
def act_reader(embedder, tmp_path_factory):
    classifier, trained = ensure_classifier(embedder, tmp_path_factory.mktemp("acts-storage"))
    assert trained
    return ActReader(classifier)


def test_classifier_is_trained_cached_and_reloaded(embedder, tmp_path):
    classifier, trained = ensure_classifier(embedder, tmp_path)
    assert trained and classifier_path(tmp_path, embedder.name).exists()
    again, trained_again = ensure_classifier(embedder, tmp_path)
    assert not trained_again and again.labels == classifier.labels
    label, p = again.predict("can you tell me what you know about me")
    assert label == "ask_profile" and p > 0.5
    # it generalises beyond its training sentences: held-out paraphrases
    for text, expected in [("why did you put that course in my plan", "ask_advice"), ("je veux tout effacer", "erase"),
                           ("ok keep every one of them", "keep_all"), ("I drove lorries for a transport firm", "content")]:
        assert again.predict(text)[0] == expected, text


def test_training_sentences_are_not_in_the_labelled_set():
    labelled = {item.message.lower() for item in load_set()}
    overlap = [t for t, _ in training_examples() if t.lower() in labelled and len(t.split()) >= 4]
    assert not overlap, overlap  # (short stock answers like "oui" or "keep them all" are in both)


def test_labelled_set_size_and_offline_exact_match(act_reader):
    items = load_set()
    for lang in ("en", "fr"):
        assert sum(1 for i in items if i.lang == lang) >= 300
        assert {i.split for i in items if i.lang == lang} == {"dev", "test"}
    scores, times = score_reader(act_reader, items)
    for key in ("en/test", "fr/test"):
        assert scores[key].figures()["exact_match"] >= 90, scores[key].errors[:10]
    assert sorted(times)[len(times) // 2] < 100  # ms per message, offline


def test_without_classifier_the_rules_still_read():
    trained = ActClassifier  # the reader works with no classifier (tests, or before a build)
    assert trained is not None
    acts = ActReader().read("c bon", ReadContext(expecting="skill_confirmation", phase="skills", proposals=SALON))
    assert signatures(acts) == ["keep_all"]


# -- with an LLM: the same acts, grounded; offline on failure --------------------------------------
def test_llm_reads_acts_grounded_and_falls_back(fake_openai):
    from agent.llm import LLMClient

    fake_openai.mode = "json"
    fake_openai.answers.clear()
    reader = ActReader(llm=LLMClient(fake_openai.base_url, "k", "fake", timeout_s=5.0))
    at_skills = ReadContext(expecting="skill_confirmation", phase="skills", proposals=WAREHOUSE)
    fake_openai.answers.append({"acts": [{"kind": "remove_skills", "items": [8, 42]}, {"kind": "add_skill", "text": "driving"}]})
    acts = reader.read("no accounting, and add driving", at_skills)
    assert signatures(acts) == ["add_skill", "remove_skills:8"]  # 42 is not on screen: dropped
    # a model never erases or sets a sharing rule on its own; the experience is kept
    fake_openai.answers.append({"acts": [{"kind": "erase"}, {"kind": "sharing_rule", "text": "share with x@y.org"}]})
    acts = reader.read("I erased the boards after class", ReadContext(expecting="experience", phase="experiences"))
    assert signatures(acts) == ["answer"]
    fake_openai.answers.append({"acts": [{"kind": "switch_language", "lang": "fr"}, {"kind": "answer", "text": "I was a cook"}]})
    acts = reader.read("I was a cook. Can we continue in French?", ReadContext(expecting="experience", phase="experiences"))
    assert signatures(acts) == ["answer", "switch_language:fr"]
    fake_openai.mode = "malformed"
    acts = reader.read("lawn care?? no. remove 2 4 7 8", at_skills)
    assert signatures(acts) == ["remove_skills:2,3,4,7,8"]  # the offline reading
    fake_openai.mode = "json"
    fake_openai.answers.append({"acts": []})
    assert signatures(reader.read("c bon", at_skills)) == ["keep_all"]


@pytest.mark.parametrize("message, expecting", [
    ("stay with my employer", "preferences"), ("rester chez mon employeur", "preferences"),
    ("near my home, part time", "preferences"), ("helping my neighbours", "interests"),
    ("stop at 5pm every day", "preferences"), ("je veux plus de nuits", "preferences"),
])
def test_the_classifier_never_acts_on_personal_data_for_a_plain_answer(message, expecting, act_reader):
    acts = act_reader.read(message, ReadContext(expecting=expecting, phase=expecting))
    assert signatures(acts) == ["answer"], signatures(acts)
