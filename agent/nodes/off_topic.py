"""Off-topic or side questions: a brief answer (who Orient is, what ESCO is, pay, how long it
takes, why it asks, whether something counts), then back to the pending question."""

from __future__ import annotations

import re

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.context import AgentContext
from agent.language import normalise
from agent.messages import say
from agent.node_commands import reask_compact
from agent.state import AgentState

FAQ: list[tuple[str, str]] = [
    (r"\b(who are you|qui es[- ]tu|qui etes[- ]vous|are you (a )?(human|robot|bot|ai|real)|es[- ]tu (un )?(humain|robot|ia)|"
     r"etes[- ]vous (un )?(humain|robot|ia)|tell me about yourself)\b", "off_topic_who"),
    (r"\besco\b|\brome\b|\bo\*?net\b", "off_topic_esco"),
    (r"\b(what is a skill|what are skills|what'?s a skill|c'?est quoi une competence|qu'?est[- ]ce qu'?une competence)\b", "off_topic_skill"),
    (r"\b(salary|salaries|pay|paid|wage|earn|salaire|paye|gagner|remuneration)\b", "off_topic_salary"),
    (r"\b(how long (will|does) (this|it) take|combien de temps|ca dure|how much time)\b", "off_topic_time"),
    (r"\b(why (do|are) you ask|pourquoi (tu|vous) (me )?demand|why does it matter|a quoi ca sert)\b", "off_topic_why"),
]
_COUNTS = re.compile(r"\b(does|do|is|est[- ]ce que|ca|cela)\b.*\b(count|counts|compte|valable|ok)\b")


def off_topic(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    lang = state.get("language") or "en"
    text = normalise(state.get("message") or "")
    answer = say("off_topic", lang)
    if _COUNTS.search(text):
        answer = say("off_topic_counts", lang)
    else:
        for pattern, key in FAQ:
            if re.search(pattern, text):
                answer = say(key, lang)
                break
    return reask_compact(state, answer)
