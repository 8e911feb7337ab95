import io
import json
import zipfile
from pathlib import Path

import pytest
import yaml
from career_kb import o, s

from tools.career.moves import rank_moves
from tools.career.packs.loader import PackError, read_pack_dir
from tools.career.packs.registry import PackRegistry
from tools.catalog.records import CatalogImportError
from tools.catalog.store import CatalogStore

ROLES = [
    {"id": "op", "title": "Operative", "skills": ["wh", s("forklift")], "next_roles": ["an"], "esco_occupation": o("warehouse")},
    {"id": "an", "title": "Stock analyst", "skills": ["wh", s("analysis")], "esco_occupation": o("analyst")},
]


def write_employer_pack(folder: Path, roles=ROLES, version="1") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.yaml").write_text(yaml.safe_dump({
        "id": "acme", "kind": "employer", "name": "ACME (test)", "version": version, "example": True,
        "files": {"skills": "skills.yaml", "roles": "roles.json", "courses": "courses.csv"},
    }))
    (folder / "skills.yaml").write_text(yaml.safe_dump([{"id": "wh", "label": "Warehouse systems", "esco": [s("wms")]}]))
    (folder / "roles.json").write_text(json.dumps(roles))
    (folder / "courses.csv").write_text(
        "id,title,url,skills,level,duration,schedule\n"
        "c1,SQL at ACME,https://learn.example.org/c1,wh;SQL,beginner,3 weeks,evening\n"
    )
    return folder


@pytest.fixture
def registry(database, career_kb):
    catalog = CatalogStore(database, kb=career_kb)
    return PackRegistry(database, kb=career_kb, catalog=catalog)


def test_load_dir_puts_the_pack_and_its_courses_in_force(registry, tmp_path):
    summary = registry.load_dir(write_employer_pack(tmp_path / "acme"))
    assert summary.id == "acme" and summary.kind == "employer" and summary.counts == {"skills": 1, "roles": 2, "courses": 1}
    active = registry.active()
    assert [p.id for p in active.employer] == ["acme"]
    courses = registry.catalog.courses()
    assert [c.id for c in courses] == ["pack-acme:c1"]
    assert set(courses[0].skill_uris) == {s("wms"), s("sql")}  # own id mapped, free text linked by label
    moves = rank_moves(registry.kb, [s("forklift"), s("wms")], "employee", None, None, pack=registry)
    assert moves[0].kind == "employer_role"


def test_a_bad_pack_leaves_the_previous_version(registry, tmp_path):
    registry.load_dir(write_employer_pack(tmp_path / "v1"))
    bad_roles = [dict(ROLES[0], next_roles=["nowhere"]), dict(ROLES[1], esco_occupation="http://data.europa.eu/esco/occupation/nope")]
    with pytest.raises(PackError) as error:
        registry.load_dir(write_employer_pack(tmp_path / "v2", roles=bad_roles, version="2"))
    text = str(error.value)
    assert "roles.json: item 1 (op): next role 'nowhere' is not a role of this pack" in text
    assert "unknown ESCO occupation http://data.europa.eu/esco/occupation/nope" in text
    assert registry.list()[0].version == "1" and registry.list()[0].revision == 1
    assert [r.next_roles for r in registry.active().employer[0].roles][0] == ["an"]
    assert len(registry.catalog.courses()) == 1


def test_format_errors_name_the_file_and_item(tmp_path):
    folder = write_employer_pack(tmp_path / "p")
    (folder / "roles.json").write_text(json.dumps([{"id": "x"}]))
    with pytest.raises(PackError, match=r"roles.json: item 1.title: Field required"):
        read_pack_dir(folder)
    (folder / "manifest.yaml").write_text("id: Bad Id\nkind: employer\nname: x\n")
    with pytest.raises(PackError, match="manifest.yaml: id"):
        read_pack_dir(folder)
    (folder / "manifest.yaml").write_text(yaml.safe_dump({"id": "ok", "kind": "employer", "name": "x", "files": {"roles": "../etc/passwd"}}))
    with pytest.raises(PackError, match="must be a relative path inside the pack"):
        read_pack_dir(folder)


