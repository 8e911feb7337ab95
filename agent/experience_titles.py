"""A short, clean name for an experience, in the person's language: "Garde d'enfants" for "je
garde ma petite soeur le mercredi", "Cooking for the family" for "i cook for my family every
sunday", "Coiffeuse" for "ca fait 7 ans que je suis coiffeuse dans un salon". A leisure activity
(sport, music, art, video, volunteering) is named from a small list; then a job the person names
("I was a hotel receptionist"); then other common activities from the list; anything else gets the
first words of the person's sentence, without the "I worked as" / "j'ai fait" that starts it."""

from __future__ import annotations

import re

from agent.language import normalise
from tools.linking.job_titles import named_roles

# a relative cared for, as people name them
_PARENT = r"(grand\w*|mere|pere|parents|mamie|mamy|papi|papy|tante|oncle)"
_RELATIVE = r"(grand\w*|gran|granny|nan|nana|nanna|mother|father|mum|mom|mam|dad|parents|aunt\w*|uncle)"
_FAMILY = r"(famille|family|parents|freres?|soeurs?|brothers?|sisters?|grand-?(mere|pere|parents)|grand ?(mother|father|parents))"

# (pattern on the normalised text, English name, French name); the first match wins: caring for a
# relative and volunteering first, whatever the activity involves (cooking, tutoring, a till)
ACTIVITIES: list[tuple[str, str, str]] = [
    (r"\b(baby[- ]?sit\w*|nanny|child ?minding|look(ed|ing)? after (the |my |some )?(kids|children|little)|garde d'?enfants?|"
     r"gard(e|ais|er) (mon|ma|mes|les|des) (petits?|petites?|jeunes?|enfants|cousins?|cousines?|freres?|soeurs?|neveux?|nieces?)|nounou)\b",
     "Babysitting", "Garde d'enfants"),
    (r"\b(care ?giv\w*|caring for|(look(ed|ing|s)? after|help(ed|ing|s)?|take care of|took care of) (my )?" + _RELATIVE + r"|"
     r"(m'?occup\w* de|aid\w*) (ma|mon|mes) " + _PARENT + r"|aidant\w*)\b"
     # helping a parent in their shop or bar is working there ("j'ai aidé mes parents au bar-tabac")
     r"(?! (in|at|on) (his|her|their|the) (shop|business|restaurant|garage|bar|farm|cafe|store))(?! (au|dans|a la) )",
     "Caring for a relative", "Aide à un proche"),
    (r"\b(volunteer\w*|benevol\w*|restos? du coeur|food bank|banque alimentaire)\b", "Volunteering", "Bénévolat"),
    (r"\b(youtube\w*|tiktok\w*|twitch)\b", "Video making", "Création de vidéos"),  # a cooking channel is a channel
    (rf"\b(cook\w*|cuisine|je cuisine|prepar\w* (les |des )?repas|fais (a manger|la cuisine|les repas))\b.*\b{_FAMILY}\b|"
     rf"\b{_FAMILY}\b.*\b(cook\w*|cuisine|repas)\b", "Cooking for the family", "Cuisine pour la famille"),
    (r"\b(cook\w*|cuisin\w*|chef|commis)\b", "Cooking", "Cuisine"),
    (r"\b(tutor\w*|homework help|help(ed|ing)? .* with (their|his|her) homework|aide aux devoirs|soutien scolaire|cours particuliers)\b",
     "Tutoring", "Aide aux devoirs"),
    (r"\b(coach\w*|j?entrain\w*|train(ed|ing)? the (team|kids|under))\b.*\b(foot\w*|soccer|basket\w*|hand\w*|rugby|tennis|swim\w*|natation)\b|"
     r"\b(foot\w*|soccer|basket\w*|hand\w*|rugby|tennis|natation)\b.*\b(coach\w*|j?entrain\w*)\b",
     "Sports coaching", "Entraînement sportif"),
    (r"\b(cashier|till|checkout|caissier|caissiere|encaiss\w*)\b", "Cashier", "Caisse en magasin"),
    (r"\b(waiter|waitress|serv(ed|ing) (food|customers|tables)|serveur|serveuse|service en salle)\b",
     "Waiting tables", "Service en salle"),
    (r"\b(deliver\w*|courier|livr\w*|coursier)\b", "Delivery", "Livraison"),
    (r"\b(warehouse|stock ?keep\w*|entrepot|magasinier|preparat\w* de commandes|order picking)\b", "Warehouse work", "Magasinage"),
    (r"\b(sales ?(assistant|person)|shop assistant|vendeur|vendeuse|sold|vente)\b", "Sales", "Vente"),
    (r"\b(video|youtube|montage|film\w*|tiktok)\b", "Video making", "Création de vidéos"),
    (r"\b(guitar\w*|piano|violin|drums|sing\w*|band|choir|musique|music\w*|chorale|chant(?!ier)\w*|groupe de musique)\b", "Music", "Musique"),
    (r"\b(draw\w*|paint\w*(?! (the |all the |our |my )?(walls?|rooms?|house|flat|fences?|everything|doors?|ceilings?|kitchen|bathroom))|"
     r"dessin\w*|peinture(?! (des|de la|du) (murs?|pièces?|maison|plafonds?))|peins|art)\b", "Art and drawing", "Dessin et arts"),
    (r"\b(school project|class project|projet (scolaire|au lycee|de classe)|exposé|expose)\b", "School project", "Projet scolaire"),
    (r"\b(summer job|job d'?ete|seasonal|saisonnier)\b", "Summer job", "Job d'été"),
    (r"\b(foot\w*|soccer|basket\w*|hand|handball|rugby|volley\w*|tennis|swim\w*|natation|danse|dance|dancing|judo|athleti\w*|sport)\b",
     "Sport", "Sport"),
]
# the activities' words that are a job's name: said among the first words, they name the experience
_JOB_NOUN = re.compile(r"\b(cashier|caissiere?|waiter|waitress|serveur|serveuse|courier|livreur|livreuse|coursiere?|magasiniere?|"
                       r"stock ?keeper|vendeur|vendeuse|nanny|nounou|babysitter|chef|commis)\b")
