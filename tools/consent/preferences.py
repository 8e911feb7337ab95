"""The consent agent: standing rules a person sets, applied whenever a share is proposed, and
recommendations of recipients that fit the person's goal, each with the reason why.

Rules (``PreferenceRule``): ``never`` (never share with this kind / recipient: existing consents to
it are revoked when the rule is set, and any share is refused), ``always`` (share without asking:
when a share is proposed and no consent is valid, a consent to the recipient's notice is granted on
the person's behalf, with the rule as actor in the receipt), ``ask`` (ask each time: the answer
grants a single-use consent). A rule on one recipient beats a rule on its kind.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import BaseModel
from sqlalchemy import delete, select

from tools.consent.models import (
    ConsentPreference,
    ConsentStatus,
    DataCategory,
    Notice,
    PreferenceRule,
    Recipient,
    RecipientKind,
)
from tools.consent.tables import PreferenceRow

if TYPE_CHECKING:
    from tools.consent.service import ConsentService


class Decision(StrEnum):
    share = "share"  # a consent is valid now (or was just granted by an `always` rule)
    ask = "ask"  # show the notice and ask the person
    refuse = "refuse"  # a `never` rule forbids it


class ShareProposal(BaseModel):
    decision: Decision
    reason: str  # stable code: consent_valid, preference_always, preference_ask, preference_never, no_consent
    recipient_id: str
    purpose: str
    notice_id: str | None = None
    consent_id: str | None = None
    preference_id: str | None = None


class RecipientRecommendation(BaseModel):
    recipient_id: str
    kind: RecipientKind
    name: str
    demo: bool
    notice_id: str
    purpose: str
    data_categories: list[DataCategory]
    score: float
    why: str
    preference: PreferenceRule | None = None


class ConsentPreferences:
    def __init__(self, consents: ConsentService):
        self.consents = consents
        self.database = consents.database

    def set(self, person_id: str, rule: PreferenceRule | str, recipient_kind: RecipientKind | str | None = None,
            recipient_id: str | None = None, now: datetime | None = None) -> ConsentPreference:
        """Set (or replace) the rule for one recipient or one kind of recipient."""
        rule = PreferenceRule(rule)
        kind = RecipientKind(recipient_kind) if recipient_kind is not None else None
        if (kind is None) == (recipient_id is None):
            raise ValueError("a preference targets either a recipient kind or one recipient")
        if recipient_id is not None:
            self.consents.recipient(recipient_id)  # must exist
        now = now or self.consents.clock()
        pref_id = uuid.uuid4().hex
        with self.database.session() as s:
            s.execute(delete(PreferenceRow).where(
                PreferenceRow.person_id == person_id,
                PreferenceRow.recipient_kind.is_(None) if kind is None else PreferenceRow.recipient_kind == kind.value,
                PreferenceRow.recipient_id.is_(None) if recipient_id is None else PreferenceRow.recipient_id == recipient_id,
            ))
            s.add(PreferenceRow(id=pref_id, person_id=person_id, recipient_kind=kind.value if kind else None,
                                recipient_id=recipient_id, rule=rule.value, created_at=now))
        if rule == PreferenceRule.never:
            for consent in self.consents.list(person_id, ConsentStatus.granted, now=now):
                if consent.recipient_id == recipient_id or (kind is not None and consent.recipient_kind == kind):
                    self.consents.revoke(person_id, consent.id, actor=f"preference:{pref_id}", now=now)
        return ConsentPreference(id=pref_id, recipient_kind=kind, recipient_id=recipient_id, rule=rule)

    def remove(self, person_id: str, preference_id: str) -> bool:
        with self.database.session() as s:
            n = s.execute(delete(PreferenceRow).where(PreferenceRow.person_id == person_id,
                                                      PreferenceRow.id == preference_id)).rowcount
        return bool(n)

    def list(self, person_id: str) -> list[ConsentPreference]:
        with self.database.session() as s:
            rows = s.scalars(select(PreferenceRow).where(PreferenceRow.person_id == person_id)
                             .order_by(PreferenceRow.created_at))
            return [ConsentPreference(id=r.id, recipient_kind=RecipientKind(r.recipient_kind) if r.recipient_kind else None,
                                      recipient_id=r.recipient_id, rule=PreferenceRule(r.rule)) for r in rows]

    def rule_for(self, person_id: str, recipient: Recipient) -> ConsentPreference | None:
        prefs = self.list(person_id)
        exact = [p for p in prefs if p.recipient_id == recipient.id]
        if exact:
            return exact[-1]
        by_kind = [p for p in prefs if p.recipient_kind == recipient.kind]
        return by_kind[-1] if by_kind else None

    def propose(self, person_id: str, recipient_id: str, purpose: str,
                categories: Iterable[DataCategory | str] | None = None, language: str = "en",
                now: datetime | None = None) -> ShareProposal:
        """Apply the person's rules to a proposed share: share now, ask the person, or refuse."""
        now = now or self.consents.clock()
        recipient = self.consents.recipient(recipient_id)
        notice = recipient.notice_for(purpose)
        if notice is None:
            raise ValueError(f"recipient {recipient_id} has no notice for purpose {purpose!r}")
        wanted = [DataCategory(c) for c in (categories if categories is not None else notice.data_categories)]
        pref = self.rule_for(person_id, recipient)
        base = dict(recipient_id=recipient_id, purpose=purpose, notice_id=notice.id,
                    preference_id=pref.id if pref else None)
        if pref is not None and pref.rule == PreferenceRule.never:
            return ShareProposal(decision=Decision.refuse, reason="preference_never", **base)
        if pref is not None and pref.rule == PreferenceRule.ask:
            return ShareProposal(decision=Decision.ask, reason="preference_ask", **base)
        consent = self.consents.valid_consent(person_id, recipient_id, purpose, wanted, at=now)
        if consent is not None:
            return ShareProposal(decision=Decision.share, reason="consent_valid", consent_id=consent.id, **base)
        if pref is not None and pref.rule == PreferenceRule.always:
            if not set(wanted) <= set(notice.data_categories):
                return ShareProposal(decision=Decision.ask, reason="no_consent", **base)
            consent = self.consents.give(person_id, notice.id, wanted, language=language,
                                         actor=f"preference:{pref.id}", now=now)
            return ShareProposal(decision=Decision.share, reason="preference_always", consent_id=consent.id, **base)
        return ShareProposal(decision=Decision.ask, reason="no_consent", **base)

    def recommend(self, person_id: str | None, goal: str | None = None, persona: str | None = None,
                  target: str | None = None, gap_size: int = 0, language: str = "en",
                  limit: int = 5) -> list[RecipientRecommendation]:
        recipients = self.consents.recipients.list()
        prefs = {}
        if person_id:
            for r in recipients:
                p = self.rule_for(person_id, r)
                if p is not None:
                    prefs[r.id] = p.rule
        return recommend_recipients(recipients, goal=goal, persona=persona, target=target, gap_size=gap_size,
                                    language=language, preferences=prefs, limit=limit)


