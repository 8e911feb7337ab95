"""``orient knowledge build|info`` through the real CLI entry point, on the tiny fixture data."""

from __future__ import annotations

import json
from pathlib import Path

from channels.cli import main
from knowledge_data import write_tiny_data


def test_build_then_info(tmp_path: Path, capsys):
    data = write_tiny_data(tmp_path / "data")
    storage = tmp_path / "var"
    args = ["--data-dir", str(data), "--storage-dir", str(storage), "knowledge"]
    assert main(args + ["info"]) == 1
    assert "no knowledge base" in capsys.readouterr().err

    assert main(args + ["build", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "knowledge base built at" in out and "skills: 5" in out
    # `--data-dir` is accepted after the subcommand too (orient knowledge build --data-dir DIR)
    assert main(["--storage-dir", str(storage), "knowledge", "build", "--quiet", "--data-dir", str(data)]) == 0
    assert "unchanged inputs: reused" in capsys.readouterr().out

    assert main(args + ["info", "--json"]) == 0
    meta = json.loads(capsys.readouterr().out)
    assert meta["counts"]["occupations"] == 4 and meta["complete"] is True
    assert set(meta["input_sha256"]) >= {"esco-v1.1.1/en/skills_en.csv", "crosswalks/FR_20230607_mapping_esco_rome.csv"}
    assert main(args + ["info"]) == 0
    assert "rome_occupations: 2" in capsys.readouterr().out


def test_build_reports_a_corrupt_file(tmp_path: Path, capsys):
    data = write_tiny_data(tmp_path / "data")
    (data / "onet" / "Occupation Data.txt").write_text("nothing useful here\n", encoding="utf-8")
    code = main(["--data-dir", str(data), "--storage-dir", str(tmp_path / "var"), "knowledge", "build", "--quiet"])
    assert code == 2
    err = capsys.readouterr().err
    assert "Occupation Data.txt" in err and "no header row with the columns O*NET-SOC Code" in err
    assert not (tmp_path / "var" / "knowledge").exists()
