"""The eval-case schema (../shared/evals/README.md) as pydantic models, and loading a folder of
YAML cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class Interjection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    after: int | None = Field(default=None, ge=1)
    on: str | None = None
    nth: int = Field(default=1, ge=1)

    @model_validator(mode="before")
    @classmethod
    def _yaml_on(cls, data: Any) -> Any:
        """YAML 1.1 reads an unquoted ``on:`` key as the boolean True."""
        if isinstance(data, dict) and True in data:
            data = {("on" if k is True else k): v for k, v in data.items()}
        return data

    @model_validator(mode="after")
    def _when(self) -> Interjection:
        if self.after is None and self.on is None:
            raise ValueError("an interjection needs 'after: N' or 'on: KIND'")
        return self


class SkillAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    accept: list[str] = Field(default_factory=list)
    reject: list[str] = Field(default_factory=list)


class SkillSay(BaseModel):
    """Free text instead of buttons: at the k-th skill confirmation the user types ``say[k]``; once
    ``say`` is used up (and when the agent shows the same confirmation again) it answers as ``then``."""

    model_config = ConfigDict(extra="forbid")

    say: list[str] = Field(min_length=1)
    then: Literal["accept_all", "reject_all"] | SkillAnswer = "accept_all"


class ScriptedUserSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    greeting: str = "hello"
    processing_consent: str = "yes"
    experiences: list[str] = Field(default_factory=list)
    details: list[str] = Field(default_factory=list)
    no_more: str | None = None
    skill_confirmation: Literal["accept_all", "reject_all"] | SkillAnswer | SkillSay = "accept_all"
    interests: str = ""
    preferences: str = ""
    target: str = "first"
    consent: dict[str, str] = Field(default_factory=dict)
    free: list[str] = Field(default_factory=list)
    interjections: list[Interjection] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _yaml_booleans(cls, data: Any) -> Any:
        """Unquoted yes/no/on/off in YAML 1.1 are booleans: the person said "yes" or "no"."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if isinstance(data.get("processing_consent"), bool):
            data["processing_consent"] = "yes" if data["processing_consent"] else "no"
        if isinstance(data.get("consent"), dict):
            data["consent"] = {str(k): ("yes" if v else "no") if isinstance(v, bool) else str(v)
                               for k, v in data["consent"].items()}
        for key in ("experiences", "details", "free"):
            if isinstance(data.get(key), list):
                data[key] = [("yes" if v else "no") if isinstance(v, bool) else str(v) for v in data[key]]
        for key in ("greeting", "interests", "preferences", "target", "no_more"):
            if isinstance(data.get(key), bool):
                data[key] = "yes" if data[key] else "no"
        return data


class Expectations(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_turns: int = Field(default=40, ge=1)
    finished: bool | None = None
    skills_include_any: list[str] = Field(default_factory=list)
    skills_min_hits: int = Field(default=1, ge=0)
    skills_exclude: list[str] = Field(default_factory=list)
    skills_exclude_matching: list[str] = Field(default_factory=list)
    skills_acceptable: list[str] = Field(default_factory=list)
    skills_precision_min: float | None = Field(default=None, ge=0, le=1)
    occupations_include_any: list[str] = Field(default_factory=list)
    occupations_exclude: list[str] = Field(default_factory=list)
    trainings_min: int | None = None
    trainings_cover_gap: bool | None = None
    gap_nonempty: bool | None = None
    gap_have_min: int | None = Field(default=None, ge=0)
    shared_only_with: list[str] | None = None
    no_share_without_consent: bool | None = None
    language_consistent: bool | None = None
    data_erased: bool | None = None


class EvalCase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    description: str = ""
    tags: list[str] = Field(default_factory=list)
    language: Literal["en", "fr"] = "en"
    persona: str | None = None
    user: ScriptedUserSpec = Field(default_factory=ScriptedUserSpec)
    expect: Expectations = Field(default_factory=Expectations)
    source: str = ""
    problems: list[str] = Field(default_factory=list)  # schema errors: the case fails with them, never skipped

    @property
    def no_more(self) -> str:
        return self.user.no_more or ("non, c'est tout" if self.language == "fr" else "no, that's all")


class CaseError(ValueError):
    pass


def load_case(path: Path) -> EvalCase:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CaseError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise CaseError(f"{path}: a case is a YAML mapping")
    data.setdefault("id", path.stem)
    try:
        case = EvalCase.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(error) for error in exc.errors()]
        if not all(e["type"] == "extra_forbidden" for e in exc.errors()):
            raise CaseError(f"{path}: " + "; ".join(problems)) from exc
        # unknown keys: the case still loads, and fails with a clear message when run
        case = EvalCase.model_validate(_without(data, [e["loc"] for e in exc.errors()]))
        case.problems = problems
    except ValueError as exc:
        raise CaseError(f"{path}: {exc}") from exc
    case.source = str(path)
    return case


def _problem(error: dict) -> str:
    where = ".".join(str(p) for p in error["loc"] if not isinstance(p, int) and not str(p).startswith(("function-", "literal[")))
    if error["type"] == "extra_forbidden":
        section = where.rsplit(".", 1)[0] if "." in where else "case"
        return f"unknown key '{where.rsplit('.', 1)[-1]}' in {section} (not in the eval schema: ../shared/evals/README.md)"
    return f"{where}: {error['msg']}"


def _without(data: Any, locations: list[tuple]) -> Any:
    """``data`` without the keys at ``locations`` (pydantic error locations)."""
    import copy

    out = copy.deepcopy(data)
    for loc in locations:
        node = out
        path = [p for p in loc if not str(p).startswith(("function-", "literal["))]
        for key in path[:-1]:
            if isinstance(node, dict) and key in node:
                node = node[key]
            elif isinstance(node, list) and isinstance(key, int) and key < len(node):
                node = node[key]
            else:
                node = None
                break
        if isinstance(node, dict):
            node.pop(path[-1], None)
    return out


def load_cases(folder: Path) -> list[EvalCase]:
    folder = Path(folder)
    if not folder.is_dir():
        raise CaseError(f"no such folder of cases: {folder}")
    paths = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    if not paths:
        raise CaseError(f"no .yaml case in {folder}")
    return [load_case(p) for p in paths]
