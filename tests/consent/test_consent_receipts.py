"""Receipts: Ed25519 key on disk (0600, persisted), TS 27560 fields, verification, tampering."""

from __future__ import annotations

import copy
import json
import os
import stat
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.consent import ConsentService, ReceiptSigner, verify_receipt
from tools.consent.signing import PRIVATE_KEY_FILE, PUBLIC_KEY_FILE

NOTICE = "demo-coach:career_coaching:v1"


def test_key_pair_is_generated_once_with_private_key_mode_0600(tmp_path: Path):
    first = ReceiptSigner.from_key_dir(tmp_path / "keys")
    mode = stat.S_IMODE(os.stat(tmp_path / "keys" / PRIVATE_KEY_FILE).st_mode)
    assert mode == 0o600
    second = ReceiptSigner.from_key_dir(tmp_path / "keys")
    assert first.key_id == second.key_id
    assert (tmp_path / "keys" / PUBLIC_KEY_FILE).read_text() == first.public_key_pem()
    receipt = first.sign({"schema_version": "x", "a": 1})
    assert verify_receipt(receipt, second.public_key_pem())


def test_every_change_yields_a_signed_ts27560_receipt(sqlite_consents: ConsentService):
    c = sqlite_consents.request("person-r1", NOTICE, ["profile", "plan"], duration_days=30)
    sqlite_consents.grant("person-r1", c.id)
    sqlite_consents.revoke("person-r1", c.id)
    receipts = sqlite_consents.receipts("person-r1", c.id)
    assert [r["event"]["event_type"] for r in receipts] == ["requested", "granted", "revoked"]
    pem = sqlite_consents.public_key_pem()
    for r in receipts:
        assert verify_receipt(r, pem)
        for field in ("schema_version", "receipt_id", "record_id", "pii_principal_id", "jurisdiction",
                      "pii_controllers", "purposes", "pii_categories", "recipient", "notice", "event",
                      "consent_status", "timestamps", "proof"):
            assert field in r, field
        assert r["notice"]["notice_id"] == NOTICE
        assert r["pii_categories"] == ["profile", "plan"]
        assert r["recipient"]["id"] == "demo-coach" and r["recipient"]["demo"] is True
        assert r["purposes"][0]["purpose_id"] == "career_coaching"
    granted = receipts[1]
    assert granted["consent_status"] == "granted"
    assert granted["validity"]["duration"] == "P30D"
    assert receipts[2]["timestamps"]["revoked"] is not None
    # a third party needs only the JSON and the public key
    assert verify_receipt(json.loads(json.dumps(receipts[1])), pem.encode())


def test_receipt_from_another_key_fails(sqlite_consents: ConsentService):
    c = sqlite_consents.give("person-r2", NOTICE)
    receipt = sqlite_consents.latest_receipt("person-r2", c.id)
    other = Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert not verify_receipt(receipt, other)
    unsigned = {k: v for k, v in receipt.items() if k != "proof"}
    assert not verify_receipt(unsigned, sqlite_consents.public_key_pem())


def _paths(value, prefix=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))
    else:
        yield prefix


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_tampering_of_a_receipt_fails_verification(sqlite_consents: ConsentService, data):
    person = data.draw(st.from_regex(r"person-[a-z0-9]{1,12}", fullmatch=True))
    c = sqlite_consents.give(person, NOTICE)
    receipt = sqlite_consents.latest_receipt(person, c.id)
    pem = sqlite_consents.public_key_pem()
    assert verify_receipt(receipt, pem)
    leaves = [p for p in _paths(receipt) if p and p[0] != "proof"]
    path = data.draw(st.sampled_from(leaves))
    tampered = copy.deepcopy(receipt)
    node = tampered
    for key in path[:-1]:
        node = node[key]
    old = node[path[-1]]
    new = data.draw(st.one_of(st.text(max_size=12), st.integers(), st.booleans(), st.none())
                    .filter(lambda v: v != old or type(v) is not type(old)))
    node[path[-1]] = new
    assert not verify_receipt(tampered, pem)


def test_rotated_keys_still_verify_older_receipts(tmp_path: Path, sqlite_database, capsys):
    from channels.cli import main
    from tools.consent.signing import rotate_key

    key_dir = tmp_path / "var" / "keys"
    consents = ConsentService(sqlite_database, ReceiptSigner.from_key_dir(key_dir))
    old = consents.latest_receipt("p-rot", consents.give("p-rot", NOTICE).id)
    old_file = tmp_path / "old.json"
    old_file.write_text(json.dumps(old))
    new_signer = rotate_key(key_dir)
    assert new_signer.key_id != old["proof"]["verification_method"]
    assert stat.S_IMODE(os.stat(key_dir / PRIVATE_KEY_FILE).st_mode) == 0o600
    rotated = ConsentService(sqlite_database, ReceiptSigner.from_key_dir(key_dir))
    new = rotated.latest_receipt("p-rot", rotated.give("p-rot", NOTICE).id)
    assert rotated.verify(old) and rotated.verify(new)
    assert not verify_receipt(old, rotated.public_key_pem())  # the old receipt names the retired key
    tampered = dict(old, state="revoked")
    assert not rotated.verify(tampered)
    # the CLI: as the installation (any known key) and as a third party (one given key)
    assert main(["--storage-dir", str(tmp_path / "var"), "consent", "verify", str(old_file)]) == 0
    pem = tmp_path / "current.pem"
    pem.write_text(rotated.public_key_pem())
    assert main(["--storage-dir", str(tmp_path / "var"), "consent", "verify", str(old_file), "--public-key", str(pem)]) == 1
    assert "NOT valid" in capsys.readouterr().out
    assert main(["--storage-dir", str(tmp_path / "var"), "consent", "public-key"]) == 0
    assert capsys.readouterr().out == rotated.public_key_pem()
