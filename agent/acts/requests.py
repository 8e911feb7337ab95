"""Rules for the acts that are not skill edits, sentence by sentence: a request about the
conversation (erase, export, revoke, a sharing rule, "what do you know about me", switch language,
restart, help, go back) fires only when the sentence IS that request, never when it tells something
("I speak English", "I erased the boards", "j'ai aidé à exporter"); corrections, changes of target,
questions about the advice, "i just said", chit-chat.

Each function takes one sentence already ``normalise``d and ``tidy``d."""

from __future__ import annotations

import re

from agent import intents as legacy
from agent.acts.models import Act, ActKind
from agent.answers import is_no_more, parse_duration_months
from agent.consent_rules import parse_rule

# A sentence that starts by telling something about the person is content, whatever words follow,
# unless it asks for something ("i want to", "je voudrais", "can i").
_SELF = re.compile(
    r"^(?:and |also |then |so |et |puis |alors |aussi |but |mais |well |bon |euh |um |oh )*"
    r"(?:i|i've|i'm|i'd|i was|we|we've|we're|my|me and|when i|at my|in my|as a|as an|for \d+|"
    r"je|j'|nous|on|mon|ma|mes|moi j'|quand j|chez|pendant|depuis|en tant que|comme)\b")
_ASKS = re.compile(
    r"^(?:and |also |so |et |alors |aussi |but |mais |well |bon |euh |um |oh |please )*(?:i|je|j'|we|nous|on)\s*(?:"
    r"want|wanna|would like|'d like|d like|need|wish|prefer|would prefer|'d prefer|would rather|'d rather|demand|ask you|"
    r"can|could|may|am asking|veux|voudrais|aimerais|souhaite|souhaiterais|prefere|preferais|prefererais|peux|pourrais|"
    r"pourrait|peut|dois|demande|ne veux|n'aime pas que|do not want|don't want|would not like|never want|"
    r"withdraw|revoke|retract|take back|hereby|retire|revoque|annule|exige|recommence|reprend|repart|revient|retourne)\b")
_NARRATIVE_VERB = re.compile(
    r"\b(?:i|we|je|j'|nous|on)\s+(?:\w+\s+)?(?:worked|was|were|did|helped|erased|exported|deleted|cleaned|used|made|took|"
    r"speak|spoke|talk|talked|translate|translated|restarted|managed|ran|taught|sold|drove|ai|avais|avons|etais|parle|"
    r"parlais|aidais|travaille|travaillais|faisais|fais|gerais|suis|etait)\b")

_SWITCH = [
    (re.compile(r"^(?:(?:can|could) (?:we|you) |let'?s |please |pls )?(?:speak|talk|write|continue|go on|switch|change|do this|carry on|reply|answer)?"
                r"\s*(?:to |in )?english(?: please| pls| plz)?\??$|\bswitch (?:to|into) english\b|\b(?:in|en) english please\b|"
                r"^(?:en )?anglais(?: s'il vous plait| please)?\??$|\b(?:parle[rz]?|continue[rz]?|passe[rz]?|ecri[st]|repond\w*) en anglais\b|"
                r"^(?:on peut |peut[- ]on |tu peux |vous pouvez |pouvez[- ]vous |tu peux me )?(?:parle[rz]?|continue[rz]?|passe[rz]?|ecri[st]|repond\w*) anglais"
                r"(?: svp| stp| s'il (?:te|vous) plait| please)?\s*[?!.]*$|"
                r"\bdo you speak english\b|\benglish please\b|\bcan we do (?:it|this) in english\b"), "en"),
    (re.compile(r"^(?:(?:can|could) (?:we|you) |let'?s |please )?(?:speak|talk|write|continue|go on|switch|change|carry on|reply|answer)?"
                r"\s*(?:to |in )?french(?: please| pls| plz)?\??$|\bswitch (?:to|into) french\b|\bin french please\b|"
                r"^(?:en )?francais(?: s'il vous plait| please)?\??$|\b(?:parle[rz]?|continue[rz]?|passe[rz]?|ecri[st]|repond\w*|parlez|on peut parler) en francais\b|"
                r"^(?:on peut |peut[- ]on |tu peux |vous pouvez |pouvez[- ]vous |tu peux me )?(?:parle[rz]?|continue[rz]?|passe[rz]?|ecri[st]|repond\w*) francais"
                r"(?: svp| stp| s'il (?:te|vous) plait| please)?\s*[?!.]*$|"
                r"\ben francais(?: s'il vous plait| svp)?\??$|\bfrench please\b|\bparlez[- ]vous francais\b|\btu parles francais\b"), "fr"),
]
_ABOUT_ME_MORE = re.compile(r"\b(?:tu sais|vous savez|you know|u know|tu as|vous avez) (?:quoi|what|koi) (?:sur|about|de|on) (?:moi|me)\b")
_EXPORT_MORE = re.compile(r"\b(?:get|have|receive|take|recuperer|avoir|obtenir|recevoir|garder)\b.{0,12}\b(?:my|mes|all my|toutes mes) "
                          r"(?:data|donnees|profile|profil|info|infos|information|informations)\b")
