"""Typed dialogue acts and the context a message is read in."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class ActKind(StrEnum):
    # answers to the question on screen
    yes = "yes"
    no = "no"
    done = "done"  # "that's all", "i just said": nothing more to add
    answer = "answer"  # content answering the current question (an experience, a detail, interests...)
    # skills on screen
    keep_all = "keep_all"
    reject_all = "reject_all"
    keep_skills = "keep_skills"  # only these (items)
    remove_skills = "remove_skills"  # these items, and/or skills named in free words (names)
    add_skill = "add_skill"  # a skill in the person's words (text)
    rename_skill = "rename_skill"  # the skill at items[0] is rather what text says ("3 is more like forklift driving")
    # facts and choices
    correct_fact = "correct_fact"  # field: duration | title | place | skill; value / months
    change_target = "change_target"  # text: the job they want instead
    new_experience = "new_experience"  # text: an experience told at a later step, recorded, then back to the question
    go_back = "go_back"
    # questions
    ask_advice = "ask_advice"  # why this move / course, who is this recipient, what about <job>?
    ask_profile = "ask_profile"  # what do you know about me
    help = "help"
    chit_chat = "chit_chat"  # off-topic
    # privacy and sharing
    erase = "erase"
    export = "export"
    revoke = "revoke"
    sharing_rule = "sharing_rule"
    injection = "injection"
    # conversation
    switch_language = "switch_language"  # lang
    restart = "restart"


# Acts that are requests about the conversation itself: they fire only when a sentence IS the request.
GLOBAL_KINDS = frozenset({
    ActKind.erase, ActKind.export, ActKind.revoke, ActKind.sharing_rule, ActKind.injection, ActKind.ask_profile,
    ActKind.switch_language, ActKind.restart, ActKind.help, ActKind.go_back,
})


class Act(BaseModel):
    kind: ActKind
    items: list[int] = Field(default_factory=list)  # 0-based indexes into the options on screen (proposals, moves)
    names: list[str] = Field(default_factory=list)  # things named in free words that are not on screen
    text: str = ""  # the span of the message this act comes from (content, a job title, a question)
    field: str | None = None  # correct_fact: duration | title | place | skill
    months: int | None = None  # a duration said in the message
    lang: str | None = None  # switch_language
    payload: str = ""  # sharing_rule: the rule's payload (agent.consent_rules)

    def signature(self) -> str:
        """What a labelled example compares: the kind and what it points at."""
        if self.kind in (ActKind.keep_skills, ActKind.remove_skills, ActKind.rename_skill):
            return f"{self.kind.value}:{','.join(str(i + 1) for i in sorted(set(self.items)))}"
        if self.kind == ActKind.switch_language:
            return f"{self.kind.value}:{self.lang or ''}"
        if self.kind == ActKind.correct_fact:
            return f"{self.kind.value}:{self.field or ''}"
        if self.kind == ActKind.answer and self.field == "duration":
            return "answer:duration"
        return self.kind.value


class ReadContext(BaseModel):
    """What the agent just asked and showed, and what it knows: the frame a message is read in."""

    expecting: str = ""
    phase: str = ""
    language: str = "en"
    proposals: list[str] = Field(default_factory=list)  # skill labels on screen, numbered from 1
    options: list[str] = Field(default_factory=list)  # other options on screen (career moves, quick replies)
    profile_skills: list[str] = Field(default_factory=list)  # confirmed skills
    experiences: list[str] = Field(default_factory=list)  # titles told so far
    target: str | None = None
    trainings: list[str] = Field(default_factory=list)  # course titles shown in the plan
    recipient: str | None = None  # the recipient asked about at a share_consent
    last_question: str = ""  # the agent's last text
