"""A new experience told at a later step ("oh and i also did 2 years as a waitress" while
answering about interests, "j'ai aussi bossé 6 mois chez mcdo" at the skill list): the part of a
sentence that tells it, so it is recorded as an experience and not read as an answer, a skill or a
correction of the current one."""

from __future__ import annotations

import re

from agent.answers import experience_kind
from tools.linking.implied_skills import SPORTS
from tools.linking.text_normalisation import fold_in_place

# a person saying they did, worked or were something ...
_TOLD = re.compile(
    r"\b(?:(?:oh|and|also|plus|btw|forgot to say|i forgot|et|oh et|ah et|aussi|j'ai oublie de dire)\s*,?\s*)*"
    r"(?P<said>(?:i|i've|ive|i have)\s+(?:also\s+|too\s+)?(?:did|worked|work|was|been|have been|spent|used to work|used to be|"
    r"had a job|volunteered|babysat|looked after|cared for|took care of)\b|"
    r"(?:j'ai|jai|j ai)\s+(?:aussi|egalement|meme|deja)?\s*(?:fait|travaille|bosse|ete|passe|garde|fait du benevolat|eu un job)\b|"
    r"je\s+(?:suis|etais)\s+(?:aussi|egalement)\s+|(?:avant|before|previously|auparavant)\s*,?\s+(?:that\s+|ca\s+|cela\s+)?"
    r"(?:i\s+was\s+an?\s+|j'etais\s+|jetais\s+|j etais\s+))")
# ... with what makes it an experience: a role, a place, or how long
_EXPERIENCE_MARK = re.compile(
    r"\b(?:as an?|as the|comme|en tant que|en tant qu'|chez|pendant|during|(?:worked|work|bosse|travaille) at|"
    r"\d+(?:[.,]\d+)?\s*(?:years?|yrs?|ans?|annees?|months?|mois|weeks?|semaines?|summers?|etes?)|"
    r"(?:one|two|three|four|five|six|un|une|deux|trois|quatre|cinq|six)\s+(?:years?|ans?|months?|mois|summers?|etes?))\b")
_PLACE = re.compile(r"\b(?:at|in an?|dans une?|for an?|pour une?)\b")
_ALSO = re.compile(r"\b(also|too|as well|aussi|egalement|forgot|oublie|another|autre|plus|oh and|ah et|oh et|avant|before that|previously|auparavant)\b")
_CORRECTION = re.compile(r"^(?:actually|in fact|sorry|i meant|oops|no,? actually|en fait|pardon|oups|je voulais dire|non,? en fait)\b"
                         r"|\bnot\s+(?:an?\s+)?\w+$|\bpas\s+\w+$|\binstead\b|\bau lieu\b")


# the words that only lead into an experience told after them ("oh and before that", "ah et avant",
# "ah j'ai oublié,")
_LEAD_IN = frozenset("ah oh and et so alors bon ok okay well euh um also aussi before avant that ca ça then puis ensuite after "
                     "apres après sinon but mais yes oui no non au fait btw i j'ai jai ai forgot forget oublie oublié oubliais "
                     "to say mention dire de".split())


def only_leads_in(text: str) -> bool:
    """``text`` (what came before a clause telling an experience) says nothing of its own: fewer
    than two words besides those that lead into what follows."""
    return len([w for w in re.findall(r"[\w'’]+", text.lower()) if w not in _LEAD_IN]) < 2


def experience_span(sentence: str) -> tuple[str, str] | None:
    """``(before, told)`` when ``sentence`` (normalised) tells a new experience: ``told`` is the part
    from the clause that tells it, ``before`` what came first in the same sentence (an answer to the
    question on screen, kept). ``None`` when it does not."""
    match = _TOLD.search(sentence)
    if match is None:
        return None
    told = sentence[match.start():].strip(" ,.;")
    before = sentence[:match.start()].strip(" ,.;")
    if not (_EXPERIENCE_MARK.search(told) or (_ALSO.search(told) and _PLACE.search(told))):
        return None
    if not _ALSO.search(sentence[match.start():]) and not before and _CORRECTION.search(told):
        return None  # "actually i was a waitress, not a cook": the current experience corrected
    if _CORRECTION.search(told) and not _ALSO.search(told):
        return None
    before = re.sub(r"\b(?:and|et|oh|ah|plus)$", "", before).strip(" ,.;")
    told = re.sub(r"^(?:(?:oh|ah|and|et|plus|btw)\b\s*,?\s*)+", "", told)
    return before, told


