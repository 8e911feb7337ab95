"""What a counsellor would not propose unless the person said it.

- Managing others: "plan shifts of employees", "supervise staff", "lead a team", "monitor
  cashiers", and any skill to supervise or oversee something ("supervise work", "oversee park land
  use") are offered only when the person says they managed, supervised, led or trained someone
  ("I was the shift supervisor", "j'encadrais deux apprentis"); working night shifts is not
  scheduling them, and working "under supervision" / "sous la supervision de" is the opposite.
- Expert skills: a person who names a job of ISCO major groups 4 to 9 (clerks, service and sales,
  crafts, operators, elementary jobs: "care assistant in a nursing home") is not offered skills
  that only managers, professionals and technicians hold (major groups 1 to 3: *diagnose nursing
  care*, *plan advanced nursing care*), which the workplace's words would otherwise bring.
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
    r"evaluate|motivate|appraise|monitor|instruct|mentor|coach|dismiss|appoint|brief)\b.*\b(staff|employees?|personnel|workers?|"
    r"teams?|crews?|workforce|shifts|volunteers|volunteering|subordinates|departments?|work of|colleagues)\b"
)

# supervising anything: ESCO's "supervise X operations" means supervising those who do X; looking
# after children, pupils or passengers is care, not management
_SUPERVISING = re.compile(r"^(supervise|oversee)\b(?!.*\b(children|youth|pupils|passengers|visitors|learning)\b)")
# a managing verb with workers named by their job ("monitor cashiers", "supervise physiotherapist
# assistants"): a plural of the last word of an occupation label, of a person-like ending
_PEOPLE_ENDING = re.compile(r"(ers|ors|ists|ians|ants|ents|eurs)$")
_PREPOSITION = re.compile(r"\b(of|from|with|in|on|for|to|by|at|about|used)\b")
_MANAGING_VERB = re.compile(r"^(supervise|manage|coordinate|direct|oversee|lead|schedule|delegate|allocate|assign|recruit|hire|"
                            r"train|evaluate|motivate|appraise|monitor|instruct|mentor|dismiss|appoint)\b")
# "worked under supervision", "supervised by", "sous la supervision de", "encadré par": being managed
_BEING_LED = {
    "en": re.compile(r"\b(under (the )?(close |direct )?supervision|supervised by|managed by|led by|(report(ed|ing)?|answer(ed)?) to)\b[^.,;]*"),
    "fr": re.compile(r"\b(sous (la )?(supervision|responsabilité|direction)|encadrée? par|supervisée? par|dirigée? par)\b[^.,;]*"),
}

_LED_CUES = {
    "en": re.compile(
        r"\b(manag\w*|supervis\w*|led|lead\w*|head(ed)? (of|up)|in charge|responsible for (the )?(team|staff|shift)|boss|"
        r"coordinat\w*|oversaw|oversee\w*|(train|coach|mentor)(ed|ing)? (new |the )?(staff|people|colleagues|employees|starters|team|"
        r"hires|recruits|cashiers|waiters|workers)|"
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


def managing_others(english_labels: list[str], job_words: set[str] | frozenset[str] = frozenset()) -> np.ndarray:
    """True for each skill whose preferred label is about managing other people or supervising
    something; ``job_words``: the last words of the occupations' English labels ("cashier")."""
    return np.array([_managing(label.lower(), job_words) for label in english_labels], dtype=bool)


def _managing(label: str, job_words: set[str] | frozenset[str]) -> bool:
    if _MANAGING.search(label) or _SUPERVISING.search(label):
        return True
    if not _MANAGING_VERB.search(label):
        return False
    words = label.split()
    last = words[-1]  # the object, unless a preposition follows the verb's object ("suppliers" in "orders from suppliers")
    return (len(words) > 1 and not _PREPOSITION.search(label) and bool(_PEOPLE_ENDING.search(last))
            and last[:-1] in job_words)


PROFESSIONAL_GROUPS = frozenset("123")  # ISCO major groups of managers, professionals and technicians


def expert_only(skill_groups: list[set[str]]) -> np.ndarray:
    """True for each skill that only occupations of ISCO major groups 1 to 3 list (essential or
    optional); ``skill_groups``: per skill, the major groups (first digit of the ESCO code) of the
    occupations listing it. A skill no occupation lists is not expert."""
    return np.array([bool(groups) and groups <= PROFESSIONAL_GROUPS for groups in skill_groups], dtype=bool)


def names_a_skilled_trade_or_service_job(occupation_code: str) -> bool:
    """The ESCO code of the job a person names is of ISCO major groups 4 to 9 (0 is the armed forces)."""
    return bool(occupation_code) and occupation_code[0] in "456789"


def knowledge_items(skill_types: list[str]) -> np.ndarray:
    return np.array([t == "knowledge" for t in skill_types], dtype=bool)


def says_they_led(text: str, lang: str) -> bool:
    """A cue of managing or leading others, outside the words about being supervised themselves."""
    cue = _LED_CUES.get(lang, _LED_CUES["en"])
    told = _BEING_LED.get(lang, _BEING_LED["en"]).sub(" ", text.lower())
    return bool(cue.search(told))


def about_knowing(text: str, lang: str) -> bool:
    cue = _KNOWING_CUES.get(lang, _KNOWING_CUES["en"])
    return bool(cue.search(text.lower()))