_ALSO = re.compile(r"\b(?:also|too|as well|aussi|egalement|également)\b", re.IGNORECASE)
# where the person worked, said right after the verb: "(worked) at mcdonalds", "(bossé) chez mcdo"
_EMPLOYER = re.compile(r"(?:at|for|chez|pour) (?!(?:a|an|the|my|home|school|night|nights|weekends?|le|la|les|l'|un|une|des|mon|ma|mes|moi|"
                       r"eux|lui|elle|\d+)\b)", re.IGNORECASE)
LEISURE = {"Sports coaching", "Volunteering", "Video making", "Music", "Art and drawing", "Sport"}
# the names this module gives leisure activities, in both languages: never a job title the person said
LEISURE_NAMES = frozenset(name for _, en, fr in ACTIVITIES if en in LEISURE for name in (en, fr))
_COMPILED = [(re.compile(p), en, fr) for p, en, fr in ACTIVITIES]
_ACTIVITY_NAMES = frozenset(name for _, en, fr in ACTIVITIES for name in (en, fr))
# The job whose work an activity's name stands for, to read what is said about it by ("Vente" is a
# shop assistant's job, not a sales director's; a YouTube channel's "montage" is a video editor's, not
# *monter des tentes*); None for names that are no one job (the family's cooking, helping a relative,
# volunteering, a sport, a summer job of any kind)
_ACTIVITY_JOBS: dict[str, str | None] = {
    "Babysitting": "babysitter", "Garde d'enfants": "baby-sitter", "Cooking": "cook", "Cuisine": "cuisinier",
    "Tutoring": "tutor", "Cashier": "cashier", "Caisse en magasin": "caissier", "Waiting tables": "waiter",
    "Service en salle": "serveur", "Delivery": "delivery driver", "Livraison": "livreur",
    "Warehouse work": "warehouse worker", "Magasinage": "magasinier", "Sales": "shop assistant", "Vente": "vendeur",
    "Video making": "video editor", "Création de vidéos": "monteur vidéo", "Sports coaching": "sports coach",
    "Entraînement sportif": "entraîneur sportif", "Music": "musician", "Musique": "musicien",
}


