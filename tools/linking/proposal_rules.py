"""What a counsellor would not propose unless the person said it.

- Managing others: "plan shifts of employees", "supervise staff", "lead a team" are offered only
  when the person says they managed, supervised, led or trained someone ("I was the shift
  supervisor", "j'encadrais deux apprentis"); working night shifts is not scheduling them.
- Knowledge items (ESCO skill type *knowledge*: "medicines", "types of disability") are offered
  only when the statement is about knowing something ("I know", "I studied", "j'ai appris",
  "notions de"); otherwise they sink below the skills and competences.

The skills' flags come from their English preferred labels (every ESCO skill has one), so both
languages share them; the cues are read in the person's language.
"""

from __future__ import annotations

import re

import numpy as np

# a managing verb with people (or their shifts) as its object
_MANAGING = re.compile(
    r"^(supervise|manage|coordinate|direct|oversee|lead|plan|schedule|organise|delegate|allocate|assign|recruit|hire|train|"
    r"evaluate|motivate|appraise|monitor|instruct|mentor|coach|dismiss|appoint)\b.*\b(staff|employees?|personnel|workers?|"
    r"teams?|crews?|workforce|shifts|volunteers|subordinates|departments?|work of|colleagues)\b"
)

_LED_CUES = {
    "en": re.compile(
        r"\b(manag\w*|supervis\w*|led|lead\w*|head(ed)? (of|up)|in charge|responsible for (the )?(team|staff|shift)|boss|"
        r"coordinat\w*|oversaw|oversee\w*|train(ed|ing)? (new |the )?(staff|people|colleagues|employees|starters|team)|"
        r"my team|team leader|foreman|chief|director|rota|recruit\w*|hired)\b"
    ),
    "fr": re.compile(
        r"\b(manag\w*|encadr\w*|supervis\w*|dirig\w*|respons\w*|chef|cheffe|g[ée]r\w* (une|l'|l’|mon|ma|des) ?(équipe|personnel|salariés)|"
        r"mon équipe|coordin\w*|form(é|ais|ait|er) (les |des )?(nouveaux|stagiaires|apprentis|salariés|collègues)|recrut\w*|planning)\b"
    ),
}

_KNOWING_CUES = {
    "en": re.compile(
        r"\b(know\w*|knew|learn\w*|studied|study\w*|course\w*|degree|diploma|certificat\w*|qualification\w*|understand\w*|"
        r"familiar|expert\w*|theory|principles|trained in|speak\w*|fluent|native|languages?)\b"
    ),
    "fr": re.compile(
        r"\b(conna\w*|appris|apprend\w*|étudi\w*|études|formation|diplôme\w*|certificat\w*|maîtris\w*|notions?|savoir|sais|"
        r"compr\w*|théorie|principes|parle\w*|langues?|bilingue|courant)\b"
    ),
}


def managing_others(english_labels: list[str]) -> np.ndarray:
    """True for each skill whose preferred label is about managing other people."""
    return np.array([bool(_MANAGING.search(label.lower())) for label in english_labels], dtype=bool)


def knowledge_items(skill_types: list[str]) -> np.ndarray:
    return np.array([t == "knowledge" for t in skill_types], dtype=bool)


def says_they_led(text: str, lang: str) -> bool:
    cue = _LED_CUES.get(lang, _LED_CUES["en"])
    return bool(cue.search(text.lower()))


def about_knowing(text: str, lang: str) -> bool:
    cue = _KNOWING_CUES.get(lang, _KNOWING_CUES["en"])
    return bool(cue.search(text.lower()))