# a request anywhere in the sentence, when it ends it ("ok so can we continue in english?"); content goes on
# after the language ("talking in english with tourists", "parler en anglais avec les clients")
_POLITE_END = r"(?: please| pls| plz| svp| stp| s'il (?:te|vous) plait| now| maintenant)?\s*[?!.]*$"
_SWITCH_ANY = [
    (re.compile(r"\b(?:continue|speak|talk|write|switch|go on|carry on|answer|reply|chat)\b.{0,15}\b(?:in|to|into) english" + _POLITE_END + "|"
                r"\b(?:continuer|parler|passer|ecrire|repondre|discuter)\b.{0,12}\ben anglais" + _POLITE_END), "en"),
    (re.compile(r"\b(?:continue|speak|talk|write|switch|go on|carry on|answer|reply|chat)\b.{0,15}\b(?:in|to|into) french" + _POLITE_END + "|"
                r"\b(?:continuer|parler|passer|ecrire|repondre|discuter)\b.{0,12}\ben francais" + _POLITE_END), "fr"),
]
_GO_BACK = re.compile(
    r"^(?:(?:can|could) we |let'?s |please |je veux |je voudrais |on peut |peut[- ]on |i want to |)?(?:go |get |come )?back(?: please)?$|"
    r"\bgo back\b|\btake me back\b|\bramene[- ]moi\b|\bprevious (?:question|step)\b|\bstep back\b|^undo\b|\bback to (?:the )?(?:previous|last|skills|experiences?)\b|"
    r"\b(?:revenir|retourner|retour|reviens|revenons|retournons|reculer|recule)\b(?: (?:en arriere|a la question precedente|a l'?etape precedente|avant))?|"
    r"\bquestion precedente\b|\betape precedente\b|\ben arriere\b|^retour$")
_RESTART = re.compile(r"^(?:(?:can|could) we |let'?s |please |je veux |on peut |peut[- ]on |i want to )?(?:start (?:again|over|from scratch)|restart|"
                      r"recommencer|recommence|on recommence|reset|tout recommencer|repartir de zero|start afresh)\b|^/start\b|\bfrom the (?:start|beginning)\b|"
                      r"\b(?:reprendre|recommencer) (?:depuis|du|au) (?:le )?debut\b")
_HELP = re.compile(r"^(?:help|aide|au secours|/help|\?+|help me|aide[- ]moi|i need help|j'ai besoin d'aide)(?: please| s'il vous plait)?$|"
                   r"\bwhat can you do\b|\bque (?:peux|pouvez)[- ](?:tu|vous) faire\b|\bhow does (?:this|it) work\b|"
                   r"\bcomment (?:ca|cela) (?:marche|fonctionne)\b|\bwhat (?:should|do) i (?:type|say|write|answer)\b|"
                   r"\bje (?:ne )?comprends? pas (?:ce que|quoi)\b|\bi don'?t understand (?:what|how)\b")
_DONE = re.compile(r"\b(?:i (?:just|already) (?:said|told you|did|answered|wrote)|already (?:said|told you)|i said (?:it|that|already)|"
                   r"as i said|like i said|see above|read above|it'?s above|"
                   r"je (?:viens de|l'ai deja|te l'ai deja|vous l'ai deja) (?:le )?(?:dire|dit|ecrit)|deja dit|je l'ai dit|"
                   r"c'est ce que (?:je viens de|j'ai) dit|comme je (?:l'ai )?(?:dit|disais)|je viens de (?:le dire|repondre|l'ecrire))\b|"
                   r"^(?:nah|no|nope|non|nan)?,?\s*(?:that'?s|c'est) (?:everything|all|it|tout)[.!]*$|"
                   r"^(?:nothing|none|rien|pas grand[- ]chose|not much)(?: really| much| special| in particular| de special| de particulier| du tout)?[.!]*$")
