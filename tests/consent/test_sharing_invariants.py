"""Property-based tests of the sharing invariants, on SQLite and PostgreSQL:

- no share without a consent valid at share time (checked against an independent model of the
  ledger built from the operations, and against ``Sharing.violations``);
- revoke then share is always refused;
- what leaves is exactly the categories asked for, never more.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.consent import ConsentService
from tools.sharing import Sharing

T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)

# (recipient, purpose, notice categories)
NOTICES = {
    "demo-coach:career_coaching:v1": ("demo-coach", "career_coaching", ["profile", "interests", "preferences", "plan"]),
    "demo-employer:recruitment:v1": ("demo-employer", "recruitment", ["profile", "skills", "plan"]),
}
KIND = {"demo-coach": "coach", "demo-employer": "employer"}
PROPERTY_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                                     HealthCheck.too_slow])


@dataclass
class ModelConsent:
    id: str
    recipient: str
    purpose: str
    categories: set[str]
    granted: datetime
    expires: datetime
    single_use: bool
    revoked: datetime | None = None
    used: bool = False

    def valid(self, at: datetime) -> bool:
        return (self.granted <= at < self.expires and (self.revoked is None or at < self.revoked)
                and not (self.single_use and self.used))


def _subset(categories: list[str]):
    return st.lists(st.sampled_from(categories), min_size=1, max_size=len(categories), unique=True)


@st.composite
def operation(draw):
    kind = draw(st.sampled_from(["give", "give", "revoke", "share", "share", "share", "wait"]))
    notice = draw(st.sampled_from(sorted(NOTICES)))
    recipient, purpose, cats = NOTICES[notice]
    if kind == "give":
        return ("give", notice, draw(_subset(cats)), draw(st.integers(1, 5)), draw(st.booleans()))
    if kind == "revoke":
        return ("revoke", draw(st.integers(0, 10)))
    if kind == "share":
        return ("share", recipient, purpose, draw(_subset(cats)))
    return ("wait", draw(st.integers(1, 60 * 24 * 3)))  # minutes


def payload_for(categories: list[str]) -> dict:
    full = {"profile": {"skills": ["s1"]}, "interests": {"riasec": ["S"]}, "preferences": {"time": "part time"},
            "plan": {"target": "t"}, "skills": ["s1", "s2"], "experiences": [], "region": "Bretagne"}
    return full  # always offer everything: only the consented, asked-for categories may leave


@PROPERTY_SETTINGS
@given(ops=st.lists(operation(), min_size=1, max_size=14))
def test_no_share_without_a_consent_valid_at_share_time(consents: ConsentService, ops):
    sharing = Sharing(consents)
    person = f"p-{uuid.uuid4().hex[:10]}"
    now = T0
    model: list[ModelConsent] = []
    allowed_kinds: set[str] = set()
    for op in ops:
        if op[0] == "wait":
            now += timedelta(minutes=op[1])
        elif op[0] == "give":
            _, notice, cats, days, single = op
            c = consents.give(person, notice, cats, duration_days=days, single_use=single, now=now)
            recipient, purpose, _ = NOTICES[notice]
            model.append(ModelConsent(c.id, recipient, purpose, set(cats), now, now + timedelta(days=days), single))
        elif op[0] == "revoke":
            live = [m for m in model if m.revoked is None and m.valid(now)]
            if live:
                target = live[op[1] % len(live)]
                consents.revoke(person, target.id, now=now)
                target.revoked = now
        else:
            _, recipient, purpose, cats = op
            result = sharing.share(person, recipient, purpose, cats, payload_for(cats), now=now)
            valid = [m for m in model if m.recipient == recipient and m.purpose == purpose
                     and set(cats) <= m.categories and m.valid(now)]
            if result.allowed:
                used = next(m for m in model if m.id == result.consent_id)
                assert used in valid, "a share was allowed without a consent valid at that moment"
                if used.single_use:
                    used.used = True
                assert set(result.payload) == set(cats)  # exactly what was asked and covered
                allowed_kinds.add(KIND[recipient])
            else:
                assert not valid, f"refused ({result.reason}) although a valid consent existed"
                assert result.payload is None
    assert sharing.violations(person) == []
    assert sharing.shared_recipient_kinds(person) == allowed_kinds
    log = sharing.log_for_person(person)
    assert len(log) == sum(1 for op in ops if op[0] == "share")


@PROPERTY_SETTINGS
@given(notice=st.sampled_from(sorted(NOTICES)), days=st.integers(1, 400),
       revoke_after=st.integers(0, 60 * 24 * 30), share_after=st.lists(st.integers(0, 60 * 24 * 400), min_size=1, max_size=4))
def test_revoke_then_share_is_always_refused(consents: ConsentService, notice, days, revoke_after, share_after):
    sharing = Sharing(consents)
    person = f"p-{uuid.uuid4().hex[:10]}"
    recipient, purpose, cats = NOTICES[notice]
    c = consents.give(person, notice, duration_days=days, now=T0)
    revoked_at = T0 + timedelta(minutes=revoke_after)
    if revoked_at < c.expires_at:
        consents.revoke(person, c.id, now=revoked_at)
    for minutes in sorted(share_after):
        result = sharing.share(person, recipient, purpose, cats, payload_for(cats),
                               now=revoked_at + timedelta(minutes=minutes))
        assert not result.allowed
        assert result.reason in ("consent_revoked", "consent_expired")
    assert sharing.violations(person) == []


def test_refusal_reasons_and_log_hold_ids_only(consents: ConsentService):
    sharing = Sharing(consents)
    person = "p-reasons"
    r = sharing.share(person, "demo-coach", "career_coaching", ["profile"], {"profile": {"name": "Alice Martin"}}, now=T0)
    assert (r.allowed, r.reason) == (False, "no_consent")
    c = consents.give(person, "demo-coach:career_coaching:v1", ["plan"], now=T0)
    r = sharing.share(person, "demo-coach", "career_coaching", ["profile"], {"profile": {"name": "Alice Martin"}}, now=T0)
    assert (r.allowed, r.reason) == (False, "categories_not_covered")
    r = sharing.share(person, "demo-coach", "career_coaching", ["plan"], {"plan": {"target": "nurse"}, "profile": {"name": "Alice Martin"}}, now=T0)
    assert r.allowed and r.payload == {"plan": {"target": "nurse"}} and r.consent_id == c.id
    consents.revoke(person, c.id, now=T0 + timedelta(seconds=1))
    r = sharing.share(person, "demo-coach", "career_coaching", ["plan"], {"plan": {}}, now=T0 + timedelta(seconds=1))
    assert (r.allowed, r.reason) == (False, "consent_revoked")
    r = sharing.share(person, "nobody", "career_coaching", ["plan"], {}, now=T0)
    assert (r.allowed, r.reason) == (False, "unknown_recipient")
    dumped = repr([e.model_dump() for e in sharing.log_for_person(person)])
    assert "Alice" not in dumped and "nurse" not in dumped
    assert [e.outcome.value for e in sharing.log_for_recipient("demo-coach") if e.person_id == person] == \
        ["refused", "refused", "allowed", "refused"]
