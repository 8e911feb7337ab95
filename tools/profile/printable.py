"""The printable one-page summary of a profile: what goes on the page (``summary_view``) and the
HTML rendering (``to_html``). The PDF rendering of the same view is in ``tools.profile.pdf``.

The page shows, in the person's language (English or French): experiences, skills with their
validation level and a piece of evidence, the chosen target, the gap picture (the SVG given, or
one drawn from the gap), and the plan (trainings, jobs, next steps). Rejected skills never appear.
"""

from __future__ import annotations

import base64
from datetime import date

from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, Field

from tools.profile.models import Profile, ProfileSkill, SkillState, ValidationLevel

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Skills profile",
        "generated": "Printed on",
        "experiences": "Experiences",
        "skills": "Skills",
        "target": "Target job",
        "gap": "Skills gap",
        "plan": "Plan",
        "trainings": "Trainings",
        "jobs": "Jobs",
        "next_steps": "Next steps",
        "interests": "Interests",
        "preferences": "Preferences",
        "ongoing": "ongoing",
        "months": "months",
        "to_confirm": "to confirm",
        "more": "and {n} more",
        "covered": "covered",
        "almost": "almost there",
        "missing": "missing",
        "coverage": "Essential skills covered",
        "evidence": "Evidence",
        "no_skills": "No skills confirmed yet.",
        "no_experiences": "No experiences yet.",
        "footer": "Skills from ESCO (European Skills, Competences, Qualifications and Occupations). Levels: declared < inferred < validated by a counsellor < evidenced < certified.",
        "declared": "declared",
        "inferred": "inferred",
        "validated_by_counsellor": "validated by a counsellor",
        "evidenced": "evidenced",
        "certified": "certified",
        "paid": "job",
        "unpaid": "unpaid work",
        "volunteering": "volunteering",
        "school": "school",
        "family_care": "family care",
        "sport": "sport",
        "music": "music",
        "art": "art",
        "hobby": "hobby",
        "other": "other",
        "riasec_R": "working with your hands", "riasec_I": "solving problems, science", "riasec_A": "creating things",
        "riasec_S": "working with people", "riasec_E": "leading, selling", "riasec_C": "numbers, organising",
        "interests_sentence": "You enjoy {items}.",
    },
    "fr": {
        "title": "Profil de compétences",
        "generated": "Imprimé le",
        "experiences": "Expériences",
        "skills": "Compétences",
        "target": "Métier visé",
        "gap": "Écart de compétences",
        "plan": "Plan",
        "trainings": "Formations",
        "jobs": "Offres d'emploi",
        "next_steps": "Prochaines étapes",
        "interests": "Intérêts",
        "preferences": "Préférences",
        "ongoing": "en cours",
        "months": "mois",
        "to_confirm": "à confirmer",
        "more": "et {n} de plus",
        "covered": "acquises",
        "almost": "presque",
        "missing": "à acquérir",
        "coverage": "Compétences essentielles acquises",
        "evidence": "Preuve",
        "no_skills": "Aucune compétence confirmée pour l'instant.",
        "no_experiences": "Aucune expérience pour l'instant.",
        "footer": "Compétences issues d'ESCO (classification européenne des aptitudes, compétences, certifications et professions). Niveaux : déclarée < déduite < validée par un conseiller < attestée < certifiée.",
        "declared": "déclarée",
        "inferred": "déduite",
        "validated_by_counsellor": "validée par un conseiller",
        "evidenced": "attestée",
        "certified": "certifiée",
        "paid": "emploi",
        "unpaid": "travail non rémunéré",
        "volunteering": "bénévolat",
        "school": "études",
        "family_care": "aide familiale",
        "sport": "sport",
        "music": "musique",
        "art": "art",
        "hobby": "loisir",
        "other": "autre",
        "riasec_R": "travailler de vos mains", "riasec_I": "résoudre des problèmes, les sciences", "riasec_A": "créer",
        "riasec_S": "travailler avec des gens", "riasec_E": "diriger, vendre", "riasec_C": "les chiffres, organiser",
        "interests_sentence": "Vous aimez {items}.",
    },
}

_MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
}


def interests_text(profile: Profile, labels: dict[str, str]) -> str:
    """What the person enjoys, as a sentence ("You enjoy working with your hands."), never the
    interest codes; their own words are added when they say more than the option they picked."""
    words = [labels[f"riasec_{code}"] for code in profile.interests.riasec if f"riasec_{code}" in labels]
    own = (profile.interests.text or "").strip()
    said = own.lower().replace("my ", "your ").replace("mes ", "vos ").strip(" .")
    if own and not any(said == w.lower() or said in w.lower() for w in words):
        words.append(f"« {own} »" if labels is LABELS["fr"] else f"“{own}”")
    if not words:
        return ""
    items = ", ".join(words[:-1]) + (f" {'et' if labels is LABELS['fr'] else 'and'} " if len(words) > 1 else "") + words[-1]
    return labels["interests_sentence"].format(items=items)


class Limits(BaseModel):
    """How much goes on the page; the PDF tightens these until everything fits on one page."""

    experiences: int = 8
    skills: int = 18
    evidence_chars: int = 110
    description_chars: int = 160
    trainings: int = 4
    jobs: int = 4
    next_steps: int = 5
    gap_skills: int = 8


class ExperienceLine(BaseModel):
    title: str
    organisation: str | None
    kind: str
    period: str
    description: str


class SkillLine(BaseModel):
    uri: str
    label: str
    level: str
    level_label: str
    level_rank: int
    evidence: str | None
    evidence_source: str | None
    to_confirm: bool
    rome: list[str]


class GapBar(BaseModel):
    covered: int = 0
    almost: int = 0
    missing: int = 0
    coverage: float | None = None
    missing_labels: list[str] = Field(default_factory=list)
    almost_labels: list[str] = Field(default_factory=list)
    svg: str | None = None


class PlanLine(BaseModel):
    title: str
    detail: str = ""
    url: str | None = None


class SummaryView(BaseModel):
    lang: str
    labels: dict[str, str]
    printed_on: str
    experiences: list[ExperienceLine]
    experiences_more: int
    skills: list[SkillLine]
    skills_more: int
    interests: str
    preferences: str
    target: str | None
    target_codes: str
    gap: GapBar | None
    trainings: list[PlanLine]
    jobs: list[PlanLine]
    next_steps: list[str]


def summary_view(profile: Profile, *, gap_svg: str | None = None, limits: Limits | None = None, today: date | None = None) -> SummaryView:
    """What the printable page holds, in the person's language, cut to ``limits``."""
    limits = limits or Limits()
    lang = profile.language if profile.language in LABELS else "en"
    labels = LABELS[lang]
    today = today or date.today()

    experiences = [
        ExperienceLine(
            title=_cut(e.title, 100),
            organisation=_cut(e.organisation, 80) if e.organisation else None,
            kind=labels.get(e.kind.value, e.kind.value),
            period=_period(e.period.start, e.period.end, e.period.duration_months, e.status.value == "ongoing", lang),
            description=_cut(e.description, limits.description_chars),
        )
        for e in profile.experiences
    ]

    shown = [s for s in profile.skills if s.state == SkillState.confirmed]
    to_confirm = not shown
    if to_confirm:
        shown = [s for s in profile.skills if s.state == SkillState.proposed]
    shown.sort(key=lambda s: (-s.level.rank, s.label.lower()))
    skills = [_skill_line(s, labels, limits, to_confirm) for s in shown]

    interests = interests_text(profile, labels)
    prefs = profile.preferences
    preferences = ", ".join(
        str(x) for x in [prefs.location, prefs.time, prefs.training_appetite, prefs.text] if x
    )

    gap = None
    if profile.gap is not None or gap_svg:
        g = profile.gap
        gap = GapBar(svg=gap_svg or (g.picture_svg if g else None))
        if g is not None:
            gap.covered = len(g.by_status("covered"))
            gap.almost = len(g.by_status("almost"))
            gap.missing = len(g.by_status("missing"))
            gap.coverage = g.coverage
            gap.missing_labels = [s.label for s in g.by_status("missing")][: limits.gap_skills]
            gap.almost_labels = [s.label for s in g.by_status("almost")][: limits.gap_skills]

    plan = profile.plan
    trainings = [
        PlanLine(title=_cut(t.title, 100), detail=_cut(t.explanation or t.description, 120), url=_safe_url(t.url))
        for t in (plan.trainings if plan else [])
    ]
    jobs = [PlanLine(title=_cut(j.title, 100), detail=j.location or "", url=_safe_url(j.url)) for j in (plan.jobs if plan else [])]
    target_codes = ""
    if profile.target:
        codes = ([f"ESCO {profile.target.code}"] if profile.target.code else []) + [f"ROME {c}" for c in profile.target.rome_codes[:3]]
        target_codes = " · ".join(codes)
    return SummaryView(
        lang=lang,
        labels=labels,
        printed_on=_day(today, lang),
        experiences=experiences[: limits.experiences],
        experiences_more=max(0, len(experiences) - limits.experiences),
        skills=skills[: limits.skills],
        skills_more=max(0, len(skills) - limits.skills),
        interests=interests,
        preferences=preferences,
        target=profile.target.label if profile.target else None,
        target_codes=target_codes,
        gap=gap,
        trainings=trainings[: limits.trainings],
        jobs=jobs[: limits.jobs],
        next_steps=(plan.next_steps if plan else [])[: limits.next_steps],
    )


