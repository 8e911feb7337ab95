"""Reading reference files: header-block detection, multi-valued cells, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.errors import KnowledgeSourceError
from knowledge.sources.esco import restore_separators
from knowledge.sources.tables import read_table, split_lines, split_pipes


def test_skips_the_metadata_block_before_the_real_header(tmp_path: Path):
    path = tmp_path / "walk.csv"
    path.write_text(
        "\ufeffMapping project name,ESCO-O*NET Crosswalk,,\nMapping project version,1,,\n,,,\n"
        "O*NET Id,O*NET Title,ESCO or ISCO URI,Type of Match\n"
        "11-1011.00,Chief Executives,http://data.europa.eu/esco/occupation/x,exactMatch\n",
        encoding="utf-8",
    )
    rows = read_table(path, ["O*NET Id", "ESCO or ISCO URI"])
    assert rows == [
        {"O*NET Id": "11-1011.00", "O*NET Title": "Chief Executives", "ESCO or ISCO URI": "http://data.europa.eu/esco/occupation/x", "Type of Match": "exactMatch"}
    ]


def test_codes_stay_strings(tmp_path: Path):
    path = tmp_path / "codes.csv"
    path.write_text("code,label\n2422.10,a\n2422.1,b\n0110.10,c\n", encoding="utf-8")
    assert [r["code"] for r in read_table(path, ["code"])] == ["2422.10", "2422.1", "0110.10"]


def test_rows_with_another_width_are_errors_unless_padding_is_asked(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("a,b,c\n1\n", encoding="utf-8")
    with pytest.raises(KnowledgeSourceError, match=r"line 2: 1 fields where the header has 3") as caught:
        read_table(path, ["a"])
    assert caught.value.path == path
    assert read_table(path, ["a"], pad_short_rows=True) == [{"a": "1", "b": "", "c": ""}]
    path.write_text("a,b,c\n1,2,3,4\n", encoding="utf-8")
    with pytest.raises(KnowledgeSourceError, match=r"line 2: 4 fields where the header has 3"):
        read_table(path, ["a"], pad_short_rows=True)


def test_missing_file_is_named(tmp_path: Path):
    with pytest.raises(KnowledgeSourceError, match="file not found") as caught:
        read_table(tmp_path / "nope.csv", ["a"])
    assert str(tmp_path / "nope.csv") in str(caught.value)


def test_wrong_columns_are_reported(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("x,y\n1,2\n", encoding="utf-8")
    with pytest.raises(KnowledgeSourceError, match="no header row with the columns conceptUri"):
        read_table(path, ["conceptUri"])


def test_binary_garbage_is_reported(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"conceptUri,label\n\xff\xfe\x00garbage\n")
    with pytest.raises(KnowledgeSourceError, match="not valid UTF-8"):
        read_table(path, ["conceptUri"])


def test_unterminated_quote_is_reported(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text('conceptUri,label\nhttp://x,"cut in the mid', encoding="utf-8")
    with pytest.raises(KnowledgeSourceError, match="malformed CSV"):
        read_table(path, ["conceptUri"])


def test_header_only_is_reported(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("conceptUri,label\n", encoding="utf-8")
    with pytest.raises(KnowledgeSourceError, match="no data rows"):
        read_table(path, ["conceptUri"])


def test_multi_valued_cells():
    assert split_lines("a\nb\n\na\n c ") == ["a", "b", "c"]
    assert split_pipes("x | y|x") == ["x", "y"]
    assert split_lines("") == []


@pytest.mark.parametrize("label, restored", [
    ("respecter les normes de santé  sécurité et hygiène", "respecter les normes de santé, sécurité et hygiène"),
    ("communiquer avec les hôtels  compagnies d’autocars  restaurants", "communiquer avec les hôtels, compagnies d’autocars, restaurants"),
    ("achats  électroniques", "achats électroniques"),
    ("fournir un appui à  des dirigeants", "fournir un appui à des dirigeants"),
    ("gérer les conflits", "gérer les conflits"),
])
def test_a_label_whose_commas_became_double_spaces_gets_them_back(label: str, restored: str):
    assert restore_separators(label) == restored
