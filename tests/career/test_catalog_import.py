import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from career_kb import s

from tools.catalog.records import CatalogImportError
from tools.catalog.store import CatalogStore

COURSES_CSV = """partner,course,skills,rating,reviewcount,level,certificatetype,duration,crediteligibility
Uni,Spreadsheets for everyone,"[""Use Spreadsheets Software"", "" Budgeting""]",4.5,10,Beginner ,Course, 1 - 4 Weeks,FALSE
Uni,Broken row,too,few
Uni,,"[""SQL""]",4.0,1,Advanced,Course, 1 - 3 Months,FALSE
Uni,SQL basics,"[""SQL"", ""statistics""]",4.8,1.2k,Intermediate ,Course, 3 - 6 Months,FALSE
"""


@pytest.fixture
def store(database, career_kb) -> CatalogStore:
    return CatalogStore(database, kb=career_kb)


def test_csv_import_links_skills_and_reports_bad_rows(store, tmp_path):
    path = tmp_path / "courses.csv"
    path.write_text(COURSES_CSV)
    report = store.import_file(path, kind="courses")
    assert report.imported == 2
    assert [(b.line, b.reason) for b in report.bad_rows] == [
        (3, "expected 9 columns, got 4"),
        (4, "no title (expected a column such as title, course or name)"),
    ]
    assert all(b.file == str(path) for b in report.bad_rows)
    courses = {c.title: c for c in store.courses()}
    sheet = courses["Spreadsheets for everyone"]
    assert sheet.skills_text == ["Use Spreadsheets Software", "Budgeting"]  # the free text is kept
    assert sheet.skill_uris == [s("spreadsheets")]  # linked by label, case-insensitive
    assert sheet.level == "beginner" and sheet.duration_weeks == 4.0 and sheet.rating == 4.5
    assert set(courses["SQL basics"].skill_uris) == {s("sql"), s("statistics")}
    full = store.course(sheet.id)
    assert full.skill_links[0].text == "Use Spreadsheets Software" and full.skill_links[0].method == "label"
    assert "Budgeting" in report.unlinked_skills


def test_reimport_replaces_and_a_bad_file_replaces_nothing(store, tmp_path):
    path = tmp_path / "courses.csv"
    path.write_text(COURSES_CSV)
    store.import_file(path, kind="courses", source="uni")
    assert len(store.courses()) == 2
    path.write_text("partner,course,skills\nUni,Only one,[]\n")
    report = store.import_file(path, kind="courses", source="uni")
    assert report.replaced == 2 and [c.title for c in store.courses()] == ["Only one"]
    bad = tmp_path / "bad.csv"
    bad.write_text("partner,course\nUni,\n")
    with pytest.raises(CatalogImportError) as error:
        store.import_file(bad, kind="courses", source="uni")
    assert error.value.bad_rows[0].line == 2
    assert [c.title for c in store.courses()] == ["Only one"]  # the previous version stays
    assert store.sources()[0]["version"] == 2


def test_json_ld_course_and_job_posting(store, tmp_path):
    courses = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Course", "name": "Data analysis with SQL", "url": "https://example.org/c/1",
             "provider": {"@type": "Organization", "name": "Example School"}, "timeRequired": "PT20H",
             "educationalLevel": "Intermediate",
             "teaches": [{"@type": "DefinedTerm", "name": "data analysis", "url": s("analysis")}, "SQL"]},
            {"@type": "Course", "description": "no name"},
        ],
    }
    path = tmp_path / "courses.jsonld"
    path.write_text(json.dumps(courses))
    report = store.import_file(path)
    assert report.kind == "courses" and report.imported == 1 and report.bad_rows[0].line == 2
    course = store.courses()[0]
    assert course.provider == "Example School" and course.duration_weeks == 0.5 and course.level == "intermediate"
    assert set(course.skill_uris) == {s("analysis"), s("sql")}

    jobs = [
        {"@context": "https://schema.org", "@type": "JobPosting", "title": "Warehouse operative", "identifier": "J-1",
         "url": "https://example.org/j/1", "hiringOrganization": {"@type": "Organization", "name": "ACME"},
         "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Lyon"}},
         "skills": "operate forklift, operate warehouse record systems, juggling"},
        {"@type": "JobPosting", "title": ""},
    ]
    path = tmp_path / "offers.json"
    path.write_text("[\n" + ",\n".join(json.dumps(j) for j in jobs) + "\n]\n")  # one offer per line
    report = store.import_file(path)
    assert report.kind == "jobs" and report.imported == 1
    assert report.bad_rows[0].line == 3 and report.bad_rows[0].reason.startswith("no title")
    job = store.jobs()[0]
    assert job.id == "offers:J-1" and job.employer == "ACME" and job.location == "Lyon"
    assert job.skill_uris == [s("forklift"), s("wms")] and "juggling" in job.skills_text


