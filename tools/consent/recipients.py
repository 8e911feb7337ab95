"""Registered recipients and their privacy notices, plus the demo recipients of a fresh install.

A deployment registers its own recipients (``RecipientRegistry.register``); a fresh install gets
one demo recipient of each kind so the whole consent flow works out of the box. Demo recipients
are flagged ``demo=True`` and say so in their name and in every notice.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tools.consent.models import Controller, DataCategory, Notice, Recipient, RecipientKind
from tools.consent.tables import NoticeRow, RecipientRow
from tools.storage.database import Database

# Purposes used across the project (a deployment may add its own in its notices).
PURPOSE_COACHING = "career_coaching"
PURPOSE_GUIDANCE = "career_guidance"
PURPOSE_TRAINING_OFFERS = "training_offers"
PURPOSE_RECRUITMENT = "recruitment"
PURPOSE_STATISTICS = "territory_statistics"
PURPOSE_SKILL_EVIDENCE = "skill_evidence"

DEMO_PREFIX = "demo-"


class UnknownRecipient(LookupError):
    pass


class UnknownNotice(LookupError):
    pass


def _demo_controller(name: str) -> Controller:
    return Controller(
        name=f"{name} (DEMO — not a real organisation)",
        contact="privacy@demo.orient.example",
        address="Demo address, replace by registering your own recipients",
        url="https://demo.orient.example/privacy",
    )


def _notice(recipient_id: str, purpose: str, categories: list[DataCategory], why_en: str, why_fr: str,
            retention_days: int, duration_days: int, controller: Controller) -> Notice:
    return Notice(
        id=f"{recipient_id}:{purpose}:v1",
        recipient_id=recipient_id,
        purpose=purpose,
        version="1",
        data_categories=categories,
        why={"en": why_en, "fr": why_fr},
        retention_days=retention_days,
        consent_duration_days=duration_days,
        controller=controller,
    )


def demo_recipients() -> list[Recipient]:
    """One clearly marked demo recipient of each kind, with its notices."""
    C = DataCategory
    out: list[Recipient] = []

    rid = "demo-coach"
    ctl = _demo_controller("Demo Career Coach")
    out.append(Recipient(
        id=rid, kind=RecipientKind.coach, name="Demo Career Coach (demo)", demo=True,
        description={"en": "A demo career coach who helps you prepare your next step.",
                     "fr": "Un coach carrière de démonstration qui vous aide à préparer votre prochaine étape."},
        notices=[_notice(rid, PURPOSE_COACHING, [C.profile, C.interests, C.preferences, C.plan],
                         "DEMO: the coach reads your skills profile and plan to prepare coaching sessions with you.",
                         "DÉMO : le coach lit votre profil de compétences et votre plan pour préparer vos séances.",
                         365, 180, ctl)],
    ))
    rid = "demo-counsellor"
    ctl = _demo_controller("Demo Guidance Centre")
    out.append(Recipient(
        id=rid, kind=RecipientKind.counsellor, name="Demo Guidance Counsellor (demo)", demo=True,
        description={"en": "A demo guidance counsellor who can review and validate your skills.",
                     "fr": "Un conseiller d'orientation de démonstration qui peut revoir et valider vos compétences."},
        notices=[_notice(rid, PURPOSE_GUIDANCE, [C.profile, C.interests, C.preferences, C.plan, C.transcript],
                         "DEMO: the counsellor reviews your profile and plan, may validate skills and contact you about them.",
                         "DÉMO : le conseiller revoit votre profil et votre plan, peut valider des compétences et vous recontacter.",
                         365, 180, ctl)],
    ))
    rid = "demo-training-provider"
    ctl = _demo_controller("Demo Training Institute")
    out.append(Recipient(
        id=rid, kind=RecipientKind.training_provider, name="Demo Training Institute (demo)", demo=True,
        description={"en": "A demo training provider that proposes courses for your skills gap.",
                     "fr": "Un organisme de formation de démonstration qui propose des formations pour vos compétences manquantes."},
        notices=[
            _notice(rid, PURPOSE_TRAINING_OFFERS, [C.skills, C.preferences, C.plan],
                    "DEMO: the institute uses your skills, gap and preferences to propose matching courses.",
                    "DÉMO : l'organisme utilise vos compétences, vos manques et vos préférences pour vous proposer des formations.",
                    180, 90, ctl),
            _notice(rid, PURPOSE_SKILL_EVIDENCE, [C.skills, C.evidence],
                    "DEMO: the institute may add proof of skills you acquired with it (course completions, certificates) to your profile.",
                    "DÉMO : l'organisme peut ajouter à votre profil les preuves des compétences acquises chez lui (formations terminées, certificats).",
                    365, 365, ctl),
        ],
    ))
    rid = "demo-employer"
    ctl = _demo_controller("Demo Employer Ltd")
    out.append(Recipient(
        id=rid, kind=RecipientKind.employer, name="Demo Employer Ltd (demo)", demo=True,
        description={"en": "A demo employer recruiting for jobs that fit your profile.",
                     "fr": "Un employeur de démonstration qui recrute sur des postes adaptés à votre profil."},
        notices=[
            _notice(rid, PURPOSE_RECRUITMENT, [C.profile, C.skills, C.plan],
                    "DEMO: the employer reads your profile to consider you for open positions.",
                    "DÉMO : l'employeur lit votre profil pour étudier votre candidature à des postes ouverts.",
                    180, 90, ctl),
            _notice(rid, PURPOSE_SKILL_EVIDENCE, [C.skills, C.evidence],
                    "DEMO: the employer may add certificates of skills you used with it to your profile.",
                    "DÉMO : l'employeur peut ajouter à votre profil des certificats des compétences exercées chez lui.",
                    365, 365, ctl),
        ],
    ))
    rid = "demo-statistics"
    ctl = _demo_controller("Demo Regional Observatory")
    out.append(Recipient(
        id=rid, kind=RecipientKind.statistics, name="Demo Regional Observatory (demo)", demo=True,
        description={"en": "A demo regional observatory that publishes anonymous skills statistics (groups of 10 people or more).",
                     "fr": "Un observatoire régional de démonstration qui publie des statistiques anonymes de compétences (groupes d'au moins 10 personnes)."},
        notices=[_notice(rid, PURPOSE_STATISTICS, [C.skills, C.plan, C.region],
                         "DEMO: your skills, target job and region are counted in anonymous territory statistics; only groups of 10 people or more are published.",
                         "DÉMO : vos compétences, votre métier visé et votre région sont comptés dans des statistiques territoriales anonymes ; seuls les groupes d'au moins 10 personnes sont publiés.",
                         730, 365, ctl)],
    ))
    return out


class RecipientRegistry:
    """Recipients and notices, stored in the consent ledger's tables."""

    def __init__(self, database: Database):
        self.database = database

    def register(self, recipient: Recipient) -> Recipient:
        """Insert or update a recipient and its notices (a notice id is immutable once used: bump its version)."""
        now = datetime.now(UTC)
        with self.database.session() as s:
            row = s.get(RecipientRow, recipient.id)
            if row is None:
                row = RecipientRow(id=recipient.id, created_at=now)
                s.add(row)
            row.kind = recipient.kind.value
            row.name = recipient.name
            row.description = dict(recipient.description)
            row.demo = recipient.demo
            row.active = True
            s.flush()
            for notice in recipient.notices:
                if notice.recipient_id != recipient.id:
                    raise ValueError(f"notice {notice.id} belongs to {notice.recipient_id}, not {recipient.id}")
                nrow = s.get(NoticeRow, notice.id)
                if nrow is None:
                    nrow = NoticeRow(id=notice.id)
                    s.add(nrow)
                nrow.recipient_id = recipient.id
                nrow.purpose = notice.purpose
                nrow.version = notice.version
                nrow.body = notice.model_dump(mode="json")
        return self.get(recipient.id)

    def seed_demo(self) -> None:
        """Register the demo recipients if they are not there yet, or bring back retired ones (idempotent)."""
        with self.database.session() as s:
            existing = set(s.scalars(select(RecipientRow.id).where(RecipientRow.id.like(f"{DEMO_PREFIX}%"),
                                                                    RecipientRow.active.is_(True))))
        for recipient in demo_recipients():
            if recipient.id not in existing:
                try:
                    self.register(recipient)
                except IntegrityError:
                    continue  # another worker starting at the same time seeded it first

    def retire_demo(self) -> int:
        """Out of demo mode: demo recipients are no longer offered (rows kept for the consents that
        name them). Returns how many were retired."""
        with self.database.session() as s:
            rows = list(s.scalars(select(RecipientRow).where(RecipientRow.demo.is_(True), RecipientRow.active.is_(True))))
            for row in rows:
                row.active = False
            return len(rows)

    def list(self, kind: RecipientKind | None = None) -> list[Recipient]:
        with self.database.session() as s:
            query = select(RecipientRow).where(RecipientRow.active.is_(True)).order_by(RecipientRow.id)
            if kind is not None:
                query = query.where(RecipientRow.kind == kind.value)
            rows = list(s.scalars(query))
            notices = list(s.scalars(select(NoticeRow).order_by(NoticeRow.id)))
        by_recipient: dict[str, list[Notice]] = {}
        for n in notices:
            by_recipient.setdefault(n.recipient_id, []).append(Notice.model_validate(n.body))
        return [_recipient(r, by_recipient.get(r.id, [])) for r in rows]

    def get(self, recipient_id: str) -> Recipient:
        with self.database.session() as s:
            return load_recipient(s, recipient_id)

    def notice(self, notice_id: str) -> Notice:
        with self.database.session() as s:
            return load_notice(s, notice_id)


def load_recipient(session: Session, recipient_id: str) -> Recipient:
    row = session.get(RecipientRow, recipient_id)
    if row is None:
        raise UnknownRecipient(recipient_id)
    notices = session.scalars(select(NoticeRow).where(NoticeRow.recipient_id == recipient_id).order_by(NoticeRow.id))
    return _recipient(row, [Notice.model_validate(n.body) for n in notices])


def load_notice(session: Session, notice_id: str) -> Notice:
    row = session.get(NoticeRow, notice_id)
    if row is None:
        raise UnknownNotice(notice_id)
    return Notice.model_validate(row.body)


def _recipient(row: RecipientRow, notices: list[Notice]) -> Recipient:
    return Recipient(id=row.id, kind=RecipientKind(row.kind), name=row.name, description=row.description or {},
                     demo=row.demo, notices=notices)
