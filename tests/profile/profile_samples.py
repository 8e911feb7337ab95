"""A full sample profile for the profile tests (every part filled in)."""

from __future__ import annotations

from datetime import date

from tools.profile.models import (
    Evidence,
    Experience,
    GapSkill,
    GapSummary,
    Interests,
    Period,
    Plan,
    PlanJob,
    PlanTraining,
    Preferences,
    Profile,
    ProfileSkill,
    SkillTranslations,
    Target,
)

ESCO = "http://data.europa.eu/esco/skill/"


def skill_uri(n: int) -> str:
    return f"{ESCO}{n:08d}-aaaa-bbbb-cccc-000000000000"


def full_profile(person_id: str = "demo-person", language: str = "fr") -> Profile:
    p = Profile(person_id=person_id, region="Bretagne", language=language, persona="jobseeker")
    e1 = p.add_experience(
        Experience(
            title="Serveuse",
            kind="paid",
            organisation="Café de Flore",
            period=Period(start=date(2020, 1, 1)),
            status="ongoing",
            description="Service en salle, encaissement, commandes le week-end.",
            details=["J'étais fière de gérer la salle seule le dimanche."],
        )
    )
    e2 = p.add_experience(
        Experience(
            title="Animatrice bénévole",
            kind="volunteering",
            organisation="Restos du Cœur",
            period=Period(start=date(2015, 1, 1), end=date(2018, 12, 1)),
        )
    )
    e3 = p.add_experience(Experience(title="Aide à ma grand-mère", kind="family_care", period=Period(duration_months=24)))
    rows = [
        ("servir des boissons", "certified", e1, "J'ai servi les clients au bar", "organisation_trace", "Lycée hôtelier", "urn:uuid:5f1b"),
        ("gérer la caisse", "evidenced", e1, "encaissement et clôture de caisse", "chat", "orient", None),
        ("animer des activités", "validated_by_counsellor", e2, "J'organisais des ateliers pour les enfants", "counsellor", "orient", None),
        ("communiquer avec les clients", "inferred", e1, "accueillir les clients", "chat", "orient", None),
        ("prendre soin d'une personne âgée", "declared", e3, "je m’occupais de ses repas — œufs, soupe", "chat", "orient", None),
    ]
    for i, (label, level, exp, text, source, provider, xapi) in enumerate(rows):
        p.upsert_skill(
            ProfileSkill(
                uri=skill_uri(i),
                label=label,
                skill_type="skill/competence",
                level=level,
                state="confirmed",
                source="chat",
                score=0.8,
                evidence=[Evidence(text=text, experience_id=exp.id, source=source, provider=provider, xapi_statement_id=xapi, start=0, end=len(text))],
                translations=SkillTranslations(rome=["G1803", "123456"], onet=["35-3031.00"]),
            )
        )
    p.upsert_skill(ProfileSkill(uri=skill_uri(9), label="piloter un avion", state="rejected", evidence=[Evidence(text="avion", experience_id=e1.id)]))
    p.interests = Interests(riasec="SE", text="J'aime le contact")
    p.preferences = Preferences(location="Rennes", time="temps plein", training_appetite="courte", mobility_km=30)
    p.target = Target(uri="http://data.europa.eu/esco/occupation/aaaa-bbbb", label="Responsable de salle", code="5131.1", rome_codes=["G1803"], onet_codes=["35-1012.00"])
    p.gap = GapSummary(
        target_uri=p.target.uri,
        coverage=0.6,
        summary="3 sur 5",
        skills=[
            GapSkill(uri=skill_uri(20), label="gérer une équipe", status="missing", group="gestion"),
            GapSkill(uri=skill_uri(21), label="planifier les horaires", status="almost", close_to=[skill_uri(1)]),
            GapSkill(uri=skill_uri(0), label="servir des boissons", status="covered"),
        ],
    )
    p.plan = Plan(
        gap_summary="60 % des compétences essentielles",
        trainings=[PlanTraining(id="c1", title="Manager une équipe en restauration", url="https://example.org/c1", explanation="couvre gérer une équipe", new_skills=[skill_uri(20)])],
        jobs=[PlanJob(id="j1", title="Chef de rang", location="Rennes", matching_skills=[skill_uri(0)], missing_skills=[skill_uri(20)])],
        next_steps=["S'inscrire à la formation", "Postuler à 3 offres"],
    )
    return p