def test_json_array_with_a_broken_element_keeps_the_others(store, tmp_path):
    path = tmp_path / "jobs.json"
    path.write_text('[\n{"title": "Cashier", "skills": ["operate cash register"]},\n{"title": "Oops" "skills": []},\n'
                    '{"title": "Nanny", "skills": ["look after children"]}\n]')
    report = store.import_file(path, kind="jobs")
    assert report.imported == 2
    assert report.bad_rows[0].line == 3 and report.bad_rows[0].reason.startswith("invalid JSON")


def test_parquet_vacancies(store, tmp_path):
    table = pa.table({
        "title": ["Data analyst", "Shop cashier"],
        "skill_name": [["perform data analysis", "SQL", "unknown thing"], ["operate cash register"]],
        "skill_prob_avg": [[0.9, 0.8, 0.5], [0.7]],
        "__index_level_0__": [10, 11],
    })
    path = tmp_path / "vacancies.parquet"
    pq.write_table(table, path)
    report = store.import_file(path, kind="jobs", source="vac")
    assert report.imported == 2 and not report.bad_rows
    jobs = {j.title: j for j in store.jobs()}
    assert jobs["Data analyst"].id == "vac:10"
    assert jobs["Data analyst"].skill_uris == [s("analysis"), s("sql")]
    assert jobs["Data analyst"].skill_weights == [0.9, 0.8]


def test_unknown_kind_and_unreadable_files(store, tmp_path):
    path = tmp_path / "stuff.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(CatalogImportError, match="--kind"):
        store.import_file(path)
    broken = tmp_path / "broken.json"
    broken.write_text('{"@graph": [')
    with pytest.raises(CatalogImportError, match="invalid JSON"):
        store.import_file(broken, kind="courses")
    with pytest.raises(CatalogImportError, match="no such file"):
        store.import_file(tmp_path / "missing.csv")
    assert store.sources() == []


def test_two_stores_on_one_database_see_each_others_imports(database, career_kb, tmp_path):
    first, second = CatalogStore(database, kb=career_kb), CatalogStore(database, kb=career_kb)
    assert second.courses() == []
    path = tmp_path / "courses.csv"
    path.write_text(COURSES_CSV)
    first.import_file(path, kind="courses")
    assert len(second.courses()) == 2  # refreshed: another worker imported


def test_workers_starting_together_load_the_samples_once(database, career_kb, tmp_path):
    import threading

    catalogs = tmp_path / "data" / "catalogs"
    catalogs.mkdir(parents=True)
    rows = "\n".join(f"Uni,Course {i},\"[\"\"SQL\"\"]\",4.0,1,Beginner,Course, 1 - 4 Weeks,FALSE" for i in range(300))
    (catalogs / "courses_coursera_sample.csv").write_text(COURSES_CSV.splitlines()[0] + "\n" + rows + "\n")
    pq.write_table(pa.table({"title": [f"Job {i}" for i in range(300)], "skill_name": [["SQL"]] * 300,
                             "skill_prob_avg": [[0.5]] * 300}), catalogs / "vacancies_titles_esco_skills.parquet")
    stores = [CatalogStore(database, kb=career_kb) for _ in range(3)]
    errors: list[BaseException] = []

    def start(store):
        try:
            store.ensure_defaults(tmp_path / "data")
        except BaseException as exc:  # noqa: BLE001  (collected and asserted below)
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(stores[0].courses()) == 300 and len(stores[1].jobs()) == 300
    assert sorted(s["name"] for s in stores[2].sources()) == ["coursera-sample", "vacancies-sample"]


LHEO = __import__("pathlib").Path(__file__).parent / "fixtures" / "lheo_offres.xml"


def test_lheo_xml_offers_one_course_per_action(store):
    # LHÉO, France's exchange format for training offers: kind and format found from the file itself
    report = store.import_file(LHEO)
    assert report.kind == "courses" and report.imported == 2
    assert [(b.line, b.reason) for b in report.bad_rows] == [(2, "formation without <intitule-formation>")]
    courses = {c.id.rsplit(":", 1)[-1]: c for c in store.courses()}
    lyon, paris = courses["A1"], courses["A2"]
    assert lyon.title == "Employé de commerce : caisse et accueil client" and lyon.provider == "GRETA Exemple"
    assert lyon.language == "fr" and lyon.url == "https://formations.example.org/caisse-lyon"
    assert lyon.duration == "420 heures" and lyon.duration_weeks == 10.5 and lyon.schedule == "Temps plein"
    assert lyon.extra["location"] == "69003 Lyon" and lyon.extra["start"] == "2027-01-04"
    assert lyon.extra["certification"] == "37099"
    assert "Utiliser une caisse enregistreuse" in lyon.skills_text
    assert paris.extra["location"] == "75011 Paris" and paris.schedule == "Temps partiel, en soirée"


def test_lheo_errors_are_clear(store, tmp_path):
    broken = tmp_path / "offres.xml"
    broken.write_text("<lheo><offres><formation>")
    with pytest.raises(CatalogImportError, match="not well-formed XML"):
        store.import_file(broken, kind="courses")
    other = tmp_path / "other.xml"
    other.write_text("<catalogue><cours/></catalogue>")
    with pytest.raises(CatalogImportError, match="not LHÉO"):
        store.import_file(other, kind="courses")
