"""``Agent``: the one call every channel makes. ``turn(conversation_id, text)`` runs one turn of
the graph on the conversation's checkpointed state and returns its ``TurnOutcome`` (the
``AgentReply``, and whether the turn erased everything: then the agent has erased every store);
``None`` text opens (or resumes) the conversation. ``reply`` is the reply alone."""

from __future__ import annotations

import logging
import time
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver

from agent.checkpointing import ConversationCheckpoints
from agent.context import AgentContext
from agent.graph import build_graph
from agent.reply import AgentReply, TurnOutcome
from agent.state import AgentState
from tools.profile import Profile

log = logging.getLogger(__name__)


class Agent:
    def __init__(self, context: AgentContext, checkpointer: BaseCheckpointSaver[str]):
        self.context = context
        self.checkpointer = checkpointer
        self.graph = build_graph(checkpointer)
        self.conversations = ConversationCheckpoints(checkpointer)

    def _config(self, conversation_id: str) -> RunnableConfig:
        return {"configurable": {"thread_id": conversation_id}}

    def reply(self, conversation_id: str, text: str | None = None, channel: str = "web",
              hints: dict[str, Any] | None = None) -> AgentReply:
        """One turn's reply (see :meth:`turn`)."""
        return self.turn(conversation_id, text, channel, hints).reply

    def turn(self, conversation_id: str, text: str | None = None, channel: str = "web",
             hints: dict[str, Any] | None = None) -> TurnOutcome:
        """One turn. ``hints`` are channel facts such as {"persona": "employee"} from a landing page."""
        if not conversation_id:
            raise ValueError("a conversation id is required")
        started = time.perf_counter()
        values: AgentState = {"conversation_id": conversation_id, "message": text, "channel": channel}
        if hints:
            values["hints"] = hints
        out = self.graph.invoke(values, self._config(conversation_id), context=self.context)
        reply = AgentReply.model_validate(out["reply"])  # the state holds it as JSON (a checkpoint)
        erased = bool(out.get("erase_now"))  # the erase node (or a refused consent) asked for it
        if erased:
            self.erase(conversation_id)
        log.debug("turn phase=%s expecting=%s erased=%s ms=%.1f", reply.phase, reply.expecting, erased,
                  (time.perf_counter() - started) * 1000)
        return TurnOutcome(reply=reply, erased=erased)

    def profile(self, conversation_id: str) -> Profile | None:
        return self.context.profiles.get(conversation_id)

    def state(self, conversation_id: str) -> dict[str, Any]:
        snapshot = self.graph.get_state(self._config(conversation_id))
        return dict(snapshot.values or {})

    def erase(self, conversation_id: str) -> None:
        """Erase everything about the person in every store: through the privacy registry when
        one is injected (it holds the conversation store too), else the stores the agent knows."""
        privacy = self.context.privacy
        if privacy is not None:
            privacy.erase_all(conversation_id)
            if self.conversations.count(conversation_id):
                self.conversations.erase(conversation_id)
            return
        self.context.profiles.erase(conversation_id)
        if self.context.sharing is not None:
            self.context.sharing.erase(conversation_id)
        if self.context.consents is not None:
            self.context.consents.erase(conversation_id)
        self.conversations.erase(conversation_id)
