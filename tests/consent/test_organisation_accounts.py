"""Organisation accounts and keys (SQLite and PostgreSQL), the token bucket, and the `orient org` CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from channels.cli import main
from channels.services import Services
from channels.settings import Settings
from tools.consent import ConsentService, RecipientKind
from tools.organisations import AuthError, OrganisationService, Scope, TokenBucketLimiter


def test_keys_hashed_scoped_and_revocable(consents: ConsentService):
    orgs = OrganisationService(consents)
    org = orgs.create("Région Test", "statistics", contact="dpo@region.example")
    recipient = consents.recipient(org.recipient_id)
    assert recipient.kind == RecipientKind.statistics and not recipient.demo
    assert recipient.notices[0].controller.contact == "dpo@region.example"
    created = orgs.create_key(org.id, [Scope.statistics_read], rate_per_minute=50)
    principal = orgs.authenticate(created.key, Scope.statistics_read)
    assert principal.organisation.id == org.id and principal.key.scopes == [Scope.statistics_read]
    with pytest.raises(AuthError) as e:
        orgs.authenticate(created.key, Scope.profiles_read)
    assert e.value.code == "missing_scope"
    for forged in ("", "nope", created.key[:-1] + ("A" if created.key[-1] != "A" else "B"), "ok_x_y"):
        with pytest.raises(AuthError):
            orgs.authenticate(forged)
    orgs.revoke_key(created.info.id)
    with pytest.raises(AuthError) as e:
        orgs.authenticate(created.key)
    assert e.value.code == "revoked_key"
    # linking to an existing recipient of another kind is refused
    with pytest.raises(ValueError):
        orgs.create("Wrong", "employer", recipient_id="demo-coach")
    linked = orgs.create("Coach Co", "coach", recipient_id="demo-coach")
    assert linked.recipient_id == "demo-coach"


def test_token_bucket_refills_over_time():
    now = [0.0]
    limiter = TokenBucketLimiter(clock=lambda: now[0])
    assert [limiter.allow("k", 60)[0] for _ in range(60)] == [True] * 60
    allowed, wait = limiter.allow("k", 60)
    assert not allowed and wait == pytest.approx(1.0)
    now[0] += 1.0  # 60/min = one token a second
    assert limiter.allow("k", 60)[0]
    assert not limiter.allow("k", 60)[0]
    assert limiter.allow("other", 60)[0]  # buckets are per key
    now[0] += 3600
    assert [limiter.allow("k", 60)[0] for _ in range(61)].count(True) == 60  # burst capped at the rate


def test_cli_creates_an_org_with_custom_notices_and_a_working_key(tmp_path: Path, capsys):
    notices = tmp_path / "notices.yaml"
    notices.write_text(
        "- purpose: recruitment\n"
        "  data_categories: [profile, skills]\n"
        "  why: {en: We read your profile to propose jobs., fr: Nous lisons votre profil.}\n"
        "  retention_days: 90\n"
        "  consent_duration_days: 60\n"
        "  controller: {name: Real Employer SA, contact: dpo@real.example}\n", encoding="utf-8")
    storage = tmp_path / "var"
    assert main(["--storage-dir", str(storage), "org", "create", "--name", "Real Employer", "--kind", "employer",
                 "--notices", str(notices), "--scopes", "profiles:read"]) == 0
    out = capsys.readouterr().out
    key = re.search(r"API key \(shown once, store it now\): (\S+)", out).group(1)
    services = Services(Settings(storage_dir=storage))
    principal = services.organisations.authenticate(key, Scope.profiles_read)
    recipient = services.consents.recipient(principal.organisation.recipient_id)
    assert [(n.purpose, n.retention_days, n.controller.name) for n in recipient.notices] == [
        ("recruitment", 90, "Real Employer SA")]
    assert main(["--storage-dir", str(storage), "org", "list"]) == 0
    assert "Real Employer" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("- purpose: x\n  why: 3\n", encoding="utf-8")
    with pytest.raises(SystemExit) as e:
        main(["--storage-dir", str(storage), "org", "create", "--name", "B", "--kind", "employer", "--notices", str(bad)])
    assert "notice #1 is invalid" in str(e.value)


def test_consent_benchmark_command_reports_and_leaves_nothing(tmp_path: Path, capsys):
    import json

    out = tmp_path / "bench.json"
    assert main(["--storage-dir", str(tmp_path / "var"), "bench", "consent", "--n", "3", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["n"] == 3 and report["backend"] == "sqlite"
    for op in ("give", "share_allowed", "share_refused", "revoke", "verify_receipt"):
        assert 0 <= report[op]["p50_ms"] <= report[op]["p95_ms"]
    services = Services(Settings(storage_dir=tmp_path / "var"))
    assert services.sharing.log_for_recipient("demo-coach") == []