_CHANGE_TARGET = re.compile(
    r"(?:\b(?:plutot|rather|instead)\b|\bchanger? (?:pour|de (?:metier|cible|objectif)|d'avis)\b|\bje voulais (?:changer|plutot|faire)\b|"
    r"\bchange (?:it |my (?:target|goal|choice|mind) |the target )?(?:to|for)\b|\bchange my mind\b|\bi changed my mind\b|"
    r"\bi(?:'d| would) (?:rather|prefer|like to)? ?(?:be|become|go for|do|pick|choose)\b|\bi want to (?:be|become|go for|pick|choose)\b|"
    r"\bje (?:veux|voudrais|prefere|prefererais|prends|choisis) (?:etre|devenir|faire|plutot|le metier)\b|"
    r"\bje (?:prefere|prefererais) (?!pas\b)|\bi(?:'d| would)? prefer (?!not\b)|"
    r"\bfinalement\b|\bon second thought\b|\bswitch (?:the )?target\b|\bpick (?:another|a different) (?:job|one|target)\b)")
_TARGET_TAIL = re.compile(
    r"(?:plutot|rather(?: be)?|instead|changer pour|change (?:it |my target |my goal |the target )?(?:to|for)|be|become|devenir|etre|"
    r"prefere|prefererais|prefer|"
    r"go for|pick|choose|choisis|prends|faire|le metier de|finalement|on second thought)\s+(?:un |une |a |an |le |la |the |du |de la |des |d')?"
    r"(?P<what>[a-z][a-z' -]{2,60}?)(?:\s+(?:please|s'il vous plait|instead|plutot|alors|finalement|en fait|actually))?\s*[.!?]*$")
_ADVICE = re.compile(
    r"\b(?:why|pourquoi|how come|comment ca se fait|what about|et (?:si|pour)|what'?s the (?:link|connection|point)|"
    r"c'est quoi le (?:rapport|lien)|quel (?:est le )?(?:rapport|lien)|le rapport avec|what does .{1,40} have to do|"
    r"who is|who are|qui est|c'est qui|is (?:it|he|she|this|that) (?:a )?(?:real|human)|une vraie personne|a real person|"
    r"why (?:this|that|these)|what is this (?:course|training|job)|c'est quoi (?:cette|ce) (?:formation|metier|cours)|"
    r"how (?:does|would) (?:this|that|it) help|en quoi|a quoi (?:ca|cela) (?:sert|me sert)|is (?:it|this) (?:free|paid|online)|"
    r"c'est (?:payant|gratuit|en ligne)|how long is|combien de temps dure|where (?:is|does)|ou (?:est|se passe))\b|"
    r"\b(?:is|are|c'est|est-ce)\b.{1,40}\b(?:free|paid|online|gratuit|gratuite|payant|payante|en ligne)\b")
_ADVICE_PHASES = ("moves", "plan", "sharing", "wrapup", "ended")
_CORRECTION_MARK = re.compile(
    r"^(?:actually|in fact|correction|to correct|sorry,? i meant|i meant|i mean,|oops|my mistake|wait,?|no,? actually|no wait|"
    r"en fait|en realite|correction|je voulais dire|pardon|oups|erreur|non,? en fait|je me suis trompe\w*|je rectifie|attends?,?)\b|"
    r"\bit was actually\b|\bc'?etait en fait\b|\b(?:years?|months?|ans?|mois),? not \d+|\bpas \d+ (?:ans?|mois)\b.*\bmais\b|"
    r"\bnot \d+ (?:years?|months?)\b|\bet non pas\b|\binstead of \d+\b|\bau lieu de \d+\b|"
    r"\b(?:ans?|mois|years?|months?),? (?:pas|not) \d+\b|^(?:non|no),? (?:c'?etait|it was)\b")
_DENIAL = re.compile(r"^(?:no,? |non,? |and |et |also |btw |by the way |oh and )?(?:i (?:never|didn't|did not|have never|haven't|don't|do not|wasn't|was never)|"
                     r"i've never|je n'ai jamais|j'ai jamais|je n'ai pas|j'ai pas|je ne (?:\w+ )?(?:jamais|pas)|never did|jamais fait|pas fait)\b")