def _skill_line(s: ProfileSkill, labels: dict[str, str], limits: Limits, to_confirm: bool) -> SkillLine:
    best = max(s.evidence, key=lambda e: (_EVIDENCE_WEIGHT.get(e.source.value, 0), len(e.text)), default=None)
    return SkillLine(
        uri=s.uri,
        label=_cut(s.label, 100),
        level=s.level.value,
        level_label=labels.get(s.level.value, s.level.value),
        level_rank=s.level.rank,
        evidence=_cut(best.text, limits.evidence_chars) if best else None,
        evidence_source=(best.provider if best and best.provider != "orient" else None),
        to_confirm=to_confirm,
        rome=s.translations.rome[:2],
    )


_EVIDENCE_WEIGHT = {"organisation_trace": 3, "counsellor": 2, "import": 1, "cv": 1, "chat": 0}


def _safe_url(url: str | None) -> str | None:
    """Only web links are printed as links (an imported profile could carry ``javascript:``)."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


def _cut(text: str, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _month(d: date, lang: str) -> str:
    return f"{_MONTHS[lang][d.month - 1]} {d.year}"


def _period(start: date | None, end: date | None, months: int | None, ongoing: bool, lang: str) -> str:
    labels = LABELS[lang]
    if start:
        right = labels["ongoing"] if ongoing or end is None else _month(end, lang)
        text = f"{_month(start, lang)} – {right}"
    elif ongoing:
        text = labels["ongoing"]
    else:
        text = ""
    if months is not None and not start:
        text = f"{text} ({months} {labels['months']})".strip() if text else f"{months} {labels['months']}"
    return text


def _day(d: date, lang: str) -> str:
    if lang == "fr":
        return f"{d.day} {_MONTHS['fr'][d.month - 1].rstrip('.')} {d.year}"
    return f"{d.day} {_MONTHS['en'][d.month - 1]} {d.year}"


_ENV = Environment(loader=PackageLoader("tools.profile", "templates"), autoescape=select_autoescape(["html", "jinja"]))


def to_html(profile: Profile, *, gap_svg: str | None = None, today: date | None = None) -> str:
    """A self-contained printable HTML page (no external assets; the gap SVG is an inline image)."""
    view = summary_view(profile, gap_svg=gap_svg, today=today)
    svg_data = None
    if view.gap and view.gap.svg:
        svg_data = "data:image/svg+xml;base64," + base64.b64encode(view.gap.svg.encode("utf-8")).decode("ascii")
    return _ENV.get_template("summary.html.jinja").render(v=view, svg_data=svg_data, levels=list(ValidationLevel))
