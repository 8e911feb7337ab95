"""Reading the answer to a yes/no question, in English and French: yes, no, a question, or unclear.

Every yes/no question the agent asks (processing consent, sharing consent, an "always share" rule,
erase, "any other experience?") is read here, and only an unambiguous answer counts: a consent is
granted on :attr:`Answer.yes` alone.

The method, not a list of sentences:

1. *Normalise* without moving characters (lower case, accents off, typographic apostrophes, yes/no
   emojis as tokens), so that a question can be cut out of the person's own words.
2. *Tokenise* (elisions "j'", "d'", "n't" split off; stretched letters "ouiii", "nooon" folded) and
   merge multi-word units ("bien sûr", "vas-y", "pas de souci", "why not").
3. *Cut into clauses* at punctuation and at contrast markers ("mais", "but", "wait", "en fait",
   "actually"): a yes followed by a contrast is a hedge.
4. *Read each clause* with negation scope: a negator ("not", "n't", "ne", "pas", "jamais") flips the
   clause's predicates ("ok", "d'accord", "want", "agree") to no, turns certainty into doubt
   ("not sure", "je sais pas"), turns an objection into a yes ("I don't mind", "pas de souci"), and
   makes an intensifier a strong no ("bien sûr que non", "absolutely not").
5. *Detect questions*: a question mark, an interrogative word at the start ("who sees it"), an
   in-situ "quoi"/"combien", an inversion ("pouvez-vous"), a request to explain ("je comprends pas").
6. *Combine*: any question -> ``question``; any doubt or condition ("maybe", "if", "sauf si") ->
   ``unclear``; a yes hedged by a contrast -> ``unclear``; yes and no together -> ``unclear``.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

from pydantic import BaseModel, ConfigDict


class Answer(str, Enum):
    yes = "yes"
    no = "no"
    question = "question"
    unclear = "unclear"

    def __str__(self) -> str:
        return self.value


class Reading(BaseModel):
    """What the person answered: ``question`` holds their question, in their words, when
    ``answer`` is :attr:`Answer.question`."""

    model_config = ConfigDict(frozen=True)

    answer: Answer
    question: str | None = None

    @property
    def is_yes(self) -> bool:
        return self.answer == Answer.yes

    @property
    def is_no(self) -> bool:
        return self.answer == Answer.no

    @property
    def is_question(self) -> bool:
        return self.answer == Answer.question

    @property
    def is_unclear(self) -> bool:
        return self.answer == Answer.unclear


# -- lexicon ---------------------------------------------------------------------------------------
# Kinds of units a clause is made of.
_YES = "yes"  # sentence-level yes, not negated by the clause ("yes", "oui", "👍")
_NO = "no"  # sentence-level no ("no", "nope", "non", "nan", "👎")
_POS = "pos"  # an acceptance a negator flips to no ("ok", "d'accord", "want", "agree", "go ahead")
_SURE = "sure"  # certainty: yes, doubt when negated ("sure", "sûr", "certain")
_KNOW = "know"  # knowing: doubt when negated ("je sais pas", "I don't know", "no idea")
_GRASP = "grasp"  # understanding: a request to explain when negated ("je comprends pas")
_OBJECT = "object"  # an objection: no, yes when negated ("I don't mind", "pas de problème")
_PREFER = "prefer"  # a preference: no when negated ("je préfère pas", "I'd rather not"), else nothing
_INTENS = "intens"  # an intensifier: yes alone, a strong no with a negator or a no ("bien sûr que non")
_DEGREE = "degree"  # a degree: no when negated ("pas vraiment", "not at all"), else nothing
_NEG = "neg"  # a negator
_THINK = "think"  # an opinion: no when negated ("I don't think so"), else a hedge ("je pense que oui")
_NOUN = "noun"  # a word naming what is shared or with whom ("coach", "données"): neither filler nor unknown
_DOUBT = "doubt"  # a hedge ("maybe", "peut-être", "hmm", "bof")
_CONDITION = "condition"  # a condition ("if", "unless", "sauf si", "à condition")
_CONTRAST = "contrast"  # a contrast marker: splits clauses ("but", "mais", "wait", "en fait")
_WH = "wh"  # an interrogative word
_ASK = "ask"  # a request for information ("tell me more", "c'est quoi", "explain")
_FILLER = "filler"  # a known word that says nothing about the answer

_WORDS: dict[str, str] = {}
_PHRASES: dict[tuple[str, ...], str] = {}


def _add(kind: str, entries: str) -> None:
    for entry in entries.split("|"):
        entry = entry.strip()
        tokens = tuple(t for t, _, _ in _tokens(_fold(entry)))
        if len(tokens) == 1:
            _WORDS[tokens[0]] = kind
        elif tokens:
            _PHRASES[tokens] = kind


_YES_EMOJI = "👍👌✅🆗✔☑🙆🤝💯🙏"
_NO_EMOJI = "👎❌🙅✖⛔🚫"
_YES_MARK, _NO_MARK = "\ue001", "\ue002"


def _fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, yes/no emojis as marks: one character for one,
    so that offsets in the folded text are offsets in the original."""
    out = []
    for ch in text:
        if ch in _YES_EMOJI:
            out.append(_YES_MARK)
            continue
        if ch in _NO_EMOJI:
            out.append(_NO_MARK)
            continue
        if ch in "’‘`´ʼ":
            out.append("'")
            continue
        low = ch.lower()[:1] or " "
        base = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
        out.append(base if len(base) == 1 else (low if low == "œ" else " "))
    return "".join(out)


