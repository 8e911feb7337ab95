"""Small slices of the real sample catalogs for the tests that need trainings and jobs: linking
the whole samples takes minutes, so the tests import the courses on the topics they talk about
and the first vacancies."""

from __future__ import annotations

import csv
from pathlib import Path

COURSE_WORDS = ("retail", "sales", "customer", "excel", "spreadsheet", "data", "analy", "sport", "coach", "child",
                "teach", "video", "social media", "marketing", "care", "health", "cook", "food", "security",
                "logistic", "warehouse", "supply chain", "account", "financ", "music", "hardware", "support",
                "communication", "leadership", "project management", "design")


def write_catalog_slices(data_dir: Path, folder: Path, courses: int = 60, jobs: int = 400) -> dict[str, Path]:
    """The first ``courses`` courses on the tests' topics (CSV) and the first ``jobs`` vacancies
    (Parquet) of ``data_dir/catalogs``, written under ``folder`` with the samples' file names."""
    import pyarrow.parquet as pq

    with open(data_dir / "catalogs" / "courses_coursera_sample.csv", newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = [r for r in reader if any(w in (r["course"] + r["skills"]).lower() for w in COURSE_WORDS)][:courses]
        fields = reader.fieldnames or []
    folder.mkdir(parents=True, exist_ok=True)
    courses_path = folder / "courses_coursera_sample.csv"
    with open(courses_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    jobs_path = folder / "vacancies_titles_esco_skills.parquet"
    pq.write_table(pq.read_table(data_dir / "catalogs" / "vacancies_titles_esco_skills.parquet").slice(0, jobs), jobs_path)
    return {"courses": courses_path, "jobs": jobs_path}
