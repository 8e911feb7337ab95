"""One agent turn, the same for every channel: serialised per conversation (within a worker by a
thread lock, across workers by ``ConversationLocks``), recorded in the transcript, and idempotent
per client message id (a retried message returns the stored reply instead of running the agent
twice; nothing is lost, nothing is doubled). A turn that erased everything is not recorded: the
agent says so in its ``TurnOutcome``."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any, Protocol

from agent.reply import AgentReply, TurnOutcome
from tools.storage.conversation_locks import ConversationLocks
from tools.transcripts import TranscriptStore, TranscriptTurn


class ConversationAgent(Protocol):
    def turn(self, conversation_id: str, text: str | None, channel: str = "web",
             hints: dict[str, Any] | None = None) -> TurnOutcome: ...


@dataclass(frozen=True)
class SentTurn:
    """A message's turn, as the channel gets it."""

    reply: AgentReply
    replayed: bool = False  # given before for this client message id: the agent did not run again
    erased: bool = False  # the turn erased everything about the person: nothing of it is recorded


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
            reply = self.agent.turn(conversation_id, None, channel=channel, hints=hints or None).reply
            self.transcripts.append(conversation_id, None, reply, channel=channel, author=author,
                                    client_message_id=marker)
            return reply

    def send(
        self,
        conversation_id: str,
        text: str,
        channel: str,
        client_message_id: str | None = None,
        author: str = "person",
        must_exist: bool = True,
    ) -> SentTurn:
        """Runs one turn (or replays it from the transcript)."""
        with self._turn(conversation_id):
            if client_message_id:
                previous = self.transcripts.find(conversation_id, client_message_id)
                if previous is not None:
                    return SentTurn(AgentReply.model_validate(previous.reply), replayed=True)
            if must_exist and not self.transcripts.exists(conversation_id):
                raise ConversationNotFound(conversation_id)
            outcome = self.agent.turn(conversation_id, text, channel=channel)
            if outcome.erased:  # the transcript went with the rest: this turn is not written back
                return SentTurn(outcome.reply, erased=True)
            self.transcripts.append(
                conversation_id,
                text,
                outcome.reply,
                channel=channel,
                author=author,
                client_message_id=client_message_id,
            )
            return SentTurn(outcome.reply)

    def history(self, conversation_id: str) -> list[TranscriptTurn]:
        return self.transcripts.history(conversation_id)