_TOKEN = re.compile(r"[a-z0-9œ]+(?:'[a-z]+)*'?|[" + _YES_MARK + _NO_MARK + r"]|\?|\.{2,}|…|[,.;:!\n]|\s-\s|—|–")
_ELISION = re.compile(r"^(j|l|d|n|m|t|s|c|qu|jusqu|lorsqu|puisqu)'(.+)$")
_SUFFIX = re.compile(r"^(.+?)'(m|s|re|ve|ll|d)$")


def _tokens(folded: str) -> list[tuple[str, int, int]]:
    """(token, start, end) with elisions and English contractions split off."""
    out: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(folded):
        word, start, end = match.group(0), match.start(), match.end()
        if word in ("…",) or word.startswith(".."):
            out.append(("...", start, end))
            continue
        if word.strip() in ("-", "—", "–"):
            out.append((",", start, end))
            continue
        if word.endswith("'") and _ELISION.match(word + "x"):
            out.append((word, start, end))  # an elided word alone ("d' acc")
            continue
        word = word.rstrip("'") if word != "n't" else word
        if word == "n't":
            out.append((word, start, end))
            continue
        if word.endswith("n't") and len(word) > 3:
            out.append((word[:-3], start, end - 3))
            out.append(("n't", end - 3, end))
            continue
        elision = _ELISION.match(word)
        if elision:
            head = elision.group(1) + "'"
            out.append((head, start, start + len(head)))
            out.extend((t, s + start + len(head), e + start + len(head)) for t, s, e in _tokens(elision.group(2)))
            continue
        suffix = _SUFFIX.match(word)
        if suffix and suffix.group(1) not in ("aujourd",):
            head = suffix.group(1)
            out.append((head, start, start + len(head)))
            out.append(("'" + suffix.group(2), start + len(head), end))
            continue
        out.append((word, start, end))
    return out


_add(_YES, "yes|ya|yah|yea|yeah|yeh|yeap|ye|yep|yup|yupp|yuh|yass|yas|yesh|yis|yess|ouais|ouai|ouep|ouaip|oui|ui|wi|"
           "voui|ouiii|uep|yesss|oh yes|hell yes|heck yes|hell yeah|heck yeah|oh oui|que oui|que si|mais si|si si|"
           "bah oui|ben oui|beh oui|eh oui|et oui|" + _YES_MARK)
_add(_NO, "no|nope|nop|nah|na|nay|non|nan|naan|nan nan|niet|nein|hell no|heck no|oh no|que non|bah non|ben non|"
          "beh non|noway|no way|no thanks|no thank you|non merci|nan merci|pas question|hors de question|"
          "no chance|aucune chance|never mind|nevermind|forget it|laisse tomber|oublie ca|oublie|tant pis|refuse|"
          "refuses|je refuse|i refuse|decline|i decline|stop|cancel|annule|annuler|keep|garde|keep it|garde le|"
          "later|plus tard|not now|pas maintenant|another time|une autre fois|pas pour l' instant|pas pour le moment|"
          "pas aujourd'hui|nobody|personne|no one|none|aucun|aucune|" + _NO_MARK)