def test_upload_as_zip_or_document_then_replace(registry, tmp_path):
    folder = write_employer_pack(tmp_path / "acme")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.iterdir():
            archive.write(path, f"acme/{path.name}")
    summary = registry.load_upload(buffer.getvalue(), "acme.zip", owner="org-1")
    assert summary.owner == "org-1" and summary.revision == 1
    document = {
        "manifest": {"id": "acme", "kind": "employer", "name": "ACME v2", "version": "2"},
        "roles": [{"id": "only", "title": "Only role", "skills": [s("forklift")]}],
    }
    summary = registry.load_upload(json.dumps(document).encode(), "acme.json", owner="org-1")
    assert summary.revision == 2 and summary.name == "ACME v2"
    assert [r.id for r in registry.active().employer[0].roles] == ["only"]
    assert registry.catalog.courses() == []  # the new version has no learning content
    with pytest.raises(PackError, match="not a zip archive"):
        registry.load_upload(b"PK\x03\x04 broken", "x.zip")
    with pytest.raises(PackError, match="expected a mapping with a 'manifest'"):
        registry.load_upload(b"[1, 2]", "x.json")


def test_regional_and_university_packs_validate_references(registry):
    with pytest.raises(PackError, match="unknown ROME code Z9999"):
        registry.load_document({"manifest": {"id": "region-1", "kind": "regional", "name": "R"},
                                "occupations": [{"rome": "Z9999", "weight": 0.5}]})
    with pytest.raises(PackError, match="less than or equal to 1"):
        registry.load_document({"manifest": {"id": "region-1", "kind": "regional", "name": "R"},
                                "occupations": [{"esco": o("cashier"), "weight": 3}]})
    with pytest.raises(PackError, match="unknown ROME domain X99"):
        registry.load_document({"manifest": {"id": "uni-1", "kind": "university", "name": "U"},
                                "programmes": [{"id": "p", "title": "P", "sectors": ["X99"]}]})
    summary = registry.load_document({"manifest": {"id": "region-1", "kind": "regional", "name": "R", "region": "Here"},
                                      "occupations": [{"rome": "D1505", "weight": 0.5}],
                                      "demand_skills": [{"esco": s("cash"), "weight": 0.9}]})
    assert summary.counts == {"occupations": 1, "demand_skills": 1}
    assert registry.remove("region-1") and registry.active().packs == []


def test_organisation_uploads_are_validated_and_owned(registry):
    from tools.organisations.uploads import UploadRejected, upload_catalog, upload_pack

    document = {"manifest": {"id": "region-2", "kind": "regional", "name": "R2"},
                "occupations": [{"esco": o("cashier"), "weight": 0.4}]}
    result = upload_pack(registry, "org-a", "pack.json", json.dumps(document).encode())
    assert result.kind == "pack" and result.pack.owner == "org-a"
    with pytest.raises(UploadRejected) as error:
        upload_pack(registry, "org-b", "pack.json", json.dumps(document).encode())
    assert "belongs to another organisation" in " ".join(error.value.details)
    bad = dict(document, occupations=[{"esco": o("cashier"), "weight": 2}])
    with pytest.raises(UploadRejected) as error:
        upload_pack(registry, "org-a", "pack.json", json.dumps(bad).encode())
    assert error.value.details and registry.active().regional[0].occupations[0].weight == 0.4

    csv_data = b"title,skills\nCash handling,operate cash register\n,missing title\n"
    result = upload_catalog(registry.catalog, "Org A", "my courses.csv", csv_data, kind="courses")
    assert result.name == "org-org-a-my-courses" and result.imported == 1 and result.skipped == ["line 3: no title (expected a column such as title, course or name)"]
    with pytest.raises(CatalogImportError, match="belongs to another organisation"):
        registry.catalog.import_bytes(csv_data, "x.csv", kind="courses", source=result.name, owner="Org B")
    with pytest.raises(UploadRejected) as error:
        upload_catalog(registry.catalog, "Org A", "my courses.csv", b"title\n\n", kind="courses")
    assert "nothing was replaced" in error.value.reason
    assert [c.title for c in registry.catalog.courses()] == ["Cash handling"]
