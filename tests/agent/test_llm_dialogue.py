"""The LLM path inside the dialogue, against the local fake OpenAI-compatible server: what the
model extracts is used, skills it names are grounded in ESCO (an unknown one is never proposed),
and a failing model leaves the offline path untouched."""

from __future__ import annotations

import dataclasses

import pytest
from chat_driver import Chat
from langgraph.checkpoint.memory import InMemorySaver

from agent.graph import build_graph
from agent.llm import LLMClient
from agent.reply import Expecting

pytestmark = pytest.mark.integration

STORY = "I worked 2 years as a cashier in a supermarket. I took payments and helped customers."


@pytest.fixture
def llm_chat(agent_context, fake_openai, request):
    fake_openai.mode = "json"
    fake_openai.answers.clear()
    context = dataclasses.replace(agent_context, llm=LLMClient(fake_openai.base_url, "k", "fake", timeout_s=10.0))
    return Chat(build_graph(InMemorySaver()), context, f"t-llm-{request.node.name[:30]}", hints={"persona": "jobseeker"})


def test_llm_extraction_and_grounded_skills(llm_chat, fake_openai):
    fake_openai.answers += [
        {"title": "Supermarket cashier", "kind": "paid", "organisation": "Supermarket", "duration_months": 30},
        {"skills": [{"label": "operate cash register", "evidence": "took payments"},
                    {"label": "quantum juggling", "evidence": "helped customers"}]},
    ]
    llm_chat.run("hello", "en", "yes", STORY)
    experience = llm_chat.profile().experiences[0]
    assert experience.title == "Supermarket cashier" and experience.period.duration_months == 30
    reply = llm_chat.say("nothing else")
    assert reply.expecting == Expecting.skill_confirmation
    titles = [c.title for c in reply.cards if c.kind == "skill"]
    assert titles[0] == "operate cash register"
    assert "quantum juggling" not in titles
    assert len(titles) > 1  # the offline proposals are still there


def test_llm_timeout_falls_back_to_offline(llm_chat, fake_openai):
    fake_openai.mode = "slow"
    llm_chat.context.llm.timeout_s = 1.0  # the fake answers after 3 s
    llm_chat.run("hello", "en", "yes")
    reply = llm_chat.say(STORY)
    assert reply.expecting == Expecting.experience_detail
    assert llm_chat.profile().experiences[0].period.duration_months == 24  # offline parsing
    reply = llm_chat.say("nothing else")
    assert reply.expecting == Expecting.skill_confirmation and any(c.kind == "skill" for c in reply.cards)
    assert llm_chat.context.llm.failures == 2