_add(_POS, "ok|okay|okey|oke|okee|okai|oki|okie|okk|okok|kk|c bon|cbon|okidoki|okey dokey|alright|all right|aight|agree|agreed|i agree|accept|"
           "accepte|j' accepte|acceptes|consent|consens|allow|approve|autorise|fine|great|perfect|cool|nice|"
           "sounds good|sounds great|sounds fine|looks good|works for me|fine by me|fine with me|go|go ahead|go on|"
           "go for it|let's go|lets go|do it|please do|share|share it|send|send it|yes please|want|wanna|would like|"
           "like|love|love to|would love|happy to|glad to|gladly|with pleasure|avec plaisir|volontiers|d' accord|d' acc|d' ac|dacc|dac|dak|"
           "daccord|d'accord|accord|ca marche|ca roule|ca me va|ca va|ca le fait|c' est bon|c' est ok|bon|"
           "vas y|vas-y|allez y|allez|allons y|go go|fais le|faites le|envoie|envoie le|envoyez|partage|partagez|"
           "veux|veut|voudrais|souhaite|aime|aimerais|envie|ok pour moi|bon pour moi|parfait|nickel|super|top|"
           "genial|grave|exact|exactement|correct|right|entendu|banco|c' est parti|pourquoi pas|why not|i'm in|"
           "je suis partant|je suis partante|partant|partante|confirm|confirme|je confirme|delete|erase|remove|"
           "efface|effacer|supprime|supprimer|can|may|peux|pouvez|vas")
_add(_SURE, "sure|sur|sure thing|certain|certaine|positive|convinced|convaincu")
_add(_KNOW, "know|knew|sais|sait|savoir|idea|idee|chais|chai|jsp|connais")
_add(_GRASP, "understand|understood|comprends|comprend|compris|saisis|follow")
_add(_OBJECT, "mind|object|objection|bother|bothers|problem|problems|prob|probs|problemo|issue|issues|worries|worry|"
              "derange|derangent|gene|genent|embete|probleme|problemes|pb|souci|soucis|inconvenient|hate|dislike|"
              "deteste|contre")
_add(_PREFER, "prefer|rather|prefere|preferes|prefererais|aime mieux|aimerais mieux")
_add(_INTENS, "absolutely|definitely|certainly|totally|surely|of course|ofc|course|bien sur|bien entendu|carrement|"
              "evidemment|evidement|absolument|clairement|totalement|completement|tout a fait|bien evidemment|obv|obvs|"
              "certainement|naturellement|obviously|for sure|sans doute|avec grand plaisir")
_add(_DEGREE, "really|vraiment|at all|du tout|trop|tellement|forcement|necessarily|exactly|surtout|especially|yet|encore")
_add(_NEG, "not|n't|never|ne|n'|pas|jamais|dont|nor|ni|sans|without|nothing|rien|nowhere|nulle part")
_add(_DOUBT, "maybe|perhaps|possibly|probably|peut etre|peut-etre|peutetre|ptet|ptetre|p'tet|p' tet|probablement|"
             "possible|hmm|hmmm|hm|mmm|mm|euh|heu|euhh|bof|mouais|meh|unsure|dunno|idk|i guess|guess|i suppose|"
             "suppose|je suppose|on verra|we'll see|we will see|let me think|je reflechis|reflechir|"
              "kind of|kinda|sort of|sorta|plus ou moins|more or less|depends|it depends|ca depend|"
              "depend|hesite|j' hesite|hesitate|not yet sure|pas encore sur|half|moitie|ish|whatever|m'en fiche|"
              "osef|peu importe|je m' en fiche|i don't care|i do not care|don't care|care|go back|back|retour|revenir|"
             "en arriere|undo")
_add(_THINK, "think|thinking|believe|pense|penses|crois|croit|imagine")
_add(_CONDITION, "if|unless|provided|providing|as long as|only if|seulement si|sauf si|a condition|tant que|"
                 "pourvu que|si jamais|except|sauf|excepte|depending")
_add(_CONTRAST, "but|mais|wait|waiiit|attends|attend|hold on|en fait|actually|though|although|however|yet still|"
                "cependant|pourtant|par contre|finalement|enfin|sauf que|on second thought|second thoughts|"
                "a la reflexion|ou|or|oh wait|no wait")
