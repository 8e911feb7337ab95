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
        "history_yours": "The messages of this chat stay on your phone: they are yours to clear (in Telegram: ⋮ → Clear history).",
        "commands_hint": "At any time: /profile shows your skills profile, /export sends it as files (PDF, JSON-LD), /forget erases everything I know about you.",
        "receipt_caption": "Your signed consent receipt for {name}: open it to read what is shared and how to check the signature.",
        "export_everything_caption": "Everything I hold about you (JSON).",
        "cmd_start": "Start or resume the conversation", "cmd_profile": "See your skills profile",
        "cmd_export": "Get your profile as files (PDF, JSON-LD)", "cmd_forget": "Erase everything I know about you",
        "edited": "You edited a message: I take it as a correction.",
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
        "history_yours": "Les messages de cette discussion restent sur votre téléphone : c'est à vous de les effacer (dans Telegram : ⋮ → Vider l'historique).",
        "commands_hint": "À tout moment : /profile montre votre profil de compétences, /export vous l'envoie en fichiers (PDF, JSON-LD), /forget efface tout ce que je sais de vous.",
        "receipt_caption": "Votre reçu de consentement signé pour {name} : ouvrez-le pour voir ce qui est partagé et comment vérifier la signature.",
        "export_everything_caption": "Tout ce que je détiens sur vous (JSON).",
        "cmd_start": "Commencer ou reprendre la discussion", "cmd_profile": "Voir votre profil de compétences",
        "cmd_export": "Recevoir votre profil en fichiers (PDF, JSON-LD)", "cmd_forget": "Effacer tout ce que je sais de vous",
        "edited": "Vous avez modifié un message : je le prends comme une correction.",
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
