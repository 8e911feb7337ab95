"""The conversation graph: a router that reads each message into dialogue acts (agent/acts), one
node per dialogue phase and one per act it hands over to, wired by ``Command`` (each node says
where the turn goes next). One invocation = one turn.

    router ─┬─> welcome ─> experiences ─> experience_detail ─> skills ─> (experiences ...)
            │   ─> interests ─> preferences ─> moves ─> plan ─> sharing ─> wrapup
            └─> erase | export | about_me | revoke | injection | correction | go_back |
                reject_skill | switch_language | restart | help | off_topic | consent_rule |
                advice | change_target ─> (current phase)
"""

from __future__ import annotations

from langgraph.graph import START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Checkpointer

from agent.context import AgentContext
from agent.intents import IntentKind
from agent.nodes.about_me import about_me
from agent.nodes.advice import advice
from agent.nodes.change_target import change_target
from agent.nodes.consent_rule import consent_rule
from agent.nodes.correction import correction
from agent.nodes.erase import erase
from agent.nodes.experience_detail import experience_detail
from agent.nodes.experiences import experiences
from agent.nodes.export import export
from agent.nodes.go_back import go_back
from agent.nodes.help import help as help_node
from agent.nodes.injection import injection
from agent.nodes.interests import interests
from agent.nodes.moves import moves
from agent.nodes.new_experience import new_experience
from agent.nodes.off_topic import off_topic
from agent.nodes.plan import plan
from agent.nodes.preferences import preferences
from agent.nodes.reject_skill import reject_skill
from agent.nodes.restart import restart
from agent.nodes.revoke import revoke
from agent.nodes.router import router
from agent.nodes.sharing import sharing
from agent.nodes.skills import skills
from agent.nodes.switch_language import switch_language
from agent.nodes.welcome import welcome
from agent.nodes.wrapup import wrapup
from agent.state import AgentState

PHASE_NODES = {
    "welcome": welcome,
    "experiences": experiences,
    "experience_detail": experience_detail,
    "skills": skills,
    "interests": interests,
    "preferences": preferences,
    "moves": moves,
    "plan": plan,
    "sharing": sharing,
    "wrapup": wrapup,
}
INTENT_NODES = {
    IntentKind.erase: erase,
    IntentKind.export: export,
    IntentKind.about_me: about_me,
    IntentKind.revoke: revoke,
    IntentKind.injection: injection,
    IntentKind.correction: correction,
    IntentKind.go_back: go_back,
    IntentKind.reject_skill: reject_skill,
    IntentKind.switch_language: switch_language,
    IntentKind.restart: restart,
    IntentKind.help: help_node,
    IntentKind.off_topic: off_topic,
    IntentKind.consent_rule: consent_rule,
    IntentKind.advice: advice,
    IntentKind.change_target: change_target,
    IntentKind.new_experience: new_experience,
}
ALL_NODES = [*PHASE_NODES, *(kind.value for kind in IntentKind)]


def build_graph(checkpointer: Checkpointer = None) -> CompiledStateGraph[AgentState, AgentContext, AgentState, AgentState]:
    """The compiled graph; ``checkpointer`` keeps each conversation (thread) between turns."""
    builder = StateGraph(AgentState, context_schema=AgentContext)
    builder.add_node("router", router, destinations=tuple(ALL_NODES))
    intent_nodes = {kind.value: INTENT_NODES[kind] for kind in IntentKind}  # one node per intent kind, none left out
    for name, node in {**PHASE_NODES, **intent_nodes}.items():
        builder.add_node(name, node, destinations=tuple(n for n in ALL_NODES if n != name) + (name,))
    builder.add_edge(START, "router")
    return builder.compile(checkpointer=checkpointer)