# Another kind of activity told beside a job, with "also" ("i also run a small youtube gaming channel",
# "also im a volunteer at the food bank", "je fais aussi du foot le samedi"): what names the activity,
# per experience kind; narrow on purpose, since "I also trained the team" or "j'ai aussi fait la cuisine
# du personnel" are more of the same job
_ACTIVITY_MARKS: dict[str, re.Pattern[str]] = {kind: re.compile(pattern) for kind, pattern in {
    "volunteering": r"\b(volunteer\w*|benevol\w*|charity|charities|food ?bank|banque alimentaire|restos? du coeur|red cross|"
                    r"croix[- ]rouge|secours populaire)\b",
    "family_care": r"\b(look\w* after|care\w* for|tak\w* care of|took care of|help\w*|m'occupe\w* de|m'occupais de|aide\w*|garde\w*|"
                   r"gard(?:ais|e)) (?:(?:also|aussi|too|egalement) )?(my|ma|mon|mes) (mum|mom|mother|dad|father|gran\w*|nan|brothers?|sisters?|kids|children|son|"
                   r"daughter|parents|mere|pere|grand\w*|freres?|soeurs?|enfants|fils|fille|petits?|petites?)\b",
    "sport": rf"\b({SPORTS})\b",
    "music": r"\b(guitar\w*|piano|drums|batterie|violin|violon|band|choir|chorale|orchestr\w*|dj|rap|beatmaking)\b",
    "art": r"\b(youtube|tiktok|twitch|podcast|blog|painting|drawing|dessin\w*|peinture|theatre|theater)\b",
    "hobby": r"\b(gaming|video ?games?|jeux video|chess|echecs|bricolage|diy|jardinage|gardening)\b",
    "school": r"\b(school|lycee|college|university|uni|fac|bts|bac pro|cap|studies|etudes|cours du soir|night classes)\b",
}.items()}
_ALSO_NOW = re.compile(r"\b(also|too|as well|aussi|egalement|en plus|a cote|on the side|besides)\b")
_CLAUSE_END = re.compile(r"[.;!?]+\s*|,\s*|\s+(?:and|et|but|mais)\s+(?=(?:i|im|i'm|je|j'|j|g|also|aussi)\b)")


def other_activity_span(sentence: str, kinds: set[str]) -> tuple[str, str, str] | None:
    """``(before, told, kind)`` when ``sentence`` (normalised), said about an experience of the
    ``kinds`` given, tells with "also" an activity of another kind (volunteering, caring for a
    relative, a sport, music, a channel or art, a hobby, school): ``told`` runs from the clause that
    says it to the end, ``before`` is what came first (still about the experience). None otherwise."""
    bounds = [(0, 0), *((m.start(), m.end()) for m in _CLAUSE_END.finditer(sentence)), (len(sentence), len(sentence))]
    for (_, start), (end, _) in zip(bounds, bounds[1:]):
        clause = sentence[start:end]
        if not _ALSO_NOW.search(clause):
            continue
        kind = next((k for k, pattern in _ACTIVITY_MARKS.items() if pattern.search(clause)), None)
        if kind is not None and kind not in kinds:
            before = re.sub(r"\b(?:and|et|but|mais|plus)$", "", sentence[:start].strip(" ,.;!?")).strip(" ,.;!?")
            told = re.sub(r"^(?:(?:and|et|but|mais|plus)\s+)+", "", sentence[start:].strip(" ,.;!?"))
            return before, told, kind
    return None


# A first message that tells two activities of different kinds, the second started by "I" / "je" and a verb of
# doing it ("i help my nan with her shopping and i play football on sundays", "je suis caissière et je fais du
# foot le dimanche"): the second is the next experience. Only these verbs: "I worked in a sports shop and I sold
# football boots" is one job
_ACTIVITY_START = re.compile(
    r"(?:[.;!?,]\s*|\s(?:and|et|but|mais|plus)\s+)(?P<clause>(?:i|i'm|im|je |j'|j|g |on )\s*(?:also |aussi |too )?"
    r"(?:play|played|do|did|go|went|practi[sc]ed?|train|trained|sing|sang|dance|danced|run|ran|swim|swam|volunteer|volunteered|"
    r"help|helped|look after|looked after|care for|cared for|take care of|took care of|coach|coached|draw|drew|paint|painted|"
    r"fais|faisais|ai fait|joue|jouais|ai joue|pratique|pratiquais|chante|chantais|danse|dansais|m'occupe|m'occupais|aide|aidais|"
    r"ai aide|garde|gardais|suis benevole|etais benevole|entraine|entrainais|dessine|dessinais|peins|peignais|nage|nageais|cours)\b)"
)


# ... unless it is done with the people of the first ("je joue au foot avec eux" told of the children one looks after)
_WITH_THEM = re.compile(r"\b(with them|for them|with the (?:kids|children|residents|clients|customers|pupils)|avec (?:eux|elles)|"
                        r"pour (?:eux|elles)|avec les (?:enfants|jeunes|residents|clients|eleves)|there|la-bas)\b")


def second_activity(message: str) -> tuple[str, str] | None:
    """``(first, second)``, both in the person's words, when ``message`` tells one activity and then, from
    a clause of its own, another of a kind the first is not; None otherwise."""
    folded = fold_in_place(message)
    for match in _ACTIVITY_START.finditer(folded):
        start = match.start("clause")
        before = folded[:start]
        end = _CLAUSE_END.search(folded, match.end())
        clause = folded[start:end.start() if end else len(folded)]
        kind = next((k for k, pattern in _ACTIVITY_MARKS.items() if pattern.search(clause)), None)
        if kind is None or _WITH_THEM.search(clause):
            continue
        first_kind = experience_kind(before)
        # the first part tells something too: "Le week-end, j'entraîne l'équipe" is one activity and when
        if len(before.split()) < 4 and first_kind == "other":
            continue
        if kind == first_kind or _ACTIVITY_MARKS[kind].search(before):
            continue
        first = re.sub(r"(?:\s+(?:and|et|but|mais|plus))+$", "", message[:start].rstrip(" ,.;!?")).rstrip(" ,.;!?")
        return first, message[start:].strip()
    return None


__all__ = ["experience_span", "other_activity_span", "second_activity"]
