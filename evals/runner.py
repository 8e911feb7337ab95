"""Runs eval cases through the real agent, in process: one conversation per case driven by the
scripted user, then the checks on the real stores. Timings are per agent turn."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from agent.reply import AgentReply, Expecting
from evals.cases import EvalCase
from evals.checks import CheckResult, Observed, run_checks, skills_precision
from evals.scripted_user import ScriptedUser

FOLLOW_UP_TURNS = 6  # turns allowed to answer what the agent asks after the leftover interjections


@dataclass
class CaseResult:
    id: str
    passed: bool
    checks: list[CheckResult]
    turns: int
    wall_s: float
    turn_ms: list[float]
    transcript: list[dict[str, Any]] = field(default_factory=list)
    person_id: str = ""
    error: str | None = None
    skills_precision: float | None = None  # share of confirmed skills the case lists as right (None: it lists none)

    @property
    def failed_checks(self) -> list[str]:
        return [c.name for c in self.checks if not c.passed] + (["error"] if self.error else [])


@dataclass
class EvalEnvironment:
    """The real services a run needs: the agent and the stores the checks read."""

    agent: Any  # agent.runtime.Agent
    kb: Any
    catalog: Any  # tools.catalog.store.CatalogStore (course lookup)
    profiles: Any
    sharing: Any
    privacy: Any  # tools.privacy.ErasureRegistry (remaining items per store)


class EvalRunner:
    def __init__(self, env: EvalEnvironment):
        self.env = env

    def warm_up(self) -> None:
        """One short throwaway conversation, so that timings are measured warm; then erased."""
        person = f"eval-warmup-{uuid.uuid4().hex[:8]}"
        agent = self.env.agent
        for text in ("hello", "en", "yes", "I worked as a cashier for two years", "I also helped customers", "all"):
            agent.reply(person, text, channel="eval")
        agent.erase(person)

    def run_case(self, case: EvalCase) -> CaseResult:
        env = self.env
        person = f"eval-{case.id}-{uuid.uuid4().hex[:8]}"
        user = ScriptedUser(case)
        # What a channel knows before the first message: the page's language and, where the person picked
        # one on a landing page, their persona.
        hints = {"language": case.language, **({"persona": case.persona} if case.persona else {})}
        seen = Observed(person_id=person)
        transcript: list[dict[str, Any]] = []
        turn_ms: list[float] = []
        started = time.perf_counter()

        def send(text: str | None, interjection: bool = False) -> AgentReply:
            t0 = time.perf_counter()
            reply = env.agent.reply(person, text, channel="eval", hints=hints)
            ms = (time.perf_counter() - t0) * 1000
            turn_ms.append(ms)
            data = reply.model_dump(mode="json")
            seen.replies.append(data)
            transcript.append({"turn": len(transcript) + 1, "user": text, "interjection": interjection,
                               "agent": data, "ms": round(ms, 2)})
            self._observe(seen)
            return reply

        error = None
        turns = 1
        try:
            reply = send(case.user.greeting)
            while True:
                if reply.finished or reply.expecting == Expecting.end:
                    seen.finished = True
                    break
                if turns >= case.expect.max_turns:
                    break
                text = user.interjection(turns, reply)
                reply = send(text if text is not None else user.answer(reply), interjection=text is not None)
                turns += 1
            for text in user.leftovers():
                reply = send(text, interjection=True)
                extra = 0
                while not (reply.finished or reply.expecting == Expecting.end) and extra < FOLLOW_UP_TURNS:
                    reply = send(user.answer(reply))
                    extra += 1
            seen.remaining = env.privacy.remaining(person)
        except Exception as exc:  # noqa: BLE001  (recorded as the case's failure, with its type and message)
            error = f"{type(exc).__name__}: {exc}"
        checks = run_checks(case, seen, env.kb, env.catalog) if error is None else []
        if case.problems and error is not None:
            checks = [CheckResult("schema", False, "; ".join(case.problems))]
        passed = error is None and all(c.passed for c in checks)
        precision = None
        if error is None and (case.expect.skills_acceptable or case.expect.skills_include_any):
            value, _, total = skills_precision(case, seen.profile, env.kb)
            precision = round(value, 4) if total else None
        return CaseResult(id=case.id, passed=passed, checks=checks, turns=turns, wall_s=time.perf_counter() - started,
                          turn_ms=turn_ms, transcript=transcript, person_id=person, error=error,
                          skills_precision=precision)

    def _observe(self, seen: Observed) -> None:
        env = self.env
        profile = env.profiles.get(seen.person_id)
        if profile is not None:
            seen.profile = profile
        seen.shared_kinds |= {str(k) for k in env.sharing.shared_recipient_kinds(seen.person_id)}
        seen.violations.extend(v for v in env.sharing.violations(seen.person_id) if v not in seen.violations)
