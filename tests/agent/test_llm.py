"""The optional LLM path, against a local fake OpenAI-compatible server through the real
``openai`` client: valid JSON is parsed; timeouts, HTTP errors, malformed JSON and refusals all
fall back (``None``) within the time bound."""

from __future__ import annotations

import time

import pytest
from fake_openai import free_port

from agent.llm import ExperienceExtraction, LLMClient, SkillExtraction, build_llm


@pytest.fixture
def fake(fake_openai):
    return fake_openai


@pytest.fixture
def llm(fake):
    fake.mode = "json"
    fake.answers.clear()
    return LLMClient(fake.base_url, "test-key", "fake-model", timeout_s=10.0)


def test_no_endpoint_means_offline():
    assert build_llm("", "k", "m", 1.0) is None


def test_valid_json_is_parsed(fake, llm):
    fake.answers.append({"title": "Cashier", "kind": "paid", "organisation": "Supermarket", "duration_months": 24})
    found = llm.extract_experience("I worked 2 years as a cashier", "en")
    assert found == ExperienceExtraction(title="Cashier", kind="paid", organisation="Supermarket", duration_months=24)
    assert fake.requests[-1]["model"] == "fake-model"
    assert fake.requests[-1]["messages"][1]["content"] == "I worked 2 years as a cashier"


def test_unknown_kind_is_dropped(fake, llm):
    fake.answers.append({"title": "Cashier", "kind": "astronaut"})
    assert llm.extract_experience("cashier", "en").kind is None


def test_timeout_falls_back_quickly(fake, llm):
    fake.mode = "slow"  # answers after 3 s
    llm.timeout_s = 1.0
    started = time.perf_counter()
    assert llm.ask_json("sys", "user", SkillExtraction) is None
    assert time.perf_counter() - started < 2.5
    assert llm.failures == 1


@pytest.mark.parametrize("mode", ["malformed", "refusal", "error"])
def test_failures_fall_back(fake, llm, mode):
    fake.mode = mode
    assert llm.ask_json("sys", "user", SkillExtraction) is None
    assert llm.extract_experience("cashier", "en") is None


def test_schema_violation_falls_back(fake, llm):
    fake.answers.append({"skills": "not a list"})
    assert llm.ask_json("sys", "user", SkillExtraction) is None


def test_connection_refused_falls_back():
    client = LLMClient(f"http://127.0.0.1:{free_port()}/v1", "k", "m", timeout_s=1.0)
    assert client.ask_json("sys", "user", SkillExtraction) is None
