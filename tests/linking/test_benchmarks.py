"""The benchmark commands' protocol on small files written here (any file in the format works)."""

import csv
import json

import pytest

from benchmarks import crosslingual as crosslingual_bench
from benchmarks import occupations as occupations_bench
from benchmarks import skills as skills_bench
from benchmarks import titles as titles_bench
from knowledge_data import OCCUPATION
from tools.linking import SkillLinker


@pytest.fixture(scope="module")
def tiny_linker(tiny_kb, embedder):
    return SkillLinker(tiny_kb, embedder, None)


def _csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_skills_groups_rows_by_sentence_and_drops_unlabelled(tmp_path):
    path = _csv(tmp_path / "s.csv", ["sentence", "span", "label"], [
        ["Took payments at the till", "payments", "process payments"],
        ["Took payments at the till", "till", "operate cash register"],
        ["Took payments at the till", "x", "LABEL NOT PRESENT"],
        ["Was friendly", "friendly", "UNDERSPECIFIED"],
    ])
    assert skills_bench.read_gold(path) == [("Took payments at the till", {"process payments", "operate cash register"})]


def test_skills_missing_column_is_named(tmp_path):
    path = _csv(tmp_path / "bad.csv", ["text", "label"], [["a", "b"]])
    with pytest.raises(ValueError, match="sentence"):
        skills_bench.read_gold(path)


