"""What the bot says itself (outside the agent's turns), in English and French."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "profile_empty": "Your profile is empty for now. Tell me about what you have done and it will fill up.",
        "profile_title": "Your skills profile",
        "target": "Target",
        "coverage": "{p}% of the essential skills covered",
        "export_caption": "Your profile ({fmt}).",
        "forget_confirm": "Erase everything I know about you (profile, conversation, consents)? This cannot be undone.",
        "forget_yes": "Yes, erase everything",
        "forget_no": "No, keep it",
        "forget_done": "Done: everything about you is erased. Send /start to begin again.",
        "forget_kept": "Nothing was erased.",
        "stale_button": "This button is from an older message; please answer the latest question.",
        "too_long": "Your message is too long ({n} characters; the limit is {max}). Please send it in parts.",
        "not_text": "I can only read text messages for now.",
        "failed": "Sorry, something went wrong on my side and I could not answer. Please send your message again.",
        "level_declared": "declared", "level_inferred": "inferred", "level_validated_by_counsellor": "validated by a counsellor",
        "level_evidenced": "evidenced", "level_certified": "certified", "to_confirm": "to confirm",
        "training": "Training", "job": "Job", "move": "Career move", "notice": "Privacy notice", "receipt": "Consent receipt",
        "why": "Why", "data": "Data", "retention": "kept {d} days", "link": "Link",
    },
    "fr": {
        "profile_empty": "Votre profil est vide pour l'instant. Parlez-moi de ce que vous avez fait et il se remplira.",
        "profile_title": "Votre profil de compétences",
        "target": "Métier visé",
        "coverage": "{p} % des compétences essentielles acquises",
        "export_caption": "Votre profil ({fmt}).",
        "forget_confirm": "Effacer tout ce que je sais de vous (profil, discussion, consentements) ? C'est définitif.",
        "forget_yes": "Oui, tout effacer",
        "forget_no": "Non, garder",
        "forget_done": "C'est fait : tout ce qui vous concerne est effacé. Envoyez /start pour recommencer.",
        "forget_kept": "Rien n'a été effacé.",
        "stale_button": "Ce bouton vient d'un ancien message ; répondez à la dernière question.",
        "too_long": "Votre message est trop long ({n} caractères ; la limite est {max}). Envoyez-le en plusieurs fois.",
        "not_text": "Je ne lis que les messages texte pour l'instant.",
        "failed": "Désolé, un problème de mon côté m'a empêché de répondre. Renvoyez votre message, s'il vous plaît.",
        "level_declared": "déclarée", "level_inferred": "déduite", "level_validated_by_counsellor": "validée par un conseiller",
        "level_evidenced": "prouvée", "level_certified": "certifiée", "to_confirm": "à confirmer",
        "training": "Formation", "job": "Offre d'emploi", "move": "Piste de métier", "notice": "Notice d'information",
        "receipt": "Reçu de consentement", "why": "Pourquoi", "data": "Données", "retention": "conservées {d} jours",
        "link": "Lien",
    },
}


def text(lang: str, key: str, **params: object) -> str:
    table = TEXTS.get(lang, TEXTS["en"])
    return table.get(key, TEXTS["en"][key]).format(**params)
