"""A new experience told at a later step ("oh and i also did 2 years as a waitress" while
answering about interests, "j'ai aussi bossé 6 mois chez mcdo" at the skill list): the part of a
sentence that tells it, so it is recorded as an experience and not read as an answer, a skill or a
correction of the current one."""

from __future__ import annotations

import re

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


__all__ = ["experience_span"]
