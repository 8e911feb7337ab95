"""Accounts: no demo counsellor or demo recipient unless the operator asks for demo mode; real
counsellor accounts from `orient counsellor`; login attempts rate-limited per account and per
address; the console cookie Secure whenever the public URL is https."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

import httpx
from security_app import app_factory, shared_tiny  # noqa: F401  (fixtures)

DEMO = {"username": "demo-counsellor", "password": "demo-password"}


def orient(storage: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """``orient counsellor ...`` out of demo mode, through the CLI's main() in this process (its
    imports shared with the session), with ``stdin`` as standard input."""
    from channels.cli import main

    out, err = io.StringIO(), io.StringIO()
    with (mock.patch.dict(os.environ, {"ORIENT_DEMO": "false"}), mock.patch.object(sys, "stdin", io.StringIO(stdin)),
          redirect_stdout(out), redirect_stderr(err)):
        try:
            code = main(["--storage-dir", str(storage), "counsellor", *args])
        except SystemExit as ended:  # as the interpreter ends the process: a message to stderr and status 1
            if isinstance(ended.code, str):
                print(ended.code, file=sys.stderr)
            code = ended.code if isinstance(ended.code, int) else int(ended.code is not None)
    return subprocess.CompletedProcess(["orient", "counsellor", *args], code, out.getvalue(), err.getvalue())


def test_no_demo_account_or_recipient_by_default(app_factory):  # noqa: F811
    live = app_factory(demo=False)
    with httpx.Client(base_url=live.url, timeout=60) as client:
        assert client.post("/api/console/login", json=DEMO).status_code == 401
        recipients = client.get("/api/consent/recipients").json()
        assert not [r for r in recipients if r["id"].startswith("demo-") or r.get("demo")], recipients
        page = client.get("/console").text
        assert "demo-password" not in page and "demo-counsellor" not in page
        assert "demo-notice" not in client.get("/").text


def test_demo_mode_is_asked_for_and_said(app_factory, tmp_path):  # noqa: F811
    storage = tmp_path / "var"
    live = app_factory(storage=storage, demo=True)
    with httpx.Client(base_url=live.url, timeout=60) as client:
        assert client.post("/api/console/login", json=DEMO).status_code == 200
        assert any(r["id"] == "demo-coach" for r in client.get("/api/consent/recipients").json())
        assert "demo-password" in client.get("/console").text  # the login page says it is a demo
        assert 'id="demo-notice"' in client.get("/").text and "Demo" in client.get("/").text
        assert "Démonstration" in client.get("/", params={"lang": "fr"}).text
    live.stop()
    # the same stores restarted without demo mode: the demo account no longer logs in
    restarted = app_factory(storage=storage, demo=False)
    with httpx.Client(base_url=restarted.url, timeout=60) as client:
        assert client.post("/api/console/login", json=DEMO).status_code == 401
        assert not [r for r in client.get("/api/consent/recipients").json() if r["id"].startswith("demo-")]
    restarted.stop()
    again = app_factory(storage=storage, demo=True)  # and back on demand
    with httpx.Client(base_url=again.url, timeout=60) as client:
        assert client.post("/api/console/login", json=DEMO).status_code == 200
        assert any(r["id"] == "demo-coach" for r in client.get("/api/consent/recipients").json())


def test_counsellor_accounts_from_the_command_line(app_factory, tmp_path):  # noqa: F811
    storage = tmp_path / "var"
    live = app_factory(storage=storage, demo=False)
    created = orient(storage, "create", "ada", "--name", "Ada Martin", "--password-stdin",
                     stdin="correct horse battery\n")
    assert created.returncode == 0, created.stderr
    assert "Created counsellor ada" in created.stdout
    assert orient(storage, "create", "ada", "--name", "Again", "--password-stdin", stdin="another long pass\n").returncode != 0
    short = orient(storage, "create", "bob", "--name", "Bob", "--password-stdin", stdin="short\n")
    assert short.returncode != 0 and "at least 12 characters" in short.stderr
    unknown = orient(storage, "create", "cy", "--name", "Cy", "--recipient", "nobody", "--password-stdin",
                     stdin="a long enough password\n")
    assert unknown.returncode != 0 and "no consent recipient" in unknown.stderr
    generated = orient(storage, "create", "dee", "--name", "Dee", "--generate-password")
    assert generated.returncode == 0
    dee_password = generated.stdout.split("Password (shown once): ")[1].strip()
    listed = orient(storage, "list").stdout
    assert "ada" in listed and "Ada Martin" in listed and "dee" in listed and "disabled" not in listed
    assert "correct horse" not in listed and "scrypt" not in listed

    with httpx.Client(base_url=live.url, timeout=60) as client:
        assert client.post("/api/console/login", json={"username": "dee", "password": dee_password}).status_code == 200
        login = client.post("/api/console/login", json={"username": "ada", "password": "correct horse battery"})
        assert login.status_code == 200 and login.json()["display_name"] == "Ada Martin"
        assert client.get("/api/console/me").status_code == 200
        disabled = orient(storage, "disable", "ada")
        assert disabled.returncode == 0, disabled.stderr
        assert client.get("/api/console/me").status_code == 401  # the open session is closed
        assert client.post("/api/console/login", json={"username": "ada", "password": "correct horse battery"}).status_code == 401
    assert "[disabled]" in [line for line in orient(storage, "list").stdout.splitlines() if line.startswith("ada")][0]
    assert orient(storage, "disable", "nobody").returncode != 0


def test_login_attempts_are_limited_per_account_and_per_address(app_factory, tmp_path):  # noqa: F811
    live = app_factory(demo=True, failed_logins_per_account_per_minute=3, failed_logins_per_minute=6)
    services = live.services
    for name in ("victim", "other", "third"):
        services.counsellors.create(name, "the right password", name.title())
    with httpx.Client(base_url=live.url, timeout=60) as client:
        def login(user: str, password: str) -> httpx.Response:
            return client.post("/api/console/login", json={"username": user, "password": password})

        codes = []
        for _ in range(7):  # guessing one account's password
            codes.append(login("victim", "guess").status_code)
            if codes[-1] == 429:
                break
        assert codes[-1] == 429 and 3 <= codes.index(429) <= 6, codes
        refused = login("victim", "the right password")  # even the right password waits now
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.json()["error"] == "too_many_login_attempts"
        # the address is limited too: guessing several accounts from it
        codes = [login(name, "guess").status_code for name in ("other", "third", "other", "third", "other", "third")]
        assert 429 in codes, codes
        assert login("demo-counsellor", "demo-password").status_code == 429


def test_console_cookie_is_secure_behind_an_https_public_url(app_factory, tmp_path):  # noqa: F811
    secure = app_factory(storage=tmp_path / "a", demo=True, public_url="https://orient.example.org")
    answer = httpx.post(f"{secure.url}/api/console/login", json=DEMO, timeout=60)
    cookie = answer.headers["set-cookie"]
    assert answer.status_code == 200 and "orient_console=" in cookie
    assert "secure" in cookie.lower() and "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    plain = app_factory(storage=tmp_path / "b", demo=True)
    cookie = httpx.post(f"{plain.url}/api/console/login", json=DEMO, timeout=60).headers["set-cookie"]
    assert "secure" not in cookie.lower()  # a local http server: a Secure cookie would never come back
