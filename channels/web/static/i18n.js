/* UI strings in English and French. Messages from the agent come already in the person's language. */
(function () {
  "use strict";
  var STRINGS = {
    en: {
      tab_chat: "Chat", tab_profile: "My profile", language: "Language", new_chat: "New chat",
      your_message: "Your message", placeholder: "Type your answer…", send: "Send",
      profile_title: "Your skills profile", gap_title: "Your gap to the target", plan_title: "Trainings and jobs",
      export_title: "Take it with you", profile_empty: "Your skills will appear here as we talk.",
      gap_empty: "Pick a target job to see what you already have and what is missing.",
      plan_empty: "Trainings and jobs will appear here once you have a target.",
      thinking: "Orient is thinking…", offline: "Connection lost; your message is kept and will be sent again.",
      too_long: "This message is too long ({n} characters, the limit is {max}).",
      error: "Something went wrong: {reason}", retrying: "Sending again…",
      you: "You", orient: "Orient", counsellor: "Counsellor",
      level_declared: "declared", level_inferred: "inferred", level_validated_by_counsellor: "validated by a counsellor",
      level_evidenced: "evidenced", level_certified: "certified", legend: "Validation level",
      evidence_title: "Why this skill", no_evidence: "No evidence recorded yet.", close: "Close",
      covered: "covered", almost: "almost", missing: "missing", coverage: "{p}% of the essential skills covered",
      course: "Training", job: "Job", move: "Career move", notice: "Privacy notice", receipt: "Consent receipt",
      download_receipt: "Download the signed receipt", open_link: "Open", why: "Why",
      data_shared: "Data shared", retention: "Kept for {d} days", valid_for: "Consent valid for {d} days",
      controller: "Who is responsible", export_json: "Profile (JSON)", export_jsonld: "Profile (JSON-LD)",
      export_html: "Printable page", export_pdf: "One-page PDF", other_skills: "Other skills",
      new_skills: "New skills", matching: "Skills you have", missing_skills: "Skills to build",
      location: "Location", duration: "Duration", provider: "Provider", core_skills: "Core skills you have",
      proposed: "to confirm", rejected: "rejected", group_other: "Other", sector: "Sector", level_label: "Level",
      download_everything: "Download everything (JSON)", receipt_status: "Status",
      colon: ":", err_gone: "this conversation is no longer available", err_refused: "the message could not be accepted",
      err_busy: "too many messages at once; wait a moment and send it again", err_server: "Orient could not answer; please try again",
      erased_notice: "Everything about you has been erased. This is a new conversation.",
      gone_notice: "That conversation is no longer available. Here is a new one.",
      open_receipt: "Open the receipt", receipt_json: "signed JSON", suggested: "suggested, to confirm (dashed)",
      status_granted: "given", status_refused: "refused", status_revoked: "withdrawn", status_expired: "expired", status_pending: "waiting for your answer",
      category_profile: "your profile", category_experiences: "your experiences", category_skills: "your skills",
      category_interests: "your interests", category_preferences: "your preferences", category_plan: "your plan",
      category_region: "your region", category_evidence: "your proofs", category_transcript: "our conversation", demo_recipient: "demo recipient",
      keep_code: "Get a code to continue on another device", resume_other: "Continue from another device",
      keep_code_shown: "Your code: {code}. Keep it private: whoever has it can read your profile. Getting a new code replaces it.",
      resume_prompt: "Enter the code you kept (or got from the Telegram bot with /link):",
      resume_failed: "Could not continue with this code: {reason}"
    },
    fr: {
      tab_chat: "Discussion", tab_profile: "Mon profil", language: "Langue", new_chat: "Nouvelle discussion",
      your_message: "Votre message", placeholder: "Écrivez votre réponse…", send: "Envoyer",
      profile_title: "Votre profil de compétences", gap_title: "Ce qui vous sépare du métier visé",
      plan_title: "Formations et offres d'emploi", export_title: "Emportez-le avec vous",
      profile_empty: "Vos compétences apparaîtront ici au fil de la discussion.",
      gap_empty: "Choisissez un métier visé pour voir ce que vous avez déjà et ce qui manque.",
      plan_empty: "Les formations et offres apparaîtront ici une fois le métier visé choisi.",
      thinking: "Orient réfléchit…", offline: "Connexion perdue ; votre message est conservé et sera renvoyé.",
      too_long: "Ce message est trop long ({n} caractères, la limite est {max}).",
      error: "Un problème est survenu : {reason}", retrying: "Nouvel envoi…",
      you: "Vous", orient: "Orient", counsellor: "Conseiller",
      level_declared: "déclarée", level_inferred: "déduite", level_validated_by_counsellor: "validée par un conseiller",
      level_evidenced: "prouvée", level_certified: "certifiée", legend: "Niveau de validation",
      evidence_title: "Pourquoi cette compétence", no_evidence: "Aucune preuve enregistrée pour l'instant.", close: "Fermer",
      covered: "acquise", almost: "presque", missing: "manquante", coverage: "{p} % des compétences essentielles acquises",
      course: "Formation", job: "Offre d'emploi", move: "Piste de métier", notice: "Notice d'information",
      receipt: "Reçu de consentement", download_receipt: "Télécharger le reçu signé", open_link: "Ouvrir", why: "Pourquoi",
      data_shared: "Données partagées", retention: "Conservées {d} jours", valid_for: "Consentement valable {d} jours",
      controller: "Responsable", export_json: "Profil (JSON)", export_jsonld: "Profil (JSON-LD)",
      export_html: "Page imprimable", export_pdf: "PDF d'une page", other_skills: "Autres compétences",
      new_skills: "Nouvelles compétences", matching: "Compétences que vous avez", missing_skills: "Compétences à acquérir",
      location: "Lieu", duration: "Durée", provider: "Organisme", core_skills: "Compétences clés acquises",
      proposed: "à confirmer", rejected: "rejetée", group_other: "Autres", sector: "Secteur", level_label: "Niveau",
      download_everything: "Tout télécharger (JSON)", receipt_status: "Statut",
      colon: "\u00a0:", err_gone: "cette discussion n'est plus disponible", err_refused: "le message n'a pas pu être accepté",
      err_busy: "trop de messages à la fois ; attendez un instant puis renvoyez-le", err_server: "Orient n'a pas pu répondre ; réessayez, s'il vous plaît",
      erased_notice: "Tout ce qui vous concerne a été effacé. Voici une nouvelle discussion.",
      gone_notice: "Cette discussion n'est plus disponible. En voici une nouvelle.",
      open_receipt: "Ouvrir le reçu", receipt_json: "JSON signé", suggested: "proposée, à confirmer (pointillés)",
      status_granted: "accord donné", status_refused: "refusé", status_revoked: "retiré", status_expired: "expiré", status_pending: "en attente de votre réponse",
      category_profile: "votre profil", category_experiences: "vos expériences", category_skills: "vos compétences",
      category_interests: "vos centres d'intérêt", category_preferences: "vos préférences", category_plan: "votre projet",
      category_region: "votre région", category_evidence: "vos preuves", category_transcript: "notre discussion", demo_recipient: "destinataire de démonstration",
      keep_code: "Obtenir un code pour continuer sur un autre appareil", resume_other: "Reprendre depuis un autre appareil",
      keep_code_shown: "Votre code : {code}. Gardez-le pour vous : qui l'a peut lire votre profil. Un nouveau code remplace celui-ci.",
      resume_prompt: "Saisissez le code que vous avez gardé (ou reçu du bot Telegram avec /link) :",
      resume_failed: "Impossible de reprendre avec ce code : {reason}"
    }
  };

  var current = "en";

  function t(key, params) {
    var table = STRINGS[current] || STRINGS.en;
    var text = table[key] !== undefined ? table[key] : (STRINGS.en[key] !== undefined ? STRINGS.en[key] : key);
    if (params) {
      Object.keys(params).forEach(function (name) { text = text.split("{" + name + "}").join(String(params[name])); });
    }
    return text;
  }

  function apply(root) {
    (root || document).querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = t(el.getAttribute("data-i18n")); });
    (root || document).querySelectorAll("[data-i18n-placeholder]").forEach(function (el) {
      el.setAttribute("placeholder", t(el.getAttribute("data-i18n-placeholder")));
    });
    document.documentElement.setAttribute("lang", current);
  }

  function setLanguage(lang) {
    current = STRINGS[lang] ? lang : "en";
    apply(document);
  }

  window.OrientI18n = { t: t, apply: apply, setLanguage: setLanguage, language: function () { return current; }, languages: Object.keys(STRINGS) };
})();
