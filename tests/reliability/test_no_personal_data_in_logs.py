"""No personal data in logs: a whole conversation full of a person's details (name, e-mail, phone,
employer, town), with the optional LLM path on, a CV-like message, a too-long message, an export,
a consent step and an erase request, through the session's cluster, whose workers' every log line
is captured (conftest.CAPTURED_LOGS: access log, uvicorn, our own packages at DEBUG, everything else
at INFO). None of the details appears in any line they logged since they started."""

from __future__ import annotations

import re
import time

import httpx
import pytest

pytestmark = pytest.mark.integration

NAME = "Jeanne Quillivic-Abernathy"
EMAIL = "jeanne.quillivic@example.org"
PHONE = "+33 6 71 82 93 04"
EMPLOYER = "Boulangerie Zéphyrine"
TOWN = "Plougastel-Daoulas"
SECRETS = [NAME, "Quillivic", EMAIL, "jeanne.quillivic", PHONE, "6 71 82 93 04", "671829304", EMPLOYER, "Zéphyrine", TOWN]

MESSAGES = [
    f"Hello, I am {NAME}, my e-mail is {EMAIL} and my phone {PHONE}",
    f"I worked three years at {EMPLOYER} in {TOWN}: baking bread, serving customers and handling the till",
    f"I also trained apprentices at {EMPLOYER}. Call me on {PHONE} if needed",
]

def _answer(reply: dict, step: int) -> str:
    kind = reply["expecting"]
    quick = [q["value"] for q in reply.get("quick_replies", [])]
    if kind == "language":
        return "en"
    if kind == "processing_consent":
        return "yes"
    if kind == "experience":
        return MESSAGES[1] if step < 6 else "no, that's all"
    if kind == "experience_detail":
        return MESSAGES[2] if step < 8 else "no, that's all"
    if kind == "skill_confirmation":
        return "all"
    if kind == "interests":
        return f"I like helping people; write to {EMAIL}"
    if kind == "preferences":
        return f"full time, near {TOWN}"
    if kind == "target_choice":
        return quick[0] if quick else "the first one"
    if kind == "share_consent":
        return "yes" if step % 2 else "no"
    return "no, that's all"


def _settled(pool) -> str:
    """The workers' logs once they stop growing (a request's last lines may follow its response)."""
    logs = pool.logs()
    for _ in range(40):
        time.sleep(0.5)
        logs, before = pool.logs(), logs
        if logs == before:
            break
    return logs


def _errors(pool) -> str:
    """The workers' error lines and tracebacks (what a failed turn logged), for the failure message."""
    lines = _settled(pool).splitlines()
    at = [i for i, line in enumerate(lines) if " ERROR " in line]
    return "\n".join(lines[at[0]:at[0] + 60]) if at else "no error logged"


def test_a_whole_conversation_leaves_no_personal_data_in_logs(live_cluster, slow_llm) -> None:
    pool = live_cluster
    llm_calls = slow_llm.calls
    with httpx.Client(base_url=pool.urls[0], timeout=120) as client:
        started = client.post("/api/conversations", json={})
        assert started.status_code == 201
        cid, reply = started.json()["conversation_id"], started.json()["reply"]
        sent = client.post(f"/api/conversations/{cid}/messages", json={"text": MESSAGES[0]})
        assert sent.status_code == 200
        reply = sent.json()["reply"]
        for step in range(30):
            if reply.get("finished") or reply["expecting"] == "end":
                break
            response = client.post(f"/api/conversations/{cid}/messages", json={"text": _answer(reply, step)})
            if response.status_code != 200:  # the whole of what the workers logged, not pytest's shortened repr
                pytest.fail(f"{response.status_code} at {reply['expecting']}: {response.text}\n{_errors(pool)}", pytrace=False)
            reply = response.json()["reply"]
        # error paths carry the details too
        too_long = client.post(f"/api/conversations/{cid}/messages", json={"text": (MESSAGES[0] + " ") * 200})
        assert too_long.status_code == 413
        bad = client.post(f"/api/conversations/{cid}/messages", json={"text": MESSAGES[0], "client_message_id": EMAIL})
        assert bad.status_code == 422
        assert client.get(f"/api/conversations/{cid}").status_code == 200
        for fmt in ("json", "jsonld", "html", "pdf"):
            exported = client.get(f"/api/conversations/{cid}/profile/export", params={"format": fmt})
            assert exported.status_code == 200, (fmt, exported.text[:300])
        asked = client.post(f"/api/conversations/{cid}/messages", json={"text": "what do you know about me?"})
        assert asked.status_code == 200
        erased = client.post(f"/api/conversations/{cid}/messages", json={"text": "delete all my data"})
        assert erased.status_code == 200
        client.post(f"/api/conversations/{cid}/messages", json={"text": "yes"})
    logs = _settled(pool)
    assert slow_llm.calls > llm_calls, "the LLM path was not exercised"
    assert re.search(r"INFO|DEBUG|WARNING", logs), "nothing was logged: the capture does not work"
    assert "POST /api/conversations" in logs  # the access log is in the capture
    leaks = [secret for secret in SECRETS if secret.lower() in logs.lower()]
    assert leaks == [], f"personal data in logs: {leaks}\n" + "\n".join(
        line for line in logs.splitlines() if any(s.lower() in line.lower() for s in leaks))[:3000]