def job_read_by(title: str | None) -> str | None:
    """The job title to read an experience's statements by, from its name: the job whose work the
    name of an activity stands for, the name itself when the person named their job, None for a name
    that is no one job."""
    if not title:
        return None
    return _ACTIVITY_JOBS.get(title) if title in _ACTIVITY_NAMES else title

_LEAD = re.compile(
    r"^(so |well |alors |bon |euh |um |ah |oh |and |et )*(i'?ve |i have |i |we |j'?ai |j ai |g |je |j'|moi,? je |on |nous |"
    r"jsuis |jsui |chuis |chui )?"
    r"(?P<verb>been |ete |worked |work |travaille |travaillais |bosse |bossais |taffe |did |do |fait |fais |faisais |was |am |etais |suis )?"
    r"((for |during |pendant |depuis )?(\d+|a|an|one|two|three|four|five|six|ten|a few|several|un|une|deux|trois|quatre|"
    r"cinq|six|dix|quelques|plusieurs) (years?|months?|weeks?|summers?|ans?|annees?|mois|semaines?|etes?) )?"
    r"(working |as an? |comme |en tant que |in an? |at an? |dans une? )*", re.IGNORECASE)


def experience_title(text: str, lang: str, words: int = 5) -> str:
    """The experience's name: a known activity's name in ``lang``, else the person's first words
    (at most ``words``, capitalised, without the "I worked as" that starts them); a job told by its
    employer only ("I worked at mcdonalds", "j'ai bossé chez mcdo") is "Job at ..." / "Job chez ..."."""
    text = " ".join(_ALSO.sub(" ", text or "").split())  # "i also worked at...": about the telling
    folded = normalise(text)
    activity = next(((en, fr) for pattern, en, fr in _COMPILED if pattern.search(folded)), None)
    if activity is not None and activity[0] in LEISURE:
        return activity[1] if lang == "fr" else activity[0]
    roles = named_roles(text, lang)
    if roles:  # the latest job said ("I started as a kitchen porter ... finally a line cook")
        return roles[-1][:1].upper() + roles[-1][1:]
    job = _JOB_NOUN.search(" ".join(re.split(r"[.;:!?\n]", folded, maxsplit=1)[0].split()[:4]))
    if activity is not None and job is not None:  # "vendeuse chez zara 2 ans": the job, not the domain ("Vente")
        said = text.split()[len(folded[:job.start()].split()):]
        place = next((i for i, w in enumerate(said[1:], 1) if normalise(w).strip(",.;:!?") in _PLACE | {"ds", "pour", "sur"}), len(said))
        said = said[:place]  # "vendeuse chez zara": the job, not where
        name = " ".join(_name_words(said, words)).strip(" ,.;:-") or said[0].strip(" ,.;:!?()")
        return name[:1].upper() + name[1:]
    if activity is not None:
        return activity[1] if lang == "fr" else activity[0]
    first = re.split(r"[.;:!?\n]| - |, (?:and|et|but|mais) ", text.strip(), maxsplit=1)[0]
    lead = _LEAD.match(normalise(first))
    cut = len(lead.group(0)) if lead else 0
    rest = first[cut:].strip() if cut < len(first) else first.strip()
    employer = _EMPLOYER.match(normalise(rest)) if lead and lead.group("verb") else None
    if employer:  # "worked at mcdonalds for a summer": the job is where
        name = " ".join(_name_words(rest[len(employer.group(0)):].split(), 3)).strip(" ,.;:-")
        if name:
            return f"Job chez {name}" if lang == "fr" else f"Job at {name[:1].upper() + name[1:]}"
    if normalise(rest).startswith("chez "):  # "chez des personnes agees": where, not the name
        rest = rest[5:].strip()
    rest = _ARTICLE_AND_LENGTH.sub("", rest, count=1) or rest  # "a 2 week internship", "un stage de 2 semaines"
    parts = (rest or first).split()
    if parts and normalise(parts[0]).strip(",.;:") in _GENERIC and len(parts) > 1:
        # "stage de 2 semaines dans une pharmacie": a placement is named by where it was
        parts = [parts[0], *_ARTICLE_AND_LENGTH.sub("", " ".join(parts[1:]), count=1).split()]
        comma = next((i for i, w in enumerate(parts) if w.endswith(",")), len(parts))
        parts = parts[:comma + 1]
    title = " ".join(_name_words(parts, words)).strip(" ,.;:-")
    return (title[:1].upper() + title[1:]) if title else text.strip()[:40]