def test_a_spreadsheet_export_with_a_byte_order_mark_reads_as_any_csv(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffsentence,label\r\nTook payments at the till,process payments\r\nShort row\r\n".encode("utf-8"))
    assert skills_bench.read_gold(path) == [("Took payments at the till", {"process payments"})]


@pytest.mark.parametrize(
    "argv, content, says",
    [
        (["skills"], b"text,label\na,b\n", "missing column(s) sentence (columns: 'text', 'label')"),
        (["skills"], None, "dataset not found"),
        (["titles", "--title-col", "vacancyTitle", "--uri-col", "conceptUri"], b"title,uri\nCook,x\n", "missing column(s) conceptUri, vacancyTitle"),
        (["occupations", "--text-cols", "title", "--gold-col", "gold"], b"title,gold\n\xff\xfe bad bytes,x\n", "not UTF-8 text (line 2)"),
        (["crosslingual"], b'en,fr\n"an open quote\n', "not readable as CSV"),
    ],
)
def test_a_bad_dataset_ends_the_command_with_one_line_naming_the_file(tmp_path, capsys, argv, content, says):
    """Before the knowledge base loads (the storage dir here holds none): exit 2, no traceback."""
    from channels.cli import main

    path = tmp_path / "data.csv"
    if content is not None:
        path.write_bytes(content)
    code = main(["--storage-dir", str(tmp_path / "var"), "bench", argv[0], "--dataset", str(path), *argv[1:]])
    err = capsys.readouterr().err
    assert code == 2
    assert says in err and str(path) in err and err.startswith(f"orient bench {argv[0]}: ")
    assert "Traceback" not in err and not (tmp_path / "var" / "knowledge").exists()


def test_rp_at_5_and_reciprocal_rank():
    ranked = ["a", "x", "b", "y", "z", "c"]
    assert skills_bench.rp_at_k(ranked, {"a", "b"}) == 1.0
    assert skills_bench.rp_at_k(ranked, {"a", "b", "c", "d", "e", "f"}) == pytest.approx(2 / 5)
    assert skills_bench.reciprocal_rank(ranked, {"b"}) == pytest.approx(1 / 3)
    assert skills_bench.reciprocal_rank(ranked, {"q"}) == 0.0


def test_skills_benchmark_end_to_end(tmp_path, tiny_linker, tiny_kb):
    path = _csv(tmp_path / "s.csv", ["sentence", "label"], [
        ["We need someone to take payments and work a cash register", "process payments"],
        ["We need someone to take payments and work a cash register", "operate cash register"],
        ["You will coach staff", "train employees"],
    ])
    report = skills_bench.run_benchmark(tiny_linker, tiny_kb, skills_bench.read_gold(path), progress=False)
    assert report["n"] == 2
    assert report["rp_at_5"] == 100.0 and report["mrr"] == 100.0
    assert report["halves"] == {"odd_positions": {"n": 1, "rp_at_5": 100.0, "mrr": 100.0}, "even_positions": {"n": 1, "rp_at_5": 100.0, "mrr": 100.0}}
    assert report["p50_ms"] > 0
    out = tmp_path / "r.json"
    skills_bench.write_report(report, out)
    assert json.loads(out.read_text())["n"] == 2


def test_titles_gold_codes_are_strings(tmp_path, tiny_linker, tiny_kb):
    path = tmp_path / "t.csv"
    path.write_text("title,code\nM&E officer,2422.10\npolicy adviser,2422.1\nSoftware Engineer,http://data.europa.eu/esco/occupation/20000000-0000-0000-0000-000000000002\n", encoding="utf-8")
    pairs = titles_bench.read_pairs(path, "title", "code")
    assert titles_bench.resolve_gold(tiny_kb, "2422.10") == OCCUPATION["evaluation"]
    assert titles_bench.resolve_gold(tiny_kb, "2422.1") == OCCUPATION["policy"]
    report = titles_bench.run_benchmark(tiny_linker, tiny_kb, pairs, "en", progress=False)
    assert report["n"] == 3 and report["unresolved_gold"] == 0
    assert report["r_at_1"] == 100.0 and report["mrr"] == 100.0


def test_french_titles_from_the_rome_crosswalk(tiny_linker, tiny_kb):
    pairs = titles_bench.rome_appellation_pairs(tiny_kb)
    assert ("Caissier / Caissière", OCCUPATION["cashier"]) in pairs
    report = titles_bench.run_benchmark(tiny_linker, tiny_kb, pairs, "fr", progress=False)
    assert report["n"] == len(pairs) and report["mrr"] > 50


def test_checks_reading_rome_titles_use_a_linker_that_does_not_know_them(tiny_linker, tiny_kb):
    from benchmarks._held_out import held_out_linker

    known = tiny_linker._concepts("occupations", "fr").strings.texts
    assert "Hôtesse de caisse" in known and "Développeuse informatique" in known
    held = held_out_linker(tiny_linker, ["Hôte / Hôtesse de caisse", "Développeur / Développeuse informatique"])
    left = held._concepts("occupations", "fr").strings.texts
    assert not {"Hôtesse de caisse", "Développeur informatique", "Développeuse informatique"} & set(left)
    assert "hôte de caisse" in left  # ESCO's own labels stay
    folds = [titles_bench.run_benchmark(tiny_linker, tiny_kb, [pair], "fr", progress=False) for pair in titles_bench.rome_appellation_pairs(tiny_kb)[:2]]
    merged = titles_bench._merged(folds)
    assert merged["n"] == 2 and merged["mrr"] == round(sum(f["mrr"] for f in folds) / 2, 2) and len(merged["folds"]) == 2


def test_occupations_benchmark_joins_text_columns(tmp_path, tiny_linker, tiny_kb):
    path = _csv(tmp_path / "o.csv", ["title", "description", "gold"], [
        ["Checkout operator", "Handles cash at the till and takes payments", "5230.1"],
        ["", "Writes software in Python", OCCUPATION["developer"]],
    ])
    rows = occupations_bench.read_rows(path, ["title", "description"], "gold")
    assert rows[0] == ("", "Checkout operator. Handles cash at the till and takes payments", "5230.1")
    report = occupations_bench.run_benchmark(tiny_linker, tiny_kb, rows, "en", progress=False)
    assert report["n"] == 2 and report["recall_at_5"] == 100.0
    assert "title_alone" not in report


def test_occupations_benchmark_reads_a_title_and_its_description_as_one_experience(tmp_path, tiny_linker, tiny_kb):
    path = _csv(tmp_path / "o.csv", ["title", "description", "gold"], [
        ["Checkout operator", "Handles cash at the till and takes payments", "5230.1"],
        ["Junior", "Writes software in Python", f"{OCCUPATION['developer']}|5230.1"],
    ])
    rows = occupations_bench.read_rows(path, ["description"], "gold", title_col="title")
    assert rows[1] == ("Junior", "Writes software in Python", f"{OCCUPATION['developer']}|5230.1")
    report = occupations_bench.run_benchmark(tiny_linker, tiny_kb, rows, "en", progress=False)
    assert report["n"] == 2 and report["recall_at_5"] == 100.0
    assert set(report["title_alone"]) == set(report["description_alone"]) == {"recall_at_1", "recall_at_5", "recall_at_10", "mrr"}


def test_occupation_dev_checks_come_from_the_knowledge_base(tiny_kb):
    for make_rows, lang in occupations_bench.KNOWLEDGE_SETS.values():
        for title, description, gold in make_rows(tiny_kb):
            assert title and description and lang in ("en", "fr")
            assert all(uri in tiny_kb.occupations for uri in gold.split("|"))


def test_crosslingual_benchmark_compares_french_with_english(tmp_path, tiny_linker):
    path = _csv(tmp_path / "p.csv", ["en", "fr"], [
        ["I took payments at the cash register", "J'encaissais les paiements à la caisse"],
        ["I took payments at the cash register", "texte sans rapport"],
    ])
    report = crosslingual_bench.run_benchmark(tiny_linker, crosslingual_bench.read_pairs(path), k=2)
    assert report["n"] == 2 and 0 <= report["agreement_at_k"] <= report["within_en_top20"] <= 100
    assert [row["agreement"] for row in report["texts"]][0] >= report["texts"][1]["agreement"]


def test_crosslingual_pairs_file_needs_both_columns(tmp_path):
    with pytest.raises(ValueError, match="fr"):
        crosslingual_bench.read_pairs(_csv(tmp_path / "p.csv", ["en"], [["x"]]))
    assert len(crosslingual_bench.read_pairs(crosslingual_bench.DEFAULT_PAIRS)) == 30


def test_a_tie_with_the_gold_is_ranked_as_the_product_shows_it():
    import numpy as np

    scores = np.array([0.9, 0.5, 0.9, 0.9, 0.1], dtype=np.float32)
    shown = list(np.argsort(-scores, kind="stable"))
    for gold in range(len(scores)):
        assert titles_bench.product_rank(scores, [gold]) == shown.index(gold) + 1
    assert titles_bench.product_rank(scores, [3]) == 3  # tied with 0 and 2, shown after both
    assert titles_bench.product_rank(scores, [4, 2]) == 2  # the best of several gold occupations
