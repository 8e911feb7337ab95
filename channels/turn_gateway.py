"""One agent turn, the same for every channel: serialised per conversation (within a worker by a
thread lock, across workers by ``ConversationLocks``), recorded in the transcript, and idempotent
per client message id (a retried message returns the stored reply instead of running the agent
twice; nothing is lost, nothing is doubled)."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any, Protocol

from agent.reply import AgentReply
from tools.storage.conversation_locks import ConversationLocks
from tools.transcripts import TranscriptStore, TranscriptTurn


class ConversationAgent(Protocol):
    def reply(self, conversation_id: str, text: str | None, channel: str = "web",
              hints: dict[str, Any] | None = None) -> AgentReply: ...


class ConversationNotFound(LookupError):
    pass


def new_conversation_id(prefix: str = "web") -> str:
    return f"{prefix}-{secrets.token_urlsafe(18)}"


class TurnGateway:
    def __init__(self, agent_factory: Callable[[], ConversationAgent], transcripts: TranscriptStore,
                 shared_locks: ConversationLocks | None = None):
        self._agent_factory = agent_factory
        self.transcripts = transcripts
        self.shared_locks = shared_locks
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    @property
    def agent(self) -> ConversationAgent:
        return self._agent_factory()

    def _lock(self, conversation_id: str) -> threading.Lock:
        with self._locks_guard:
            lock = self._locks.get(conversation_id)
            if lock is None:
                if len(self._locks) > 10_000:
                    self._locks = {k: v for k, v in self._locks.items() if v.locked()}
                lock = self._locks[conversation_id] = threading.Lock()
            return lock

    @contextmanager
    def _turn(self, conversation_id: str) -> Iterator[None]:
        """This conversation's turn: first among this worker's threads, then among all workers."""
        with self._lock(conversation_id):
            with self.shared_locks.hold(conversation_id) if self.shared_locks is not None else nullcontext():
                yield

    def exists(self, conversation_id: str) -> bool:
        return self.transcripts.exists(conversation_id)

    def start(self, conversation_id: str, channel: str, hints: dict[str, Any] | None = None,
              author: str = "person", marker: str | None = None) -> AgentReply:
        """The agent's first message (its greeting) in a new or resumed conversation; ``hints`` are
        channel facts such as ``{"persona": "employee"}`` from a landing page."""
        with self._turn(conversation_id):
            reply = self.agent.reply(conversation_id, None, channel=channel, hints=hints or None)
            self.transcripts.append(conversation_id, None, reply.model_dump(mode="json"), channel=channel,
                                    author=author, client_message_id=marker)
            return reply

    def send(
        self,
        conversation_id: str,
        text: str,
        channel: str,
        client_message_id: str | None = None,
        author: str = "person",
        must_exist: bool = True,
    ) -> tuple[AgentReply, bool]:
        """Runs one turn; returns the reply and whether it was replayed from the transcript."""
        with self._turn(conversation_id):
            if client_message_id:
                previous = self.transcripts.find(conversation_id, client_message_id)
                if previous is not None:
                    return AgentReply.model_validate(previous.reply), True
            existed = self.transcripts.exists(conversation_id)
            if must_exist and not existed:
                raise ConversationNotFound(conversation_id)
            reply = self.agent.reply(conversation_id, text, channel=channel)
            if existed and not self.transcripts.exists(conversation_id):
                # The person asked to erase everything and the agent did it in this turn: the
                # transcript is gone with the rest, and this turn is not written back.
                return reply, False
            self.transcripts.append(
                conversation_id,
                text,
                reply.model_dump(mode="json"),
                channel=channel,
                author=author,
                client_message_id=client_message_id,
            )
            return reply, False

    def history(self, conversation_id: str) -> list[TranscriptTurn]:
        return self.transcripts.history(conversation_id)