_add(_WH, "who|whom|whose|what|what's|whats|which|why|how|when|where|qui|quoi|pourquoi|comment|combien|quand|"
          "quel|quelle|quels|quelles|lequel|laquelle|lesquels|lesquelles|ou ca|d'ou")
_add(_ASK, "tell me|tell me more|explain|explique|expliquez|expliquer|details|detail|more info|more information|"
           "plus d' info|plus d' infos|plus d' informations|plus de details|des precisions|precise|precisez|"
           "en savoir plus|know more|learn more|i have a question|j' ai une question|une question|a question|"
           "question|c' est quoi|ca veut dire|ca veut dire quoi|what does that mean|meaning|means|signifie|"
           "dis moi|dites moi|dis m' en plus|montre moi|show me|est ce|est ce que|est-ce|est-ce que")
_add(_FILLER, "i|me|my|mine|myself|you|your|it|its|it's|that|this|these|those|the|a|an|to|for|with|and|so|well|"
              "then|now|just|please|pls|plz|thanks|thank|thx|ty|merci|svp|stp|plait|s'il|sil|te|vous|je|j'|tu|il|"
              "elle|on|nous|ils|elles|ca|cela|ce|c'|est|'m|'s|'re|'ve|'ll|'d|am|is|are|be|was|will|would|could|"
              "should|shall|do|does|did|done|doing|et|bah|ben|beh|eh|ah|oh|ohh|alors|donc|maintenant|today|"
              "aujourd'hui|juste|moi|toi|pour|par|le|la|les|l'|de|d'|du|des|un|une|y|en|a|au|aux|all|tous|tout|"
              "toute|toutes|everyone|everything|everybody|lol|mdr|haha|ahah|hihi|xd|sir|madam|monsieur|madame|"
              "mes|ma|mon|ton|ta|tes|votre|vos|leur|leurs|them|they|he|"
              "she|we|us|our|their|him|her|m'|t'|s'|qu'|que|qu|of|in|on|at|by|about|from|as|than|sounds|looks|"
              "seems|one|still|also|aussi|too|very|tres|much|beaucoup|bien|ok then|voila|voilà|hey|hi|salut|"
              "dear|yo|ouf|here|ici|there|la-bas|sharing|share with|partager|partage avec|avec|having|have|has|"
              "had|ai|as|avons|avez|ont|suis|es|sommes|etes|sont|va|vais|vont|fait|fais|faire|make|get|got|"
              "'|right now|tout de suite|asap|quickly|vite|again|encore une fois|deal")


def _fold_stretch(word: str) -> str | None:
    """A stretched word ("ouiii", "nooon", "okkk", "carrrément") as its dictionary form."""
    for pattern, repl in ((r"(.)\1{2,}", r"\1\1"), (r"(.)\1+", r"\1")):
        folded = re.sub(pattern, repl, word)
        if folded != word and folded in _WORDS:
            return folded
    return None


_MAX_PHRASE = max(len(p) for p in _PHRASES)
_SEPARATORS = {",", ".", ";", ":", "!", "\n", "...", "?"}
_INVERSION = re.compile(r"\b[a-z]+-(t-)?(je|tu|il|elle|on|nous|vous|ils|elles)\b")
_AUX_QUESTION = re.compile(
    r"^(do|does|did|is|are|was|were|will|would|can|could|should|shall|may|might|have|has)\s+"
    r"(i|you|they|he|she|it|we|my|your|the|this|that|anyone|someone|somebody|anybody|there|their|these|those)\s+\S+")


class _Unit:
    __slots__ = ("kind", "start", "end", "text")

    def __init__(self, kind: str, start: int, end: int, text: str) -> None:
        self.kind, self.start, self.end, self.text = kind, start, end, text


def _units(folded: str, original: str) -> list[_Unit]:
    tokens = _tokens(folded)
    units: list[_Unit] = []
    i = 0
    while i < len(tokens):
        word, start, end = tokens[i]
        if word in _SEPARATORS:
            units.append(_Unit("sep", start, end, word))
            i += 1
            continue
        for size in range(min(_MAX_PHRASE, len(tokens) - i), 1, -1):
            key = tuple(t for t, _, _ in tokens[i:i + size])
            if key in _PHRASES:
                units.append(_Unit(_PHRASES[key], start, tokens[i + size - 1][2], " ".join(key)))
                i += size
                break
        else:
            kind = _WORDS.get(word)
            if kind is None:
                stretched = _fold_stretch(word)
                kind = _WORDS.get(stretched) if stretched else None
            if word == "ou" and "ù" in original[start:end].lower():
                kind = _WH  # "où", not "ou"
            units.append(_Unit(kind or "other", start, end, word))
            i += 1
    return units