_REMOVE_SKILL = re.compile(r"^(?:please |can you |could you |pls )?(?:remove|delete|drop|take out|take off|untick|reject|retire[rz]?|enleve[rz]?|"
                          r"supprime[rz]?|rejette[rz]?)\s*:?\s+(?:the skill |skill |la competence )?(?P<what>.+)$")
_PLACE = re.compile(r"\b(?:in|at|a|au|en|near|pres de|from|de)\s+(?P<place>[A-Z][\w'-]+(?: [A-Z][\w'-]+)?)")
_TITLE = re.compile(r"\b(?:i was (?:a|an)|it was (?:a|an)|j'etais|c'etait) (?P<title>[a-z][a-z' -]{2,40}?)(?:,? not\b| et non\b| pas\b|$)")
_DURATION_ONLY = re.compile(
    r"^(?:(?:for|about|around|roughly|almost|nearly|over|more than|less than|like|since|depuis|pendant|environ|presque|plus de|moins de|"
    r"ca fait|it'?s been|been|c'est|it was|c'etait|oh|um|euh|bah|ben|hmm|just|only|seulement|juste|a peu pres)\s+)*"
    r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|a|an|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|"
    r"a couple of|a few|quelques|several|plusieurs|half a|six)\s*(?:and a half |et demi )?(?:years?|yrs?|ans?|annees?|months?|mois|weeks?|semaines?)\b")


def is_self_statement(s: str) -> bool:
    """The sentence tells something about the person (content), rather than asking the agent."""
    if _ASKS.search(s):
        return False
    return bool(_SELF.search(s) or _NARRATIVE_VERB.search(s))


def global_request(s: str, raw: str, strict_rules: bool) -> Act | None:
    """The conversation request this sentence IS, or None (content, an answer, a question)."""
    if legacy.is_injection(raw):
        return Act(kind=ActKind.injection, text=raw)
    rule = parse_rule(s, strict=strict_rules) or (parse_rule(s) if _ASKS.search(s) and re.search(r"\bpartag|\bshar", s) else None)
    if rule is None and re.search(r"\b(?:je ne veux plus|i don'?t want (?:you )?to share)\b.*\b(partag\w*|share)\b", s):
        rule = parse_rule(re.sub(r"je ne veux plus (partag\w*)", r"ne \1 plus", s).replace("don't want you to share", "never share")
                          .replace("don't want to share", "never share"))
    if rule is not None:
        return Act(kind=ActKind.sharing_rule, payload=rule.payload, text=raw)
    telling = is_self_statement(s)
    if not telling:
        if any(re.search(p, s) for p in legacy._ERASE):
            return Act(kind=ActKind.erase, text=raw)
        if any(re.search(p, s) for p in legacy._REVOKE):
            return Act(kind=ActKind.revoke, text=raw)
        if any(re.search(p, s) for p in legacy._EXPORT) and len(s.split()) <= 14:
            return Act(kind=ActKind.export, text=raw)
        if any(re.search(p, s) for p in legacy._ABOUT_ME) or _ABOUT_ME_MORE.search(s):
            return Act(kind=ActKind.ask_profile, text=raw)
        if _EXPORT_MORE.search(s):
            return Act(kind=ActKind.export, text=raw)
    if _ASKS.search(s) or not telling:
        for pattern, lang in [*_SWITCH, *_SWITCH_ANY]:
            if pattern.search(s):
                return Act(kind=ActKind.switch_language, lang=lang, text=raw)
        if _RESTART.search(s):
            return Act(kind=ActKind.restart, text=raw)
        if _GO_BACK.search(s) and len(s.split()) <= 9:
            return Act(kind=ActKind.go_back, text=raw)
        if _HELP.search(s):
            return Act(kind=ActKind.help, text=raw)
        if _ASKS.search(s):  # "je voudrais effacer mes données", "i want to export my profile"
            if any(re.search(p, s) for p in legacy._ERASE):
                return Act(kind=ActKind.erase, text=raw)
            if any(re.search(p, s) for p in legacy._EXPORT):
                return Act(kind=ActKind.export, text=raw)
            if any(re.search(p, s) for p in legacy._REVOKE):
                return Act(kind=ActKind.revoke, text=raw)
    return None


