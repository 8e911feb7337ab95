"""Skills a person implies rather than names: "it was the rush all day" is *cope with stress*, "par
tous les temps" *work in outdoor conditions*, "je gérais la caisse toute seule" *work independently*.

A counsellor hears these transversal skills in how people describe their work; the sentence encoder
ranks them in the hundreds (a quarter of the person dev sets' gold skills are such, and no occupation
lists them). Each skill here has cue phrases in English and French, written from how people talk
about work: a first list before looking at any benchmark sentence, then "we" / "on" for teamwork,
outdoor workplaces, and orders a day for time, added after reading what the dev sets missed. A cue
in the person's words lifts the skill near the top of what the text suggests
(``PersonStyle.implied_share``), with the clause that says it as its evidence; the same words about
someone else ("elle est très seule") do not make the person independent. The same goes for the everyday
names of the commonest tasks of shops and cafés ("doing the till", "je tenais la caisse"), which the
encoder reads as other words.

Skills are named by their ESCO English preferred labels; a label the knowledge base lacks (a small
test fixture) is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from tools.linking.text_normalisation import fold_in_place


@dataclass(frozen=True)
class ImpliedSkill:
    label: str  # ESCO English preferred label
    en: str  # cue pattern over lower-case text without accents
    fr: str


# sports as people name them, in both languages (also what tells a sport told beside another activity:
# agent.acts.new_experience)
SPORTS = (r"football|foot|soccer|basket\w*|rugby|tennis|handball|hand|volley\w*|judo|karate|boxe|boxing|swim\w*|natation|"
          r"danse|dance|dancing|running|athleti\w*|cycling|velo de route|muscu\w*|gym|gymnastique|gymnastics|escalade|climbing|"
          r"equitation|horse riding|badminton|ping-pong|table tennis|skate\w*|surf|hockey|netball|cricket|martial arts|"
          r"arts martiaux|taekwondo|kick-?boxing")
# team sports: playing one is working in a team
_TEAM_SPORTS = r"football|foot|soccer|basket\w*|rugby|handball|hand|volley\w*|hockey|netball|cricket"

_SKILLS = (
    ImpliedSkill(
        "manage time",
        r"(well )?organi[sz]ed|deadlines?|on time|punctual\w*|juggl\w+|multi-?task\w*|priorit\w+|time management|"
        r"manag\w+ my (own )?time|(several|many|lots of) (things|tasks) at once|"
        r"\b\d+(-\d+)? (orders|deliveries|drops|customers|covers|parcels|rooms|calls|tables|visits|people|patients|residents|"
        r"clients|families) (a|an|per|each|every)\b",
        r"organisee?s?|s'organiser|organisation|dans les temps|a l'heure|ponctuel\w*|jongl\w+|priorit\w+|"
        r"gestion du temps|ger\w+ (mon|son|le) temps|plusieurs (choses|taches) (a la fois|en meme temps)|"
        r"\b\d+(-\d+)? (commandes|livraisons|clients|couverts|colis|chambres|appels|tables|interventions|visites|personnes|"
        r"patients|residents|beneficiaires|familles) (par|chaque)\b",
    ),
    ImpliedSkill(
        "work in teams",
        r"team ?work|team player|teammates?|(in|as|part of|on|with) (a|the|our) team\b|with (my |the )?(colleagues|co-?workers|other staff|"
        r"the (other )?(guys|lads|girls|staff))|\bwe\b|work(ed|ing)? together|group (project|work)|"
        rf"\b(play|played|playing) ({_TEAM_SPORTS})\b",
        r"en equipe|equipiers?|(dans|de) (l'|une |mon |notre )equipe|equipe de (nuit|jour|matin|soir)|(avec|entre) (les |mes |des )?(collegues|gars|autres salaries)|esprit d'equipe|"
        r"\bnous\b|\bon (a|avait|etait|\w+ait)\b|ensemble|projet (de groupe|tutore|collectif)|"
        rf"\b(fais|faisais|joue|jouais) (du |de la |au |a la )?({_TEAM_SPORTS}) en club",
    ),
    ImpliedSkill(
        "work independently",
        r"\b(on my own|by myself|independently|unsupervised|without (any )?supervision)\b|\b(i|worked|working)\b[^,.;]{0,50}\balone\b",
        r"\b(je|j')[^,.;]{0,50}\bseule?\b|en autonomie|\bautonome|sans (supervision|encadrement)",
    ),
    ImpliedSkill(
        "cope with stress",
        r"pressure|stress\w*|\brush(es|ed)?\b|hectic|flat out|non-?stop|intense|(angry|rude|difficult|demanding) (customers|clients|people)",
        r"pression|stress\w*|\brush\b|\bspeed\b|coup de feu|intense|tendue?s?\b|clients? (difficiles|mecontents|agressifs|exigeants)",
    ),
    ImpliedSkill(
        "work efficiently",
        r"\bfast\b|quick(ly)?\b|\bpace\b|efficien\w+|keep(ing)? up|hit(ting)? (my |our |the )?targets",
        r"\brythme|\bvite\b|rapide(ment)?|cadence|efficace\w*|rendement|objectifs (de|a) (productivite|atteindre)",
    ),
    ImpliedSkill(
        "work in outdoor conditions",
        r"outdoors?|\boutside\b|all weathers?|whatever the weather|(in|under) the (rain|snow|sun|cold|heat)|open air|"
        r"\b(on|at) (a|the) (farm|building site|construction site|beach)|in the (fields|orchard|vineyard|garden|park|streets?)\b",
        r"dehors|en exterieur|par tous les temps|sous la pluie|dans le froid|en plein air|au grand air|intemperies|"
        r"qu'il pleuve|\b(a|dans|sur) (la|une) (ferme|plage|vigne)|dans (les|des) (champs|vignes|vergers|jardins|parcs|rues)|"
        r"sur (les|des|un|le) chantiers?",
    ),
    ImpliedSkill(
        "adjust to physical demands",
        r"heavy\b|lift(s|ing|ed)?\b|(on|off) my feet|physical(ly)?\b(?! (education|therapy))|standing all day|tiring|exhausting|back-?breaking|"
        r"carr(y|ied|ying) (?!out)",
        r"lourde?s?\b|(?<!la )physique(ment)?\b|debout|port(er|ais|ait|e|ions) (des|les) (?!clients)|charges|fatigant\w*|"
        r"epuisant\w*|manutention",
    ),
    ImpliedSkill(
        "show empathy",
        r"listen(ed|ing)? to|lonely|reassur\w+|comfort(ed|ing)?\b|(keep|kept|keeping) (them|him|her|people) company|"
        r"patient with|empath\w+|cheer(ed|ing)? (them|him|her) up",
        r"ecout(e|er|ais|ait|ant)\b|\bseule?s\b|isolee?s|rassur\w+|compagnie|reconfort\w*|empath\w+|"
        r"patiente? avec|remonter le moral",
    ),
    ImpliedSkill(
        "solve problems",
        r"problems?\b|\bsolv\w+|troubleshoot\w*|figur\w+ (it |things )?out|(found|find|finding) (a )?solutions?|sort(ed|ing)? (it|things) out",
        r"problemes?\b|resoudre|resolu\w*|debrouill\w+|trouv\w+ (des |une )?solutions?|regl\w+ (les|des) (soucis|problemes)",
    ),
    ImpliedSkill(
        "adapt to change",
        r"\badapt\w*|flexib\w+|versatil\w+|every day (is |was )?different|all the (positions|stations|roles|jobs)|"
        r"whatever (came|comes) up|(it )?chang\w+ (all the time|every day|constantly)",
        r"\badapt\w*|flexib\w+|polyvalen\w+|tous les postes|chaque jour (est |etait )?different|"
        r"chang\w+ (tout le temps|souvent|tous les jours)|imprevus?",
    ),
    ImpliedSkill(
        "demonstrate trustworthiness",
        r"\btrust(ed|worthy)?\b|the keys|reliab\w+|honest\b|honesty|(in charge of|responsible for) the (cash|till|money|keys)",
        r"confiance|les cles|fiable|serieuse?\b|honnete\b|honnetete",
    ),
    ImpliedSkill(
        "work in shifts",
        r"\bshifts?\b|night work|(?<!friday )(?<!saturday )nights\b|early starts",
        r"de nuit|horaires decales|\b[23]x8\b|roulement|en poste (du )?(matin|soir)",
    ),
    # everyday names of the commonest tasks of shops and cafés, which the encoder misreads ("doing the till" is no
    # *till soil*, "je tenais la caisse" no *caisse* of vegetables)
    ImpliedSkill(
        "process payments",
        r"(took|take|taking|handl\w+|doing|did|do|on|ran|run|running|work\w* on|behind) (the )?(cash|tills?|payments?|checkout)\b|"
        r"cash (and|n|&) card|card payments|cash(ing)? up|refunds?",
        r"encaiss\w+|(tenir|tenais|tiens|tenu|faisais|fais|fait|faire|passais|a|sur) (la )?caisse\b|(^|[,;] ?)caisse\b|"
        r"(rendre|rendais|rends) la monnaie|"
        r"paiements?",
    ),
    ImpliedSkill(
        "operate cash register",
        r"\b(on|doing|did|do|ran|run|running|work\w* on|behind) the tills?\b|(^|[,;] ?)tills?\b|cash register|checkout",
        r"(tenir|tenais|tiens|tenu|faisais|fais|fait|faire|passais|a|sur) (la )?caisse\b|(^|[,;] ?)caisse\b|caisse enregistreuse|"
        r"encaiss\w+",
    ),
    ImpliedSkill(
        "assist customers",
        r"(serv|help|greet)(e|ed|ing|in)? (the )?(customers|custmers|clients|shoppers)",
        r"(servais|sers|servir|aidais|aide|aider|conseillais|conseille|conseiller|accueill\w+) (les |des )?client(e)?s",
    ),
    # ... and of everyday work at home, in kitchens and on sites, which the encoder reads in French least of all
    ImpliedSkill(
        "perform cleaning duties",
        r"(did|do|doing) (the )?(cleaning|housework)|hoover\w*|mopp?(ed|ing)? (the )?floors",
        r"(le |du |un peu de )menage|nettoyage des (locaux|bureaux|sols|chambres)|(passe|passais|passer) l'aspirateur|"
        r"(laver|lavais|lave) les sols",
    ),
    ImpliedSkill(
        "wash the dishes",
        r"washing up|(wash|washed|washing|did|doing|do) (the )?dishes|pot ?wash\w*|kitchen porter",
        r"\bplonge\b|(la |de la )vaisselle",
    ),
    ImpliedSkill(
        "lift heavy weights",
        r"heavy (lifting|boxes|loads|bags|stuff|things)|lift(ing|ed)? heavy",
        r"port(er|ais|ait|e|ions) (des |les )?(charges|cartons|sacs|colis|caisses)|charges lourdes|port de charges",
    ),
    ImpliedSkill(
        "drive two-wheeled vehicles",
        r"\b(by|on a|on my) (bike|scooter|moped|motorbike)|(cycle|cycling) courier",
        r"\b(a|en) (velo|scooter|moto|mobylette)\b|coursier a velo",
    ),
    ImpliedSkill(
        "supervise children",
        r"babysit\w*|babysat|baby[- ]sitting|look(ed|ing|s)? after (the |my |some )?(kids|children|little (brother|sister|cousins?|ones))",
        r"baby[- ]?sitting|gard(e|ais|er|ait) (ma|mon|mes|les|des) (petite?s? )?(soeur|frere|enfants|cousine?s?|neveux?|nieces?|"
        r"petits?|petites?)|m'occup\w* (des|d'|de) (enfants|petits|jeunes)",
    ),
    ImpliedSkill(
        "exercise sports",
        rf"\b(play|played|playing|do|did|doing|practi[sc]e\w*) ({SPORTS})\b",
        rf"\b(fais|faisais|fait|faire|joue|jouais|jouer|pratique\w*) (du |de la |de l'|au |a la |le |la )?({SPORTS})\b",
    ),
    ImpliedSkill(
        "demonstrate willingness to learn",
        r"learn(t|ed|ing)? (on the job|a lot|quickly|fast|as i went)|picked (it|things) up|self-taught|taught myself",
        r"appris (sur le tas|vite|beaucoup|seule?|par moi-meme)|autodidacte|sur le tas",
    ),
)


_CLAUSE_END = re.compile(r"[,.;:!?()\n]")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The part of ``text`` between the punctuation around ``start``-``end``, without its outer spaces."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_END.finditer(text, end)), len(text))
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


class ImpliedSkills:
    """The implied skills' positions in the linker's skill order and their cues, per language."""

    def __init__(self, english_labels: list[str]):
        position = {label: i for i, label in enumerate(english_labels)}
        found = [s for s in _SKILLS if s.label in position]
        self.positions = [position[s.label] for s in found]
        # every cue starts a word ("lift" is not the end of "forklift")
        self._cues = {lang: [re.compile(rf"\b(?:{getattr(s, lang)})") for s in found] for lang in ("en", "fr")}

    def said(self, text: str, lang: str) -> list[tuple[int, tuple[int, int]]]:
        """(skill position, the clause saying it as character offsets) for each skill a cue of ``text`` implies."""
        folded = fold_in_place(text)
        out: list[tuple[int, tuple[int, int]]] = []
        for position, cue in zip(self.positions, self._cues.get(lang, self._cues["en"])):
            match = cue.search(folded)
            if match is not None:
                out.append((position, _clause(text, match.start(), match.end())))
        return out

    def lift(self, scores: np.ndarray, said: list[tuple[int, tuple[int, int]]], share: float) -> set[int]:
        """Each implied skill scores at least ``share`` of the best score (its own score breaking ties); the
        positions it raised (those the text matched well by itself keep their own evidence)."""
        raised: set[int] = set()
        if not said or not len(scores):
            return raised
        best = float(scores.max())
        if best <= 0:
            return raised
        for position, _ in said:
            lifted = share * best + 0.01 * float(scores[position])
            if lifted > scores[position]:
                scores[position] = lifted
                raised.add(position)
        return raised