# an article, then how long, before what was done ("a 2-week internship", "un stage de 2 semaines")
_ARTICLE_AND_LENGTH = re.compile(
    r"^(?:(?:a|an|the|un|une|mon|ma|my)\s+)?(?:(?:de|of|d')\s*)?(?:(?:\d+|one|two|three|four|six|deux|trois|quatre|six)[- ]"
    r"(?:weeks?|months?|days?|semaines?|mois|jours?)\s+(?:(?:of|de|d')\s*)?|(?:a|an|un|une)\s+(?=\w))", re.IGNORECASE)
# the names of a placement that say nothing without where it was
_GENERIC = {"stage", "internship", "placement", "alternance", "apprentissage", "apprenticeship", "job", "taf", "boulot"}
# where a name ends: what follows says when, how long or what else ("pendant 2 ans", "for 4 years",
# "and painted the walls"), and the small words a name never ends with
_WHEN = {"pendant", "pdt", "durant", "depuis", "during", "since", "when", "quand", "lorsque", "while"}
_PLACE = {"in", "at", "dans", "chez"}  # "Care assistant in a nursing home": the job, not where
_FOR = {"for", "il"}  # "for 4 years", "il y a 2 ans": when a number or "a few" follows
_AND = {"and", "et", "then", "puis", "but", "mais"}
_SMALL = {"a", "an", "the", "of", "in", "at", "to", "on", "for", "with", "and", "or", "de", "des", "du", "la", "le",
          "les", "l", "un", "une", "sur", "dans", "au", "aux", "en", "pour", "avec", "et", "ou", "chez", "my", "mon",
          "ma", "mes", "our", "notre", "nos"}
_UNITS = {"an", "ans", "annee", "annees", "mois", "semaine", "semaines", "year", "years", "yr", "yrs", "month", "months", "week",
          "weeks", "summer", "summers", "ete", "etes"}  # "aide a domicile 3 ans": how long, not the name
_NUMBER = re.compile(r"^(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|few|several|un|une|deux|trois|quatre|"
                     r"cinq|six|sept|huit|neuf|dix|quelques|plusieurs|y)$")


def _name_words(parts: list[str], most: int) -> list[str]:
    """The first words of an activity that name it: up to ``most``, not past a when or how long or a
    second activity, and not ending on a small word."""
    kept: list[str] = []
    for i, word in enumerate(parts):
        folded = normalise(word).strip(",.;:!?()\"'")
        after = normalise(parts[i + 1]).strip(",.;:!?") if i + 1 < len(parts) else ""
        listing = any(k.endswith(",") for k in kept)  # "phones, tablets and laptops": one list
        if kept and (folded in _WHEN or (folded in _FOR and _NUMBER.match(after)) or (_NUMBER.match(folded) and after in _UNITS)
                     or (folded in (_AND | _PLACE) and len(kept) >= 2 and not listing)):
            break
        kept.append(word)
        if len(kept) >= most:
            break
    while len(kept) > 1 and normalise(kept[-1]).strip(",.;:!?") in _SMALL:
        kept.pop()
    return kept