def _clauses(units: list[_Unit]) -> list[tuple[list[_Unit], bool, bool]]:
    """(units, ends with '?', opened by a contrast marker) for each clause."""
    clauses: list[tuple[list[_Unit], bool, bool]] = []
    current: list[_Unit] = []
    contrast = False
    for unit in units:
        if unit.kind == "sep":
            if current or unit.text == "?":
                clauses.append((current, unit.text == "?", contrast))
                current, contrast = [], False
            continue
        if unit.kind == _CONTRAST:
            if current:
                clauses.append((current, False, contrast))
            current, contrast = [], True
            continue
        current.append(unit)
    if current or contrast:
        clauses.append((current, False, contrast))
    return clauses


_PREDICATES = (_POS, _SURE, _KNOW, _GRASP, _OBJECT, _PREFER, _THINK)
_WHOLE_CLAUSE = {
    "y": _YES, "k": _YES, "si": _YES, "yes i do": _YES, "i do": _YES, "i will": _YES, "you can": _YES,
    "tu peux": _YES, "vous pouvez": _YES, "please": _YES, "s'il te plait": _YES, "s'il vous plait": _YES,
    "n": _NO, "i don't": _NO, "i do not": _NO, "i won't": _NO, "i will not": _NO, "don't": _NO, "do not": _NO,
}


_LEXICAL_YES = {"why not", "pourquoi pas", "why not then"}  # a question's form, a yes's meaning
_IN_SITU = {"quoi", "combien", "pourquoi", "why", "comment"}  # asks wherever it stands ("ils voient quoi")
_BEFORE_WH = (_YES, _NO, _POS, _FILLER, _INTENS, _SURE)


def _read_clause(units: list[_Unit], folded_clause: str, asked: bool) -> set[str]:
    """The signals of one clause: a subset of yes, no, doubt, question."""
    if not units:
        return set()
    whole = " ".join(u.text for u in units)
    if whole in _WHOLE_CLAUSE and not asked:
        return {_WHOLE_CLAUSE[whole]}
    if whole not in _LEXICAL_YES:
        question = _question(units, whole, folded_clause, asked)
        if question is not None:
            return question
    return _polarity([u.kind for u in units], [u.text for u in units])


def _question(units: list[_Unit], whole: str, folded_clause: str, asked: bool) -> set[str] | None:
    """{"question"} when the clause asks something, {doubt} for an echo ("oui ?"), else None."""
    kinds = [u.kind for u in units]
    first = next((u for u in units if u.kind != _FILLER), None)
    if first is not None and first.kind == _WH:
        return {"question"}
    if any(u.kind == _WH and u.text in _IN_SITU for u in units):
        return {"question"}
    if _ASK in kinds or _INVERSION.search(folded_clause) or _AUX_QUESTION.search(whole):
        return {"question"}
    if _WH in kinds and (_KNOW in kinds or _GRASP in kinds):
        return {"question"}  # "I'd like to know who sees it", "je sais pas qui le voit"
    for index, unit in enumerate(units):
        # "ok so who sees it": an interrogative word after nothing but yes/no words and fillers
        if unit.kind == _WH and index + 1 < len(units):
            if all(u.kind in _BEFORE_WH for u in units[:index]):
                return {"question"}
            break
    if asked:
        content = [k for k in kinds if k not in (_FILLER, _CONTRAST)]
        polar = [k for k in content if k in (_YES, _NO, _POS, _INTENS, _SURE, _DEGREE)]
        if len(content) > len(polar):
            return {"question"}
        return {_DOUBT}  # "oui ?", "ok?": an echo, not an answer
    return None


