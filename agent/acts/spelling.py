"""Chat spelling brought to the written form the rules read: SMS French ("jveux", "g fait", "c bon",
"pk"), dropped negation ("je veux plus" -> "je ne veux plus"), English shorthands ("u", "pls",
"dont"). Works on :func:`agent.language.normalise` output."""

from __future__ import annotations

import re

_REPLACEMENTS: list[tuple[str, str]] = [
    (r"\bjveux\b", "je veux"), (r"\bjvoudrais\b", "je voudrais"), (r"\bjsuis\b|\bchui\b|\bjsui\b|\bchuis\b", "je suis"),
    (r"\bjpeux\b", "je peux"), (r"\bjsais\b|\bchai\b", "je sais"), (r"\bjai\b", "j'ai"), (r"(?<!')\bg\b(?= \w)", "j'ai"),
    (r"\bjme\b", "je me"), (r"\bjfais\b", "je fais"), (r"\bjtravaille\b", "je travaille"), (r"\bjaime\b", "j'aime"),
    (r"\bcbon\b|\bc bon\b|\bc good\b|\bcest bon\b", "c'est bon"), (r"\bc ok\b|\bcok\b", "c'est ok"),
    (r"^c (?=\w)", "c'est "), (r"\bcest\b", "c'est"), (r"\bpk\b|\bpq\b|\bpourkoi\b|\bpkoi\b", "pourquoi"),
    (r"\bstp\b|\bsvp\b|\bsil te plait\b|\bs'il te plait\b|\bs'il vous plait\b", "s'il vous plait"),
    (r"\bbcp\b", "beaucoup"), (r"\bqd\b", "quand"), (r"\bmtn\b|\bmaintenan\b", "maintenant"), (r"\bpr\b", "pour"),
    (r"\bslt\b", "salut"), (r"\bdsl\b", "desole"), (r"\bya\b", "il y a"), (r"\bkoi\b", "quoi"), (r"\bke\b", "que"),
    (r"\bpa\b", "pas"), (r"\bmm\b", "meme"), (r"\bds\b", "dans"), (r"\bvs\b", "vous"), (r"(?<!')\bt\b(?= \w)", "tu es"),
    (r"(?<!')\bu\b", "you"), (r"\bur\b", "your"), (r"\bpls\b|\bplz\b|\bplease\b", "please"), (r"\bim\b", "i'm"),
    (r"\bive\b", "i've"), (r"\bdont\b", "don't"), (r"\bdidnt\b", "didn't"), (r"\bcant\b", "can't"),
    (r"\bwont\b", "won't"), (r"\bisnt\b", "isn't"), (r"\bwasnt\b", "wasn't"), (r"\bthats\b", "that's"),
    (r"\bwhats\b", "what's"), (r"\bidk\b", "i don't know"), (r"\bbc\b|\bcuz\b|\bcos\b", "because"),
    (r"\byh\b|\byeh\b|\byea\b", "yeah"), (r"\bgud\b|\bgd\b", "good"), (r"\bkk\b", "ok"),
    (r"\bwanna\b", "want to"), (r"\bgonna\b", "going to"), (r"\bthx\b|\bty\b", "thanks"), (r"(?<!')\br\b(?= \w)", "are"),
]
# "je veux plus", "j'ai pas", "c'est pas": spoken French drops the "ne"
_DROPPED_NE = re.compile(r"\b(je|j'|tu|il|elle|on|vous|nous|c'|ca)\s?(veux|voudrais|peux|sais|suis|ai|fais|est|es|aime|partage|partagez|envoie|envoyez|vends|vendais|conduis|gere|geres|geriez)\s(plus|pas|jamais|rien)\b")


def tidy(text: str) -> str:
    """SMS and spoken forms written out; the input is already ``normalise``d."""
    out = text
    for pattern, replacement in _REPLACEMENTS:
        out = re.sub(pattern, replacement, out)
    out = _DROPPED_NE.sub(lambda m: f"{m.group(1)}{'' if m.group(1).endswith(chr(39)) else ' '}ne {m.group(2)} {m.group(3)}"
                          .replace("j' ne", "je n'").replace("je ne ai", "je n'ai").replace("c' ne", "ce n'")
                          .replace("c'ne", "ce n'").replace("ne est", "n'est").replace("ne es ", "n'es ")
                          .replace("ne aime", "n'aime"), out)
    out = out.replace("j'ne ai", "je n'ai").replace("j'ne ", "je ne ").replace("c'ne est", "ce n'est")
    return " ".join(out.split())