_NO_MORE_WORDS = {"that's", "thats", "that", "else", "more", "nothing", "thanks", "thank", "merci", "autre", "rien", "tout",
                  "fini", "done", "finished", "really", "vraiment", "all", "c'est", "non", "nope", "nan", "other", "plus"}


def is_done(s: str) -> bool:
    """Nothing more to add ("that's all", "i just said"); "no nights" or "non, pas le week-end" are answers."""
    if _DONE.search(s):
        return True
    if not (is_no_more(s) and len(s.split()) <= 8):
        return False
    from agent.acts.mentions import content_words

    return not [w for w in content_words(s) if w not in _NO_MORE_WORDS]


def change_target(s: str, raw: str) -> Act | None:
    if not _CHANGE_TARGET.search(s):
        return None
    tail = re.split(r"[,;]", s)[-1].strip(" .!?")
    before = re.match(r"^(?:(?:maybe|peut-etre|non|no|euh|bah)\s+)*(?:a |an |un |une |le |la )?(?P<what>[a-z][a-z' -]{2,40}?)\s+(?:instead|plutot|rather)$", tail)
    match = _TARGET_TAIL.search(s)
    what = before.group("what").strip() if before else (match.group("what").strip() if match else "")
    what = re.sub(r"^(?:en fait|non|euh|bah|attends?|finalement|plutot|rather)\s+", "", what).strip()
    if not what or what in ("non", "no", "that", "ca", "this", "it", "one", "other", "autre", "other one"):
        return None
    return Act(kind=ActKind.change_target, text=what)


def is_advice_question(s: str, raw: str, phase: str) -> bool:
    question = raw.strip().endswith("?") or bool(legacy._QUESTION_START.search(s))
    if phase in _ADVICE_PHASES:
        return question or bool(_ADVICE.search(s))
    return False


def correction(s: str, raw: str, profile_skills: list[str]) -> Act | None:
    from agent.acts.mentions import labels_named

    removal = _REMOVE_SKILL.match(s)
    if removal and profile_skills:
        named = labels_named(removal.group("what"), profile_skills)
        if named:
            return Act(kind=ActKind.correct_fact, field="skill", items=named, text=raw)
    if _DENIAL.search(s) and profile_skills and len(s.split()) <= 16:
        named = labels_named(s, profile_skills)
        if named:
            return Act(kind=ActKind.correct_fact, field="skill", items=named, text=raw)
    if not _CORRECTION_MARK.search(s):
        return None
    months = parse_duration_months(re.split(r"\b(?:not|pas|et non|instead of|au lieu de)\b", s, maxsplit=1)[0])
    if months is not None:
        return Act(kind=ActKind.correct_fact, field="duration", months=months, text=raw)
    place = _PLACE.search(raw)
    if place and not re.search(r"\b(?:years?|ans?)\b", s):
        return Act(kind=ActKind.correct_fact, field="place", text=place.group("place"))
    title = _TITLE.search(s)
    if title:
        return Act(kind=ActKind.correct_fact, field="title", text=title.group("title").strip())
    return Act(kind=ActKind.correct_fact, field="detail", text=raw)


def duration_only(s: str) -> int | None:
    """Months, when the sentence is an answer about how long ("3 years, every June", "depuis 2 ans")."""
    match = _DURATION_ONLY.search(s)
    if not match:
        return None
    rest = s[match.end():]
    from agent.acts.mentions import content_words

    extra = [w for w in content_words(rest) if w not in ("every", "each", "chaque", "tous", "summer", "ete", "weekend",
                                                          "weekends", "june", "juin", "july", "juillet", "august", "aout",
                                                          "year", "years", "ans", "time", "part", "full", "temps", "partiel",
                                                          "plein", "now", "maintenant", "ago", "since", "then", "about",
                                                          "environ", "week", "semaine", "month", "mois", "holidays", "vacances",
                                                          "school", "scolaires", "saison", "season", "seasonal", "job", "there",
                                                          "off", "and", "more", "less", "than", "que", "plus", "moins")]
    if len(extra) > 1:
        return None
    return parse_duration_months(s)


def chit_chat(s: str, raw: str) -> bool:
    return any(re.search(p, s) for p in legacy._OFF_TOPIC_SUBJECTS)


def is_question(s: str, raw: str) -> bool:
    return raw.strip().endswith("?") or bool(legacy._QUESTION_START.search(s))
