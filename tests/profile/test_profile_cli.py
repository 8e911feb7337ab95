"""``orient profile`` through the real CLI entry point, on a SQLite file in a tmp dir."""

import io
import json
from pathlib import Path

import pytest
from profile_samples import full_profile
from pypdf import PdfReader

from channels.cli import main
from channels.services import Services
from channels.settings import Settings
from tools.profile.export import to_jsonld


@pytest.fixture
def storage(tmp_path: Path) -> Path:
    storage = tmp_path / "var"
    services = Services(Settings(storage_dir=storage))
    services.profiles.save(full_profile("person-1"))
    services.database.dispose()
    return storage


def _orient(storage: Path, *args: str) -> int:
    return main(["--storage-dir", str(storage), "profile", *args])


def _stored(storage: Path, person_id: str):
    services = Services(Settings(storage_dir=storage))
    try:
        return services.profiles.get(person_id)
    finally:
        services.database.dispose()


@pytest.mark.parametrize("fmt", ["json", "jsonld", "html", "pdf"])
def test_export_each_format(storage: Path, tmp_path: Path, fmt: str, capsys):
    out = tmp_path / f"export.{fmt}"
    assert _orient(storage, "export", "person-1", "--format", fmt, "--out", str(out)) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    data = out.read_bytes()
    if fmt == "pdf":
        assert len(PdfReader(io.BytesIO(data)).pages) == 1
    elif fmt == "html":
        assert b"Serveuse" in data
    else:
        assert json.loads(data)["@type" if fmt == "jsonld" else "person_id"] in ("Profile", "person-1")


def test_export_json_to_stdout_and_errors(storage: Path, capsys):
    assert _orient(storage, "export", "person-1") == 0
    assert json.loads(capsys.readouterr().out)["person_id"] == "person-1"
    assert _orient(storage, "export", "nobody") == 1
    assert "no profile for 'nobody'" in capsys.readouterr().err
    assert _orient(storage, "export", "person-1", "--format", "pdf") == 2


def test_import_jsonld_merges_and_records_provenance(storage: Path, tmp_path: Path, capsys):
    source = full_profile("elsewhere", language="en")
    doc = tmp_path / "other.jsonld"
    doc.write_text(json.dumps(to_jsonld(source, provider="Other Service")), encoding="utf-8")
    assert _orient(storage, "import", "person-2", str(doc), "--no-check") == 0
    assert "from Other Service: 6 skill(s) added" in capsys.readouterr().out
    stored = _stored(storage, "person-2")
    assert len(stored.skills) == 6 and stored.provenance[-1].provider == "Other Service"
    # into the existing profile: nothing duplicated
    assert _orient(storage, "import", "person-1", str(doc), "--no-check") == 0
    assert "0 skill(s) added" in capsys.readouterr().out
    assert len(_stored(storage, "person-1").experiences) == 3


def test_import_checks_uris_against_the_knowledge_base(storage: Path, tmp_path: Path, capsys):
    doc = tmp_path / "other.jsonld"
    doc.write_text(json.dumps(to_jsonld(full_profile())), encoding="utf-8")
    assert _orient(storage, "import", "person-1", str(doc)) == 1
    assert "orient knowledge build" in capsys.readouterr().err


def test_import_bad_files(storage: Path, tmp_path: Path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert _orient(storage, "import", "person-1", str(bad), "--no-check") == 1
    assert "not valid JSON" in capsys.readouterr().err
    assert _orient(storage, "import", "person-1", str(tmp_path / "missing.jsonld"), "--no-check") == 1
    assert "file not found" in capsys.readouterr().err
    broken = tmp_path / "cv.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    assert _orient(storage, "import", "person-1", str(broken)) == 1
    assert "cannot be read" in capsys.readouterr().err


def test_import_cv_suggests_then_adds(storage: Path, tmp_path: Path, capsys):
    cv = tmp_path / "cv.txt"
    cv.write_text("WORK EXPERIENCE\nBarista, Starbucks, 2021 - present\n- coffee\n", encoding="utf-8")
    assert _orient(storage, "import", "person-3", str(cv)) == 0
    out = capsys.readouterr().out
    assert "1. [paid] Barista, Starbucks" in out and "--add" in out
    assert _stored(storage, "person-3") is None  # suggestions only
    assert _orient(storage, "import", "person-3", str(cv), "--add") == 0
    stored = _stored(storage, "person-3")
    assert [(e.title, e.organisation, e.source.value) for e in stored.experiences] == [("Barista", "Starbucks", "cv")]


def test_list(storage: Path, capsys):
    assert _orient(storage, "list") == 0
    assert capsys.readouterr().out.startswith("person-1\tv1\tfr\tBretagne")
