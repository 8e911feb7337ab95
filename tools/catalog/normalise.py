"""One raw catalog row (CSV, JSON, schema.org Course / JobPosting, Parquet) → a Course or Job record."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import quote_plus

from tools.catalog.fields import (
    DESCRIPTION,
    DURATION,
    EMPLOYER,
    ID,
    LANGUAGE,
    LEVEL,
    LOCATION,
    OCCUPATION,
    PROVIDER,
    RATING,
    SCHEDULE,
    SKILL_URIS,
    SKILLS,
    TITLE,
    URL,
    WEIGHTS,
    duration_weeks,
    level_of,
    normalised_keys,
    pick,
    skill_items,
    text_of,
    weights_of,
)
from tools.catalog.records import CourseRecord, JobRecord
from tools.catalog.skill_links import SkillResolver


class RowError(ValueError):
    """A row that can't become a record (reported and skipped)."""


def _record_id(source: str, row: dict[str, Any], title: str, line: int) -> str:
    given = pick(row, ID)
    if given is not None and not isinstance(given, (dict, list)):
        return f"{source}:{str(given).strip()[:200]}"
    digest = hashlib.sha1(f"{title}|{line}".encode()).hexdigest()[:12]
    return f"{source}:{line}-{digest}"


def _rating(value: Any) -> float | None:
    if isinstance(value, dict):
        value = value.get("ratingValue")
    if value in (None, ""):
        return None
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return None


def _web_url(row: dict[str, Any]) -> str | None:
    """The row's URL when it is a web address (http or https), else None."""
    url = text_of(pick(row, URL))
    return url if url and url.startswith(("http://", "https://")) else None


def _links(resolver: SkillResolver | None, skills_text: list[str], uris: list[str]) -> tuple[list[str], list]:
    links = []
    out = [u for u in uris]
    if resolver is not None:
        for text in skills_text:
            for link in resolver.resolve(text):
                links.append(link)
                if link.uri not in out:
                    out.append(link.uri)
    return out, links


def to_course(
    source: str, line: int, raw: dict[str, Any], resolver: SkillResolver | None, url_template: str | None = None
) -> CourseRecord:
    row = normalised_keys(raw)
    title = text_of(pick(row, TITLE))
    if not title:
        raise RowError("no title (expected a column such as title, course or name)")
    skills_text = skill_items(pick(row, SKILLS))
    given_uris = [u for u in skill_items(pick(row, SKILL_URIS)) if u.startswith("http")]
    esco_in_text = [s for s in skills_text if s.startswith("http://data.europa.eu/esco/skill/")]
    uris, links = _links(resolver, skills_text, given_uris)
    url = _web_url(row)
    if not url and url_template:
        url = url_template.format(title=quote_plus(title))
    duration = pick(row, DURATION)
    return CourseRecord(
        id=_record_id(source, row, title, line),
        source=source,
        title=title,
        url=url,
        description=text_of(pick(row, DESCRIPTION)) or "",
        provider=text_of(pick(row, PROVIDER)),
        level=level_of(pick(row, LEVEL)),
        duration=text_of(duration),
        duration_weeks=duration_weeks(text_of(duration) if not isinstance(duration, (int, float)) else duration),
        schedule=text_of(pick(row, SCHEDULE)),
        language=text_of(pick(row, LANGUAGE)),
        rating=_rating(pick(row, RATING)),
        skills_text=[s for s in skills_text if s not in esco_in_text] + esco_in_text,
        skill_uris=uris,
        skill_links=links,
        extra={k: v for k, v in raw.items() if isinstance(v, (str, int, float, bool)) and k not in ("skills",)} if "@type" not in raw else {},
    )


def to_job(source: str, line: int, raw: dict[str, Any], resolver: SkillResolver | None) -> JobRecord:
    row = normalised_keys(raw)
    title = text_of(pick(row, TITLE))
    if not title:
        raise RowError("no title (expected a column such as title, job_title or name)")
    skills_text = skill_items(pick(row, SKILLS))
    weights = weights_of(pick(row, WEIGHTS))
    if weights and len(weights) != len(skills_text):
        raise RowError(f"{len(weights)} skill weights for {len(skills_text)} skills")
    given_uris = [u for u in skill_items(pick(row, SKILL_URIS)) if u.startswith("http")]
    uris, links = _links(resolver, skills_text, given_uris)
    weight_by_text = dict(zip(skills_text, weights)) if weights else {}
    uri_weight: dict[str, float] = {u: 1.0 for u in given_uris}
    for link in links:
        w = weight_by_text.get(link.text, 1.0)
        uri_weight[link.uri] = max(uri_weight.get(link.uri, 0.0), w)
    url = _web_url(row)
    occupation = text_of(pick(row, OCCUPATION))
    return JobRecord(
        id=_record_id(source, row, title, line),
        source=source,
        title=title,
        url=url,
        description=text_of(pick(row, DESCRIPTION)) or "",
        employer=text_of(pick(row, EMPLOYER)),
        location=text_of(pick(row, LOCATION)),
        occupation_uri=occupation if occupation and occupation.startswith("http://data.europa.eu/esco/occupation/") else None,
        skills_text=skills_text,
        skill_uris=uris,
        skill_weights=[round(uri_weight.get(u, 1.0), 4) for u in uris],
        skill_links=links,
    )
