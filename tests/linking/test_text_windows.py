import pytest

from tools.linking.job_titles import clean_title
from tools.linking.text_windows import clauses, tokenize, trimmed, windows


def test_windows_keep_offsets_into_the_text():
    text = "I ran the till, trained new staff; and did the weekly stock count every Monday morning at the shop."
    for w in windows(text):
        assert text[w.start : w.end] == w.text
        assert w.text.strip() == w.text


def test_clauses_split_on_punctuation_and_bullets():
    text = "Took payments; trained staff\n• stock counts"
    groups = [[t.text for t in g] for g in clauses(text)]
    assert groups == [["Took", "payments"], ["trained", "staff"], ["stock", "counts"]]


def test_long_clause_gets_overlapping_windows_and_whole_text():
    words = [f"w{i}" for i in range(20)]
    text = " ".join(words)
    ws = windows(text, size=8, stride=4)
    local = [w for w in ws if not w.whole]
    assert [len(w.text.split()) for w in local] == [8, 8, 8, 8]
    assert local[-1].text.split()[-1] == "w19"
    assert ws[-1].whole and ws[-1].text == text


def test_short_text_is_one_window():
    ws = windows("customer service")
    assert len(ws) == 1 and not ws[0].whole


def test_tokens_keep_programming_language_names():
    assert [t.text for t in tokenize("C# and C++ with node.js")] == ["C#", "and", "C++", "with", "node.js"]


def test_clean_title_drops_noise_but_never_empties():
    assert clean_title("Senior Java Developer (m/f/d)") == "Java Developer"
    assert clean_title("Caissier H/F (CDI) - Paris", "fr") == "Caissier - Paris"
    assert clean_title("Senior") == "Senior"


@pytest.mark.parametrize("text,shown", [
    ("i checked deliveries against the paperwork and did", "checked deliveries against the paperwork"),
    ("warehouse, picking orders with a scanner, loading and", "warehouse, picking orders with a scanner, loading"),
    ("faire leur toilette, je servais les repas et", "faire leur toilette, je servais les repas"),
    ("l'accueil des clients et", "l'accueil des clients"),
    ("stacking pallets", "stacking pallets"),
    ("and the", "and the"),  # nothing but small words: left as it is
])
def test_evidence_is_shown_without_small_words_at_its_edges(text, shown):
    start, end = trimmed(f"So {text}.", 3, 3 + len(text))
    assert f"So {text}."[start:end] == shown