# (kind, persona or goal keyword) -> (weight, reason en, reason fr)
_FIT: dict[RecipientKind, dict[str, tuple[float, str, str]]] = {
    RecipientKind.counsellor: {
        "high_school": (0.9, "a guidance counsellor helps you choose studies and a sector",
                        "un conseiller d'orientation vous aide à choisir vos études et un secteur"),
        "jobseeker": (0.8, "a counsellor can validate your skills and support your job search",
                      "un conseiller peut valider vos compétences et accompagner votre recherche d'emploi"),
        "employee": (0.5, "a counsellor can give a neutral view on a career change",
                     "un conseiller peut donner un avis neutre sur une reconversion"),
    },
    RecipientKind.coach: {
        "high_school": (0.3, "a coach can help you prepare applications", "un coach peut vous aider à préparer vos candidatures"),
        "jobseeker": (0.7, "a coach helps you turn your plan into applications and interviews",
                      "un coach vous aide à transformer votre plan en candidatures et entretiens"),
        "employee": (0.8, "a coach helps you plan an upskilling or a move inside or outside your company",
                     "un coach vous aide à préparer une montée en compétences ou une mobilité"),
    },
    RecipientKind.training_provider: {
        "high_school": (0.6, "a training provider can show programmes that lead to the sectors you like",
                        "un organisme de formation peut vous montrer des formations vers les secteurs qui vous plaisent"),
        "jobseeker": (0.6, "a training provider can propose courses for the skills you are missing",
                      "un organisme de formation peut proposer des formations pour les compétences qui vous manquent"),
        "employee": (0.7, "a training provider can propose courses to upskill for your target",
                     "un organisme de formation peut proposer des formations pour progresser vers votre objectif"),
    },
    RecipientKind.employer: {
        "high_school": (0.1, "an employer can offer apprenticeships", "un employeur peut proposer de l'apprentissage"),
        "jobseeker": (0.8, "an employer recruiting for your target job can consider your profile",
                      "un employeur qui recrute sur votre métier cible peut étudier votre profil"),
        "employee": (0.4, "an employer can consider you for an internal or external move",
                     "un employeur peut étudier votre profil pour une mobilité"),
    },
    RecipientKind.statistics: {
        "high_school": (0.3, "anonymous statistics help your region plan trainings (groups of 10 or more only)",
                        "des statistiques anonymes aident votre région à prévoir les formations (groupes d'au moins 10)"),
        "jobseeker": (0.3, "anonymous statistics help your region plan trainings and jobs (groups of 10 or more only)",
                      "des statistiques anonymes aident votre région à prévoir formations et emplois (groupes d'au moins 10)"),
        "employee": (0.3, "anonymous statistics help your region plan trainings (groups of 10 or more only)",
                     "des statistiques anonymes aident votre région à prévoir les formations (groupes d'au moins 10)"),
    },
}
_GOAL_BOOST: dict[str, dict[RecipientKind, float]] = {
    "job": {RecipientKind.employer: 0.2, RecipientKind.coach: 0.1},
    "emploi": {RecipientKind.employer: 0.2, RecipientKind.coach: 0.1},
    "studies": {RecipientKind.counsellor: 0.2, RecipientKind.training_provider: 0.2},
    "études": {RecipientKind.counsellor: 0.2, RecipientKind.training_provider: 0.2},
    "train": {RecipientKind.training_provider: 0.3},
    "formation": {RecipientKind.training_provider: 0.3},
    "upskill": {RecipientKind.training_provider: 0.2, RecipientKind.coach: 0.1},
    "reskill": {RecipientKind.training_provider: 0.2, RecipientKind.counsellor: 0.1},
    "reconversion": {RecipientKind.training_provider: 0.2, RecipientKind.counsellor: 0.1},
}


