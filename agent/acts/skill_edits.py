"""Reading a message at a skill confirmation into skill acts: keep all, reject all, keep only,
remove (by number, ordinal, name or description, with negation), add in free words.

    "lawn care?? no. remove 2 4 7 8"                   -> remove 2,4,7,8 and lawn care
    "no i never did accounting"                         -> remove the accounting skills only
    "remove 4 and 5 and 7, i didnt manage anyone lol"   -> remove 4,5,7 and the people-management ones
    "c bon" / "all good"                                -> keep all
    "c'est bon sauf la vente"                           -> keep all, remove the selling ones
    "all but the last" / "not 3"                        -> keep all but the last / remove 3
    "no accounting, and add driving"                    -> remove accounting, add "driving"

The message is split into clauses; each clause gets a polarity (negative, keep, general yes, general
no, bare "no") and targets (option numbers, labels it names or describes, things named that are not
on screen). A clause with targets and no polarity takes the polarity of the clause before it, or of
a bare "no" right after it ("lawn care?? no.")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.acts.mentions import content_words, labels_named, numbers_in
from agent.acts.models import Act, ActKind
from agent.acts.spelling import tidy
from agent.language import normalise

_SPLIT = re.compile(r"[.!?;\n]+|,|\b(?:but|mais|and|et|ni|nor|sauf|except|excepte|apart from|a part|other than|then|puis)\b|"
                    r"(?=\b(?:the rest|rest|le reste|les autres|the others|others)\b)")
_EXCEPT = re.compile(r"\b(sauf|except|excepte|apart from|a part|other than|all but|everything but|tout sauf|but not|mais pas)\b")
_NEG = re.compile(
    r"n't\b|\b(not|no|non|nope|never|wrong|remove|delete|drop|untick|uncheck|without|nope|nah|incorrect|false|untrue|"
    r"take (?:it |them |those |that |this |these )?(?:out|off|away)|get rid|scrap|cross (?:out|off)|lose|ditch|"
    r"pas|jamais|ne|n'|faux|fausse|enleve\w*|retire\w*|supprime\w*|vire\w*|sans|efface\w*|barre\w*|elimine\w*|"
    r"rien a voir|pas moi|not me|nothing to do|no idea)\b"
)
_KEEP = re.compile(r"\b(keep|only|just|garde\w*|seulement|uniquement|juste|ne garde|que (?:le|la|les|\d))\b")
_ADD = re.compile(r"^(?:and |et |please |also |aussi )*(?:add|(?:also|aussi),? (?:i can|i know how to|i did|je sais|je peux|j'ai fait)|ajoute\w*|rajoute\w*|mets? aussi|put in|include|i can also|i also|"
                  r"je sais aussi|j'ai aussi|you forgot|tu as oublie|vous avez oublie|missing|il manque)\b[\s:]*(?P<what>.*)$")
_GENERAL_YES = re.compile(
    r"^(?:(?:ok|okay|yes|yeah|yep|oui|ouais|so|bon|alors|well|vas-y|vas y|go|sure)\s+)*(?:oui|ouais|yes|vas-y|vas y|go ahead|"
    r"je garde tout|on garde tout|on garde|je garde|garde tout|garde les|garde|keep those|all good|"
    r"c'est (?:nickel|parfait|top|good|juste|correct|ca)|all fine|fine|good|ok|okay|k|kk|okk|oki|okey|yup|ya|ye|yea|yeh|yh|dac|d'acc|ouaip|"
    r"yes|yeah|yep|sure|perfect|great|correct|right|"
    r"mostly right|mostly good|mostly correct|looks good|look good|looks right|sounds good|that's right|that's it|"
    r"(?:the )?rest(?: is| are)?(?: fine| good| ok| right| correct)?|(?:keep )?(?:the )?(?:rest|others|other ones)|"
    r"all(?: of them| of these)?(?: are)?(?: fine| good| ok| right| correct)?|everything(?: else)?(?: is)?(?: fine| good| ok| right)?|"
    r"keep(?: them)?(?: all)?|keep everything(?: else)?|yes all|all yes|c'est bon|c'est ok|c'est tout bon|tout(?: est)? bon|"
    r"(?:le )?reste(?: est)?(?: bon| ok| juste)?|parfait|nickel|ca me va|ca va|d'accord|tout le reste|tout|toutes|tous|"
    r"exact|c'est juste|c'est correct|valide\w*|je valide|confirme\w*|je confirme|oui tout|garde[rz]? tout|tout garder|"
    r"les autres(?: sont)?(?: bons?| ok)?|globalement(?: c'est)?(?: bon| juste)?|dans l'ensemble(?: c'est)?(?: bon)?|mostly|"
    r"validate all|validate|valider tout|tout valider|keep all|yes to all|all of it|tout est juste|ca colle|that's me|"
    # nothing to change or add: "that's all", "c'est tout", "rien à ajouter"
    r"that'?s all|that is all|nothing to add|nothing else|c'est tout|rien a (?:ajouter|changer|redire)|rien d'autre)$")
_GENERAL_NO = re.compile(
    r"^(?:none|none of (?:them|these|it|those)|nothing|all wrong|wrong all(?: of them)?|all of them wrong|tout faux|all of them are wrong|aucune?|aucune de (?:celles-ci|ces competences|ces)|"
    r"rien|rien de tout ca|tout (?:est )?faux|c'est tout faux|reject all|remove all|delete all|remove them all|"
    r"tout (?:retirer|enlever|supprimer)|retire[rz]? tout|enleve[rz]? tout|supprime[rz]? tout|not at all|pas du tout|"
    r"none apply|nope none|non aucune|non rien|aucune ne va|none fit|none of that|that's not me at all|rien ne va)$|"
    r"^(?:(?:no|nope|non|nan|nah)\s+)?(?:none|nothing|aucune?|rien)\b(?!.*\b(?:but|except|sauf|apart|a part|other than|excepte)\b)")
# "yeah those are right", "all of these apply", "tout colle": approval with nothing pointed at
_APPROVAL = re.compile(r"\b(right|correct|fine|good|apply|applies|fit|fits|true|accurate|bon|bons|bonnes|colle|collent|juste|justes|"
                       r"exact|exactes|vrai|vraies|ok|parfait|nickel|bien)\b")
# "3 is more like driving a forklift", "la 2 c'est plutôt la mise en rayon", "not 4 but stock counting"
_RENAME = re.compile(
    r"^(?:number |no |n° |la |le |skill |competence )?(?P<n>\d{1,2}) (?:is|=|should be|c'est|devrait etre|serait)\s+"
    r"(?:actually |rather |more like |more |really |plutot |plus |en fait |en vrai )+(?P<new>[a-z].{2,60})$|"
    r"^(?:not|pas) (?:la |le |number )?(?P<n2>\d{1,2}),? (?:but|mais|plutot) (?P<new2>[a-z].{2,60})$")
_BARE_NO = re.compile(r"^(?:no+|non+|nope|nah|nan|pas ca|not that|nop)$")
_ANAPHORA = re.compile(r"\b(those|these|them|that|this one|it|ceux-la|celles-la|ca|cela|les|la|le)\b")


@dataclass
class _Clause:
    text: str
    and_next: bool = False  # joined to the next clause by "and" / "et" / "ni" ("2 and 8 are wrong")
    polarity: str = ""  # neg | keep | yes | no | bare_no | add | ""
    items: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    add: str = ""
    after_except: bool = False


def _clauses(t: str) -> list[_Clause]:
    out: list[_Clause] = []
    pos = 0
    after_except = False
    for match in _SPLIT.finditer(t):
        piece = t[pos:match.start()].strip(" ,:-")
        if piece:
            out.append(_Clause(piece, after_except=after_except,
                               and_next=match.group(0).strip() in ("and", "et", "ni", "nor")))
        after_except = bool(_EXCEPT.match(t[match.start():]))
        pos = match.end()
    tail = t[pos:].strip(" ,:-")
    if tail:
        out.append(_Clause(tail, after_except=after_except))
    return out


def read_skill_edits(text: str, labels: list[str]) -> list[Act]:
    """Skill acts in ``text``, read against the ``labels`` on screen (numbered from 1)."""
    raw = (text or "").strip()
    if raw.startswith(("✗", "❌", "✖")) and not raw.strip("✗❌✖ "):
        return [Act(kind=ActKind.reject_all, text=raw)]
    t = tidy(normalise(raw))
    cross = raw.startswith(("✗", "❌", "✖"))
    t = re.sub(r"^(remove|retirer|retire|supprimer) ?: ?", r"\1 ", t)
    n = len(labels)
    if not t:
        return []
    if _GENERAL_YES.match(t.strip(" .!")):
        return [Act(kind=ActKind.keep_all, text=raw)]
    if _GENERAL_NO.match(t.strip(" .!")) or _BARE_NO.match(t.strip(" .!")):
        return [Act(kind=ActKind.reject_all, text=raw)]
    rename = _RENAME.match(t.strip(" .!"))
    if rename:
        number = int(rename.group("n") or rename.group("n2"))
        new = (rename.group("new") or rename.group("new2")).strip(" .!")
        if 1 <= number <= n:
            return [Act(kind=ActKind.rename_skill, items=[number - 1], text=new)]
    whole_except = re.match(r"^(?:keep )?(?:all|everything|tout|toutes|tous|all good|c'est bon|ok|good|fine|bien|c'est bien|tres bien|oui|yes|parfait|perfect)\s*(?:but|except|sauf|mais pas|apart from)\b(?P<rest>.*)$", t)

    clauses = _clauses(t)
    if whole_except:
        for clause in clauses[1:]:
            clause.after_except = True
    none_except = bool(re.match(r"^(?:none|nothing|aucune?|rien|no+|non)\s*(?:but|except|sauf|apart from|a part)\b", t))
    for clause in clauses:
        c = clause.text
        add = _ADD.match(c)
        if add:
            clause.polarity, clause.add = "add", add.group("what").strip(" .:")
            continue
        if _BARE_NO.match(c):
            clause.polarity = "bare_no"
            continue
        if _GENERAL_NO.match(c):
            clause.polarity = "no"
            continue
        if (_GENERAL_YES.match(c) or (_APPROVAL.search(c) and not _NEG.search(c) and not labels_named(c, labels))) \
                and not numbers_in(c, n):
            clause.polarity = "yes"
            continue
        clause.items = [i - 1 for i in numbers_in(c, n)]
        named = labels_named(c, labels) if not clause.items or len(content_words(c)) >= 1 else []
        clause.items = sorted(dict.fromkeys([*clause.items, *named]))
        if not clause.items:
            words = content_words(re.sub(_NEG, " ", c))
            if words and not _ANAPHORA.fullmatch(" ".join(words)):
                clause.names = [" ".join(words)]
        if clause.after_except and none_except:
            clause.polarity = "keep"
        elif clause.items and _APPROVAL.search(c) and not _NEG.search(c):
            clause.polarity = "keep"  # "first four are fine"
        elif not clause.items and re.search(r"\b(rest|reste|others|autres|other ones)\b", c) and _NEG.search(c):
            clause.polarity, clause.names = "rest_no", []  # "rest no": keep only what was kept
        elif clause.after_except or _NEG.search(c) or cross:
            clause.polarity = "neg"
        elif _KEEP.search(c):
            clause.polarity = "keep"
        if not clause.items and not clause.names and clause.polarity == "neg" and _ANAPHORA.search(c):
            clause.polarity = "neg_back"  # "take those out": the targets just named

    # polarity of clauses that only point at something
    for i, clause in enumerate(clauses):
        if clause.polarity or not (clause.items or clause.names):
            continue
        after = clauses[i + 1] if i + 1 < len(clauses) else None
        before = next((c for c in reversed(clauses[:i]) if c.polarity in ("neg", "keep")), None)
        if after is not None and after.polarity in ("bare_no", "no", "neg_back"):
            clause.polarity = "neg"
        elif after is not None and clause.and_next and after.polarity in ("neg", "keep"):
            clause.polarity = after.polarity
        elif after is not None and after.polarity == "neg" and not (after.items or after.names):
            clause.polarity = "neg"
        elif before is not None:
            clause.polarity = before.polarity
        elif after is not None and after.polarity in ("yes",):
            clause.polarity = "keep"
        else:
            clause.polarity = "pick"

    remove: list[int] = []
    names: list[str] = []
    keep: list[int] = []
    adds: list[str] = []
    general_yes = bool(whole_except) or any(c.polarity == "yes" for c in clauses)
    general_no = any(c.polarity == "no" for c in clauses)
    for clause in clauses:
        if clause.polarity == "neg":
            remove += clause.items
            names += clause.names
        elif clause.polarity in ("keep", "pick"):
            keep += clause.items
        elif clause.polarity == "add" and clause.add:
            adds.append(clause.add)
    keep = [i for i in keep if i not in remove]
    acts: list[Act] = []
    if general_yes and (remove or names) and not keep:
        acts.append(Act(kind=ActKind.keep_all, text=raw))
    elif general_no and keep:
        pass  # "none except 2": keep only 2
    elif general_no and not remove and not names:
        acts.append(Act(kind=ActKind.reject_all, text=raw))
    elif general_yes and not keep and not adds:
        acts.append(Act(kind=ActKind.keep_all, text=raw))
    elif general_yes and adds and not keep:
        acts.append(Act(kind=ActKind.keep_all, text=raw))
    if keep:
        acts.append(Act(kind=ActKind.keep_skills, items=sorted(dict.fromkeys(keep)), text=raw))
    if remove or names:
        acts.append(Act(kind=ActKind.remove_skills, items=sorted(dict.fromkeys(remove)), names=list(dict.fromkeys(names)),
                        text=raw))
    acts += [Act(kind=ActKind.add_skill, text=a) for a in adds]
    return acts
