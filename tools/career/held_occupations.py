"""The occupations a person held, from their experiences, for the gap's credit and the moves' close steps.

A job counts when:
- the person names it ("I was a cashier for five years", "je suis coiffeuse") and the title
  matcher finds an ESCO occupation for that title closely (score >= :data:`NAMED_TITLE_MIN_SCORE`):
  ``how="title"``;
- or, when no title is named, the occupation the description suggests most, once the person has
  confirmed at least :data:`INFERRED_MIN_CONFIRMED` of that occupation's skills (the confirmation
  of the skills that made the inference confirms it): ``how="inferred"``.

Only work counts (paid or unpaid work, volunteering): caring for a relative or a hobby credits the
skills the person confirmed, not a whole occupation. An experience of no clear kind ("ca fait 7 ans
que je suis coiffeuse dans un salon" has no word such as "job" or "travail") counts when it names a
job title the matcher knows closely, not by inference.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from tools.career.models import HeldOccupation
from tools.career.occupation_names import resolve_occupation
from tools.linking.job_titles import named_roles

if TYPE_CHECKING:
    from tools.profile import Experience

NAMED_TITLE_MIN_SCORE = 0.85
INFERRED_MIN_CONFIRMED = 3
WORK_KINDS = {"paid", "unpaid", "volunteering"}
UNPAID_KINDS = {"unpaid", "volunteering"}
UNCLEAR_KINDS = {"other", ""}  # work when a job title is named ("je suis coiffeuse")
MAX_HELD = 3


def _kind(experience: Experience) -> str:
    return str(experience.kind.value)


def _months(experience: Experience) -> int | None:
    return experience.period.duration_months


def _label(kb: Any, uri: str, lang: str, fallback: str) -> str:
    try:
        return kb.label(uri, lang) or fallback
    except (KeyError, AttributeError):
        return fallback


def title_occupations(kb: Any, linker: Any, text: str, lang: str) -> list[tuple[str, str]]:
    """(occupation URI, the title said) for each job title ``text`` names that the matcher knows
    closely, in the order said ("I started as a kitchen porter, then a commis chef, finally a line cook")."""
    out = []
    for role in named_roles(text, lang):
        found = resolve_occupation(kb, linker, role, lang)
        if found and found[1] >= NAMED_TITLE_MIN_SCORE:
            out.append((found[0], role))
    return out


_CACHE: OrderedDict[tuple[object, ...], list[HeldOccupation]] = OrderedDict()
_CACHE_SIZE = 512
_LOCK = threading.Lock()


def held_occupations(
    kb: Any, linker: Any, experiences: Iterable[Experience], confirmed_skills: Iterable[str], lang: str = "en",
    not_job_titles: Collection[str] = frozenset(),
) -> list[HeldOccupation]:
    """The occupations held, in the order told with paid work last, at most :data:`MAX_HELD`.
    ``not_job_titles``: experience titles that name an activity, not a job ("Volunteering" is no
    *volunteer manager*). Remembered for the same experiences and confirmed skills (the moves and
    the plan steps both ask)."""
    experiences = list(experiences)
    confirmed = set(confirmed_skills)
    activities = frozenset(not_job_titles)
    key = (id(kb), id(linker), lang, frozenset(confirmed), activities,
           tuple((_kind(e), e.title, e.description, _months(e)) for e in experiences))
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return [h.model_copy() for h in _CACHE[key]]
    found = _find(kb, linker, experiences, confirmed, lang, activities)
    with _LOCK:
        _CACHE[key] = found
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return [h.model_copy() for h in found]


def _find(kb: Any, linker: Any, experiences: list[Experience], confirmed: set[str], lang: str,
          activities: frozenset[str] = frozenset()) -> list[HeldOccupation]:
    """The jobs held in the order told, paid work after unpaid work and volunteering (the moves start
    from the last one: the latest paid job)."""
    out: list[HeldOccupation] = []
    paid: set[str] = set()
    for experience in experiences:
        kind = _kind(experience)
        if kind not in WORK_KINDS and kind not in UNCLEAR_KINDS:
            continue
        texts = [t for t in (experience.title, experience.description) if t]
        found: list[tuple[str, str]] = []
        for text in texts:
            found = title_occupations(kb, linker, text, lang)
            if found:
                break
        how = "title"
        if not found and experience.title and len(experience.title.split()) <= 4 and experience.title not in activities:
            # the experience's own title ("cashier", "hotel receptionist") read as a job title
            result = resolve_occupation(kb, linker, experience.title, lang)
            if result and result[1] >= NAMED_TITLE_MIN_SCORE:
                found = [(result[0], experience.title)]
        if not found and kind in UNCLEAR_KINDS:
            continue  # no job named, and nothing says it was work: its confirmed skills count, no occupation
        if not found:
            description = " ".join(texts)
            inferred = linker.infer_occupations(description, lang=lang, top_k=1) if description else []
            if not inferred:
                continue
            uri = inferred[0].uri
            occupation = kb.occupations.get(uri)
            if occupation is None:
                continue
            listed = set(occupation.essential_skills) | set(occupation.optional_skills)
            if len(listed & confirmed) < INFERRED_MIN_CONFIRMED:
                continue
            found, how = [(uri, experience.title or "")], "inferred"
        for uri, said in found:  # every job of the experience, the latest said last
            if uri not in kb.occupations:
                continue
            out = [h for h in out if h.uri != uri]
            if kind not in UNPAID_KINDS:
                paid.add(uri)
            out.append(HeldOccupation(uri=uri, label=_label(kb, uri, lang, said), how=how,
                                      experience_id=experience.id, experience_title=said,
                                      months=_months(experience)))
    out = [h for h in out if h.uri not in paid] + [h for h in out if h.uri in paid]
    return out[-MAX_HELD:]