def recommend_recipients(recipients: list[Recipient], goal: str | None = None, persona: str | None = None,
                         target: str | None = None, gap_size: int = 0, language: str = "en",
                         preferences: dict[str, PreferenceRule] | None = None,
                         limit: int = 5) -> list[RecipientRecommendation]:
    """Rank recipients that fit the person's persona, goal, target and gap, explaining each choice.

    Recipients the person ruled out (``never``) are left out.
    """
    preferences = preferences or {}
    persona_key = persona if persona in ("high_school", "jobseeker", "employee") else "jobseeker"
    fr = language == "fr"
    goal_text = (goal or "").lower()
    out: list[RecipientRecommendation] = []
    for r in recipients:
        rule = preferences.get(r.id)
        if rule == PreferenceRule.never or not r.notices:
            continue
        weight, why_en, why_fr = _FIT[r.kind][persona_key]
        reasons = [why_fr if fr else why_en]
        for keyword, boosts in _GOAL_BOOST.items():
            if keyword in goal_text and r.kind in boosts:
                weight += boosts[r.kind]
        if gap_size > 0 and r.kind == RecipientKind.training_provider:
            weight += min(0.3, 0.05 * gap_size)
            reasons.append(f"{gap_size} compétence(s) à acquérir pour votre objectif" if fr
                           else f"{gap_size} skill(s) to acquire for your target")
        if target and r.kind in (RecipientKind.employer, RecipientKind.coach):
            reasons.append(f"objectif : {target}" if fr else f"target: {target}")
        if rule == PreferenceRule.always:
            weight += 0.5
            reasons.append("vous avez choisi de toujours partager avec lui" if fr else "you chose to always share with them")
        notice: Notice = r.notices[0]
        if r.demo:
            reasons.append("destinataire de démonstration" if fr else "demo recipient")
        else:
            weight += 0.05  # a registered organisation before the demo one of the same kind
        out.append(RecipientRecommendation(
            recipient_id=r.id, kind=r.kind, name=r.name, demo=r.demo, notice_id=notice.id, purpose=notice.purpose,
            data_categories=list(notice.data_categories), score=round(weight, 3), why="; ".join(reasons),
            preference=rule,
        ))
    out.sort(key=lambda x: (-x.score, x.recipient_id))
    return out[:limit]