def _polarity(kinds: list[str], words: list[str]) -> set[str]:
    """Yes, no and doubt in a clause that asks nothing, with the scope of its negation."""
    signals: set[str] = set()
    if "si" in words:  # "si" inside a clause is "if"; alone, the French contradicting yes (a whole clause)
        signals.add(_DOUBT)
    negated = _NEG in kinds
    has_no = _NO in kinds
    for kind in kinds:
        if kind == _YES:
            signals.add(_YES)
        elif kind == _NO:
            signals.add(_NO)
        elif kind == _POS:
            signals.add(_NO if negated else _YES)
        elif kind == _SURE:
            signals.add(_DOUBT if negated else _YES)
        elif kind == _KNOW and negated:
            signals.add(_DOUBT)
        elif kind == _GRASP and negated:
            return {"question"}  # "je comprends pas": explain
        elif kind == _OBJECT:
            signals.add(_YES if negated or has_no else _NO)
        elif kind == _PREFER and (negated or has_no):
            signals.add(_NO)
        elif kind == _THINK:
            signals.add(_NO if negated or has_no else _DOUBT)
        elif kind in (_DOUBT, _CONDITION):
            signals.add(_DOUBT)
    if _OBJECT in kinds and has_no and not negated:
        # "no problem", "no worries": the no belongs to the objection
        signals.discard(_NO)
        if kinds.count(_NO) > 1:
            signals.add(_NO)
    if not any(k in _PREDICATES for k in kinds):
        if _INTENS in kinds:
            signals.add(_NO if negated or has_no else _YES)  # "bien sûr que non", "absolutely not"
        if _DEGREE in kinds and negated:
            signals.add(_NO)  # "pas vraiment", "not at all"
        if negated and not (signals & {_YES, _NO, _DOUBT}):
            signals.add(_NO)  # "never", "not now", "pas maintenant"
    elif _INTENS in kinds and has_no:
        signals.add(_NO)
    return signals


_MAX_UNKNOWN = 8
_STATEMENT_WORDS = 3  # unknown words in one clause that make it a statement unless it opens with yes/no


def _opens_with_answer(clause: list[_Unit]) -> bool:
    first = next((u for u in clause if u.kind != _FILLER), None)
    if first is None or first.text in _POLAR_VERBS:
        return False
    return first.kind in (_YES, _NO, _INTENS)


_POLAR_VERBS = {"keep", "keep it", "garde", "garde le", "refuse", "refuses", "decline", "stop", "cancel", "annule",
                "annuler", "oublie"}  # a no as an answer, a verb in a statement ("je garde ma soeur le soir")


def read_yes_no(text: str | None) -> Reading:
    """Read the person's answer to a yes/no question (English or French)."""
    if not text or not text.strip():
        return Reading(answer=Answer.unclear)
    folded = _fold(text)
    units = _units(folded, text)
    clauses = _clauses(units)
    signals: set[str] = set()
    question_start: int | None = None
    yes_before_contrast = False
    seen_yes = False
    unknown = 0
    for clause, asked, after_contrast in clauses:
        if after_contrast and seen_yes:
            yes_before_contrast = True
        clause_unknown = sum(1 for u in clause if u.kind == "other")
        unknown += clause_unknown
        span = folded[clause[0].start:clause[-1].end] if clause else ""
        found = _read_clause(clause, span, asked)
        if clause_unknown >= _STATEMENT_WORDS and not _opens_with_answer(clause):
            found = found - {_YES, _NO}  # "g aussi gardé des enfants": a statement, not an answer
        if "question" in found and question_start is None:
            question_start = clause[0].start if clause else None
        signals |= found
        if _YES in found:
            seen_yes = True
    if question_start is not None:
        return Reading(answer=Answer.question, question=text[question_start:].strip())
    if "question" in signals:
        return Reading(answer=Answer.question, question=text.strip())
    if _DOUBT in signals or yes_before_contrast or unknown > _MAX_UNKNOWN:
        return Reading(answer=Answer.unclear)
    if _YES in signals and _NO in signals:
        return Reading(answer=Answer.unclear)
    if _YES in signals:
        return Reading(answer=Answer.yes)
    if _NO in signals:
        return Reading(answer=Answer.no)
    return Reading(answer=Answer.unclear)


def is_yes(text: str | None) -> bool:
    """An unambiguous yes."""
    return read_yes_no(text).answer == Answer.yes


def is_no(text: str | None) -> bool:
    """An unambiguous no."""
    return read_yes_no(text).answer == Answer.no
