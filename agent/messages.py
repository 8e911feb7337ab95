"""Every sentence the agent says, in English and French: one message catalog.

``say(key, lang, **values)`` picks the text for the person's language (English when a language is
missing) and fills ``{placeholders}``. Nodes never write user-facing text inline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, partial

SUPPORTED = ("en", "fr")

MESSAGES: dict[str, dict[str, str]] = {
    # -- welcome ---------------------------------------------------------------------------------
    "welcome": {
        "en": "Hello, I'm Orient 👋 I help you put words on what you can do and find where it can take you. Which language do you prefer?",
        "fr": "Bonjour, je suis Orient 👋 Je vous aide à mettre des mots sur ce que vous savez faire et à voir où cela peut vous mener. Quelle langue préférez-vous ?",
    },
    "language_again": {
        "en": "Sorry, I didn't get that. Please pick a language: English or French.",
        "fr": "Pardon, je n'ai pas compris. Choisissez une langue : français ou anglais.",
    },
    "purpose_notice": {
        "en": (
            "Great. Here is how this works: you tell me about what you have done (jobs, school, volunteering, "
            "family, sport, music, art, hobbies), I suggest the skills it shows, you confirm them, and we look at "
            "career moves, trainings and jobs together.\n\nPrivacy: I keep what you tell me in your profile on this "
            "service only to help you. Nothing is shared with anyone unless you say yes to that specific recipient, "
            "and you can ask to see, export or erase everything at any time.\n\nDo you agree that I process what you "
            "tell me to build your profile?"
        ),
        "fr": (
            "Très bien. Voici comment ça marche : vous me racontez ce que vous avez fait (emplois, école, bénévolat, "
            "famille, sport, musique, art, loisirs), je vous propose les compétences que cela montre, vous les "
            "confirmez, puis nous regardons ensemble des pistes de métiers, des formations et des offres.\n\n"
            "Confidentialité : je garde ce que vous me dites dans votre profil, sur ce service, uniquement pour vous "
            "aider. Rien n'est partagé sans votre accord pour chaque destinataire, et vous pouvez à tout moment voir, "
            "exporter ou effacer toutes vos données.\n\nAcceptez-vous que je traite ce que vous me dites pour construire votre profil ?"
        ),
    },
    "processing_again": {
        "en": "I can only build your profile if you agree that I keep what you tell me. Do you agree? (yes / no)",
        "fr": "Je ne peux construire votre profil que si vous acceptez que je garde ce que vous me dites. Êtes-vous d'accord ? (oui / non)",
    },
    "processing_held": {
        "en": "I'll come back to what you just told me as soon as you agree. I can only build your profile if you agree that I keep what you tell me. Do you agree? (yes / no)",
        "fr": "Je reviens à ce que vous venez de me dire dès que vous êtes d'accord. Je ne peux construire votre profil que si vous acceptez que je garde ce que vous me dites. Êtes-vous d'accord ? (oui / non)",
    },
    "processing_refused": {
        "en": "Understood: I won't keep anything about you. You can come back whenever you like. Goodbye!",
        "fr": "C'est compris : je ne garde rien sur vous. Vous pouvez revenir quand vous voulez. Au revoir !",
    },
    # -- experiences -----------------------------------------------------------------------------
    "experience_first_high_school": {
        "en": "Let's start with you. Tell me about something you do or have done: babysitting, a summer job, a school project, sport, music, art, volunteering, a hobby... What did you do?",
        "fr": "Commençons par vous. Racontez-moi quelque chose que vous faites ou avez fait : baby-sitting, job d'été, projet au lycée, sport, musique, art, bénévolat, loisir... Qu'avez-vous fait ?",
    },
    "experience_first_jobseeker": {
        "en": "Let's start with your experience. Tell me about a job you've had, or anything else you've done: volunteering, caring for family, sport, music, hobbies. What did you do?",
        "fr": "Commençons par votre expérience. Parlez-moi d'un emploi que vous avez eu, ou de toute autre chose : bénévolat, aide à un proche, sport, musique, loisirs. Qu'avez-vous fait ?",
    },
    "experience_first_employee": {
        "en": "Let's start with your current job: what do you do day to day, and for how long? We'll add other experiences after (volunteering, hobbies, family...).",
        "fr": "Commençons par votre emploi actuel : que faites-vous au quotidien, et depuis combien de temps ? Nous ajouterons ensuite vos autres expériences (bénévolat, loisirs, famille...).",
    },
    "experience_first": {
        "en": "Let's start. Tell me about something you have done: a job, school, volunteering, caring for family, sport, music, art or a hobby. What did you do?",
        "fr": "Commençons. Racontez-moi quelque chose que vous avez fait : un emploi, l'école, du bénévolat, l'aide à un proche, du sport, de la musique, de l'art ou un loisir. Qu'avez-vous fait ?",
    },
    "experience_next": {
        "en": "Anything else you've done, paid or not? Volunteering, family, sport, music, art, hobbies all count. Or tell me that's all.",
        "fr": "Avez-vous fait autre chose, payé ou non ? Bénévolat, famille, sport, musique, art, loisirs : tout compte. Sinon, dites-moi que c'est tout.",
    },
    "experience_again": {
        "en": "Even small things count: looking after someone, a team sport, a school project. Tell me about one, or say 'that's all' to move on.",
        "fr": "Même les petites choses comptent : s'occuper de quelqu'un, un sport d'équipe, un projet scolaire. Racontez-m'en une, ou dites « c'est tout » pour continuer.",
    },
    "experience_go_on": {
        "en": "Go ahead: what else have you done? A job, volunteering, family, school, a sport, a hobby... Or tell me that's all.",
        "fr": "Allez-y : qu'avez-vous fait d'autre ? Un emploi, du bénévolat, la famille, l'école, un sport, un loisir... Sinon, dites-moi que c'est tout.",
    },
    "interests_heard_early": {
        "en": "That sounds like what you enjoy: I've noted it for your career ideas.",
        "fr": "Voilà ce que vous aimez : je le note pour vos pistes de métiers.",
    },
    "experience_none": {
        "en": "No problem, we can work with what we have.",
        "fr": "Pas de souci, nous allons travailler avec ce que nous avons.",
    },
    "detail_what": {
        "en": "Thanks! What do (or did) you actually do there, day to day? And what are you most proud of?",
        "fr": "Merci ! Concrètement, qu'est-ce que vous y faites (ou y faisiez) au quotidien ? Et de quoi êtes-vous le plus fier ou la plus fière ?",
    },
    "detail_how_long": {
        "en": "Thanks! How long have you done that, and is there something you did there that you're proud of?",
        "fr": "Merci ! Depuis combien de temps, et y a-t-il quelque chose dont vous êtes fier ou fière ?",
    },
    "experience_next_told": {
        "en": "Now the other experience you told me about: \"{title}\".",
        "fr": "Passons à l'autre expérience dont vous m'avez parlé : « {title} ».",
    },
    "experience_told_later": {
        "en": "Before we go on, let's look at \"{title}\": it may show skills your profile does not have yet.",
        "fr": "Avant de continuer, parlons de « {title} » : cette expérience montre peut-être des compétences qui manquent à votre profil.",
    },
    "experience_told_later_done": {
        "en": "Thanks, that experience is in your profile. Let's pick up where we were.",
        "fr": "Merci, cette expérience est dans votre profil. Reprenons où nous en étions.",
    },
    "detail_more": {
        "en": "Thanks! Anything else you did there, or something you're proud of?",
        "fr": "Merci ! Autre chose que vous y faisiez, ou dont vous êtes fier ou fière ?",
    },
    # -- skills ----------------------------------------------------------------------------------
    "skills_intro": {
        "en": "From what you told me about \"{experience}\", I see these skills:",
        "fr": "D'après ce que vous m'avez dit sur « {experience} », je vois ces compétences :",
    },
    "skills_intro_one": {
        "en": "From what you told me about \"{experience}\", I see this skill:",
        "fr": "D'après ce que vous m'avez dit sur « {experience} », je vois cette compétence :",
    },
    "skills_ask_one": {
        "en": "Does it fit? Keep it, remove it if it is wrong, or add your own (\"add: ...\").",
        "fr": "Est-ce qu'elle vous correspond ? Gardez-la, retirez-la si elle ne va pas, ou ajoutez les vôtres (« ajouter : ... »).",
    },
    "skills_ask": {
        "en": "Do they fit? Keep them all, remove the ones that are wrong, or add your own (\"add: ...\").",
        "fr": "Est-ce que ça vous correspond ? Gardez-les toutes, retirez celles qui ne vont pas, ou ajoutez les vôtres (« ajouter : ... »).",
    },
    "skills_ask_remaining": {
        "en": "OK, I removed {removed}. Keep the others?",
        "fr": "D'accord, j'ai retiré {removed}. On garde les autres ?",
    },
    "skills_added": {
        "en": "Added {added} to your profile. Anything else to change, or keep these?",
        "fr": "J'ai ajouté {added} à votre profil. Autre chose à changer, ou on garde celles-ci ?",
    },
    "skills_add_unknown": {
        "en": "I couldn't match \"{text}\" to a skill I know. Could you say it differently? Otherwise keep the list as it is.",
        "fr": "Je n'ai pas trouvé de compétence correspondant à « {text} ». Pouvez-vous le dire autrement ? Sinon, gardez la liste telle quelle.",
    },
    "skills_unsure": {
        "en": "No problem: keep the ones that sound like something you did, and remove the others. You can change them later in your profile.",
        "fr": "Pas de souci : gardez celles qui ressemblent à ce que vous avez fait et retirez les autres. Vous pourrez les changer plus tard dans votre profil.",
    },
    "skills_again": {
        "en": "Tap \"Keep all\", \"None of these\", or remove one by its number (for example \"remove 2\").",
        "fr": "Touchez « Tout garder », « Aucune », ou retirez-en une par son numéro (par exemple « retirer 2 »).",
    },
    "skills_none_found": {
        "en": "I couldn't find clear skills in this one yet. That's fine.",
        "fr": "Je n'ai pas encore trouvé de compétences claires ici. Ce n'est pas grave.",
    },
    "skills_confirmed": {
        "en": "Noted: {count} skill(s) added to your profile.",
        "fr": "C'est noté : {count} compétence(s) ajoutée(s) à votre profil.",
    },
    "skills_validated": {
        "en": "Noted: {count} skill(s) validated by the counsellor.",
        "fr": "C'est noté : {count} compétence(s) validée(s) par le conseiller ou la conseillère.",
    },
    "skills_all_rejected": {
        "en": "OK, I left those out.",
        "fr": "D'accord, je les laisse de côté.",
    },
    "skills_left_pending": {
        "en": "I'll leave these as suggestions for now; you can confirm them later.",
        "fr": "Je les laisse comme suggestions pour l'instant ; vous pourrez les confirmer plus tard.",
    },
    # -- interests and preferences ---------------------------------------------------------------
    "interests_ask": {
        "en": "Now about you: what do you enjoy most? For example working with people, with your hands, with numbers or computers, creating things, leading projects, or organising.",
        "fr": "Parlons de vous : qu'est-ce que vous aimez le plus ? Par exemple travailler avec des gens, de vos mains, avec des chiffres ou l'informatique, créer, mener des projets, ou organiser.",
    },
    "interests_again": {
        "en": "Pick one or two, or tell me in your own words what you like doing.",
        "fr": "Choisissez-en une ou deux, ou dites-moi avec vos mots ce que vous aimez faire.",
    },
    "preferences_ask_high_school": {
        "en": "And after school: short or long studies, apprenticeship, or working soon? Where would you like to study or work?",
        "fr": "Et après le lycée : études courtes ou longues, alternance, ou travailler rapidement ? Où aimeriez-vous étudier ou travailler ?",
    },
    "preferences_ask_employee": {
        "en": "A few preferences: would you rather grow with your current employer or look elsewhere? Where, what hours, and how much training are you ready for (evenings, short, long)?",
        "fr": "Quelques préférences : évoluer chez votre employeur actuel ou ailleurs ? Où, quels horaires, et quelle formation êtes-vous prêt(e) à suivre (le soir, courte, longue) ?",
    },
    "preferences_ask": {
        "en": "A few preferences: where would you like to work, what hours (full time, part time), and how much training are you ready for?",
        "fr": "Quelques préférences : où aimeriez-vous travailler, quels horaires (temps plein, temps partiel), et quelle formation êtes-vous prêt(e) à suivre ?",
    },
    "preferences_again": {
        "en": "For example: \"full time near Lyon, a short training is fine\". Or say 'no preference'.",
        "fr": "Par exemple : « temps plein près de Lyon, une formation courte me va ». Ou dites « pas de préférence ».",
    },
    # -- moves -----------------------------------------------------------------------------------
    "moves_intro": {
        "en": "Here are moves that fit your skills and what you like:",
        "fr": "Voici des pistes qui correspondent à vos compétences et à ce que vous aimez :",
    },
    "moves_intro_high_school": {
        "en": "Here are sectors, jobs and study tracks that fit what you do and like:",
        "fr": "Voici des secteurs, des métiers et des filières d'études qui correspondent à ce que vous faites et aimez :",
    },
    "moves_intro_employee": {
        "en": "Here are moves that build on your skills, from a step up where you are to a new direction:",
        "fr": "Voici des évolutions possibles à partir de vos compétences, d'une progression dans votre métier à une réorientation :",
    },
    "moves_ask": {
        "en": "Which one would you like to explore? Pick one, or name another job.",
        "fr": "Laquelle voulez-vous explorer ? Choisissez-en une, ou nommez un autre métier.",
    },
    "moves_none": {
        "en": "I don't have enough to suggest moves yet. Which job would you like to aim for?",
        "fr": "Je n'ai pas encore assez d'éléments pour proposer des pistes. Quel métier aimeriez-vous viser ?",
    },
    "target_unknown": {
        "en": "I couldn't find \"{text}\" among the jobs I know. Pick one of the options, or name the job differently.",
        "fr": "Je n'ai pas trouvé « {text} » parmi les métiers que je connais. Choisissez une option, ou nommez le métier autrement.",
    },
    "target_default": {
        "en": "Let's take \"{label}\", the closest fit, as a start; you can change it later.",
        "fr": "Prenons « {label} », la piste la plus proche, pour commencer ; vous pourrez changer plus tard.",
    },
    # -- plan ------------------------------------------------------------------------------------
    "gap_intro": {
        "en": "Good choice: {target}. You already have {covered} of its core skills.",
        "fr": "Bon choix : {target}. Vous avez déjà {covered} de ses compétences clés.",
    },
    "gap_intro_own": {
        "en": "Good choice: {target}, the job you know, with another employer. You have {covered} of its core skills.",
        "fr": "Bon choix : {target}, le métier que vous connaissez, chez un autre employeur. Vous avez {covered} de ses compétences clés.",
    },
    "gap_missing_own": {
        "en": "To stand out among candidates, skills worth adding: {missing}.",
        "fr": "Pour vous démarquer des autres candidats, des compétences à ajouter : {missing}.",
    },
    "gap_missing": {
        "en": "To get there, the skills to build are: {missing}.",
        "fr": "Pour y arriver, les compétences à développer sont : {missing}.",
    },
    "gap_nothing": {
        "en": "You already cover the core skills I know for it.",
        "fr": "Vous couvrez déjà les compétences clés que je connais pour ce métier.",
    },
    "trainings_intro": {
        "en": "Trainings that close part of this gap:",
        "fr": "Des formations qui comblent une partie de cet écart :",
    },
    "trainings_none": {
        "en": "I found no training in the catalog for this gap.",
        "fr": "Je n'ai pas trouvé de formation dans le catalogue pour cet écart.",
    },
    "jobs_intro": {
        "en": "Job offers that match your skills:",
        "fr": "Des offres qui correspondent à vos compétences :",
    },
    "plan_next": {
        "en": "Any question about these? When you're ready, I'll ask who, if anyone, you'd like to share your profile with.",
        "fr": "Des questions ? Quand vous êtes prêt(e), je vous demanderai avec qui, si vous le souhaitez, partager votre profil.",
    },
    "gap_credited": {
        "en": "Counted from what you did: {credited}.",
        "fr": "Reconnu d'après votre parcours : {credited}.",
    },
    "access_intro": {
        "en": "How to get there: {route}",
        "fr": "Comment y accéder : {route}",
    },
    "tracks_intro": {
        "en": "Study tracks that lead there: {tracks}.",
        "fr": "Les filières qui y mènent : {tracks}.",
    },
    "trainings_none_objectives": {
        "en": "I found no course in the catalog that fits this gap well. What to learn: {objectives}.",
        "fr": "Je n'ai pas trouvé de formation du catalogue vraiment adaptée à cet écart. Ce qu'il faut apprendre : {objectives}.",
    },
    "jobs_none": {
        "en": "No job offer in the catalog fits this target{place}.",
        "fr": "Aucune offre du catalogue ne correspond à ce métier{place}.",
    },
    "demo_catalog_note": {
        "en": "(The courses and offers shown come from demo catalogs bundled with Orient.)",
        "fr": "(Les formations et offres affichées viennent de catalogues de démonstration fournis avec Orient.)",
    },
    # -- sharing ---------------------------------------------------------------------------------
    "share_ask": {
        "en": "Do you want to share your profile with this {kind_label}? (yes / no)",
        "fr": "Voulez-vous partager votre profil avec ce {kind_label} ? (oui / non)",
    },
    "share_again": {
        "en": "Just yes or no: share your profile with {name}?",
        "fr": "Juste oui ou non : partager votre profil avec {name} ?",
    },
    "share_done": {
        "en": "Done: shared with {name}. Here is your signed receipt; you can withdraw this consent at any time.",
        "fr": "C'est fait : partagé avec {name}. Voici votre reçu signé ; vous pouvez retirer cet accord à tout moment.",
    },
    "share_auto_rule": {
        "en": "Shared with {name} without asking, as your standing rule says. Here is your signed receipt; you can withdraw it at any time.",
        "fr": "Partagé avec {name} sans vous le demander, comme le prévoit votre règle. Voici votre reçu signé ; vous pouvez le retirer à tout moment.",
    },
    "share_auto_consent": {
        "en": "Shared with {name} under the consent you had already given. You can withdraw it at any time.",
        "fr": "Partagé avec {name} selon l'accord que vous aviez déjà donné. Vous pouvez le retirer à tout moment.",
    },
    "rule_never": {
        "en": "Understood: I will never share your data with {kinds}. You can change this rule at any time.",
        "fr": "Entendu : je ne partagerai jamais vos données avec {kinds}. Vous pouvez changer cette règle à tout moment.",
    },
    "rule_never_revoked": {
        "en": "The consent(s) you had given to {names} are withdrawn.",
        "fr": "Les accords que vous aviez donnés à {names} sont retirés.",
    },
    "rule_ask": {
        "en": "Understood: I will ask you each time before sharing anything with {kinds}.",
        "fr": "Entendu : je vous demanderai à chaque fois avant de partager quoi que ce soit avec {kinds}.",
    },
    "rule_always_confirm": {
        "en": "You want me to share with {kinds} without asking you each time? I would then give your consent in your name when they are proposed, with a signed receipt each time, and you can change this at any time. Yes or no?",
        "fr": "Vous voulez que je partage avec {kinds} sans vous demander à chaque fois ? Je donnerais alors votre accord en votre nom quand ils sont proposés, avec un reçu signé à chaque fois, et vous pouvez changer cela à tout moment. Oui ou non ?",
    },
    "rule_always": {
        "en": "Done: from now on I share with {kinds} without asking, with a receipt each time. Say \"never share with ...\" to change it.",
        "fr": "C'est fait : désormais je partage avec {kinds} sans vous demander, avec un reçu à chaque fois. Dites « ne jamais partager avec ... » pour changer cela.",
    },
    "rule_cancelled": {
        "en": "OK, I keep asking you before each share.",
        "fr": "D'accord, je continue à vous demander avant chaque partage.",
    },
    "rule_unavailable": {
        "en": "Sharing is not set up on this service, so nothing is shared with anyone.",
        "fr": "Le partage n'est pas en place sur ce service : rien n'est partagé avec personne.",
    },
    "kinds_everyone": {"en": "anyone", "fr": "qui que ce soit"},
    "kinds_coach": {"en": "coaches", "fr": "les coachs"},
    "kinds_counsellor": {"en": "career counsellors", "fr": "les conseillers d'orientation"},
    "kinds_training_provider": {"en": "training providers", "fr": "les organismes de formation"},
    "kinds_employer": {"en": "employers", "fr": "les employeurs"},
    "kinds_statistics": {"en": "the statistics service", "fr": "le service de statistiques"},
    "and": {"en": "and", "fr": "et"},
    "share_declined": {
        "en": "OK, nothing goes to {name}.",
        "fr": "D'accord, rien n'est envoyé à {name}.",
    },
    "share_blocked": {
        "en": "Nothing was sent to {name}: {reason}",
        "fr": "Rien n'a été envoyé à {name} : {reason}",
    },
    "share_none_available": {
        "en": "There is no recipient to share with on this service right now.",
        "fr": "Il n'y a aucun destinataire disponible sur ce service pour l'instant.",
    },
    "demo_mark": {"en": " (a demo recipient)", "fr": " (destinataire de démonstration)"},
    "kind_coach": {"en": "coach", "fr": "coach"},
    "kind_counsellor": {"en": "career counsellor", "fr": "conseiller d'orientation"},
    "kind_training_provider": {"en": "training provider", "fr": "organisme de formation"},
    "kind_employer": {"en": "employer", "fr": "employeur"},
    "kind_statistics": {"en": "statistics service (anonymous aggregates)", "fr": "service de statistiques (agrégats anonymes)"},
    # -- wrap-up ---------------------------------------------------------------------------------
    "wrapup": {
        "en": "That's it for today! Your profile has {skills} confirmed skill(s){target}. Next steps: {steps} You can ask me at any time to show, export or erase your data. Good luck!",
        "fr": "C'est tout pour aujourd'hui ! Votre profil compte {skills} compétence(s) confirmée(s){target}. Prochaines étapes : {steps} Vous pouvez à tout moment me demander de voir, exporter ou effacer vos données. Bonne chance !",
    },
    "wrapup_target": {"en": " and your target is {label}", "fr": " et votre objectif est {label}"},
    "wrapup_steps": {
        "en": "look at the trainings above, talk to a counsellor, and come back to update your profile.",
        "fr": "regardez les formations ci-dessus, parlez-en à un conseiller ou une conseillère, et revenez mettre à jour votre profil.",
    },
    "finished_hint": {
        "en": "We've finished for now. You can ask \"what do you know about me?\", \"export my data\", \"erase my data\", or \"start again\".",
        "fr": "Nous avons terminé pour l'instant. Vous pouvez demander « que savez-vous de moi ? », « exporter mes données », « effacer mes données » ou « recommencer ».",
    },
    # -- global intents --------------------------------------------------------------------------
    "about_me_empty": {
        "en": "I don't know anything about you yet.",
        "fr": "Je ne sais encore rien de vous.",
    },
    "about_me": {
        "en": "Here is what I know about you:\n{summary}",
        "fr": "Voici ce que je sais de vous :\n{summary}",
    },
    "about_language": {"en": "Language: English", "fr": "Langue : français"},
    "about_experiences": {"en": "Experiences: {items}", "fr": "Expériences : {items}"},
    "about_skills": {"en": "Confirmed skills: {items}", "fr": "Compétences confirmées : {items}"},
    "about_suggested": {"en": "Suggested, not confirmed yet: {items}", "fr": "Proposées, pas encore confirmées : {items}"},
    "about_interests": {"en": "Interests: {items}", "fr": "Centres d'intérêt : {items}"},
    "about_preferences": {"en": "Preferences: {items}", "fr": "Préférences : {items}"},
    "about_target": {"en": "Target: {items}", "fr": "Objectif : {items}"},
    "about_consents": {"en": "Sharing consents: {items}", "fr": "Accords de partage : {items}"},
    "about_none": {"en": "none", "fr": "aucun"},
    "export_done": {
        "en": "Here is everything I hold about you, as a JSON export (also available as JSON-LD and a printable page).",
        "fr": "Voici tout ce que je détiens sur vous, en export JSON (aussi disponible en JSON-LD et en page imprimable).",
    },
    "erase_confirm": {
        "en": "Do you really want me to erase everything about you (profile, conversation, consents)? This cannot be undone. (yes / no)",
        "fr": "Voulez-vous vraiment que j'efface tout ce qui vous concerne (profil, conversation, accords) ? C'est définitif. (oui / non)",
    },
    "erase_done": {
        "en": "Done: everything about you has been erased. If you write again, we start from scratch. Take care!",
        "fr": "C'est fait : tout ce qui vous concerne a été effacé. Si vous réécrivez, nous repartons de zéro. Prenez soin de vous !",
    },
    "erase_cancelled": {
        "en": "OK, I keep everything as it is.",
        "fr": "D'accord, je garde tout tel quel.",
    },
    "revoke_done": {
        "en": "Done: I withdrew your consent(s) for {names}. Nothing more will be shared with them.",
        "fr": "C'est fait : j'ai retiré votre accord pour {names}. Plus rien ne leur sera partagé.",
    },
    "revoke_none": {
        "en": "You haven't given any sharing consent, so there is nothing to withdraw.",
        "fr": "Vous n'avez donné aucun accord de partage, il n'y a donc rien à retirer.",
    },
    "injection_refused": {
        "en": "I can't do that: I never share your data because of a message in the chat. Sharing only happens in the sharing step, one recipient at a time, after you've read its notice and said yes. Nothing has been shared.",
        "fr": "Je ne peux pas faire cela : je ne partage jamais vos données à cause d'un message dans la discussion. Le partage se fait seulement à l'étape prévue, destinataire par destinataire, après lecture de sa notice et votre accord. Rien n'a été partagé.",
    },
    "correction_duration": {
        "en": "Thanks, I corrected it: {experience} now lasts {duration}.",
        "fr": "Merci, j'ai corrigé : {experience} dure maintenant {duration}.",
    },
    "correction_location": {
        "en": "Thanks, I corrected your location: {location}.",
        "fr": "Merci, j'ai corrigé votre lieu : {location}.",
    },
    "correction_detail": {
        "en": "Thanks, I added that to \"{experience}\".",
        "fr": "Merci, je l'ai ajouté à « {experience} ».",
    },
    "correction_nothing": {
        "en": "Thanks, noted.",
        "fr": "Merci, c'est noté.",
    },
    "skill_removed": {
        "en": "I removed {label} from your profile.",
        "fr": "J'ai retiré {label} de votre profil.",
    },
    "skill_not_found": {
        "en": "I couldn't find that skill in your profile.",
        "fr": "Je n'ai pas trouvé cette compétence dans votre profil.",
    },
    "go_back": {
        "en": "Sure, let's go back.",
        "fr": "Bien sûr, revenons en arrière.",
    },
    "go_back_start": {
        "en": "We're at the beginning already.",
        "fr": "Nous sommes déjà au début.",
    },
    "language_switched": {
        "en": "OK, let's continue in English.",
        "fr": "D'accord, continuons en français.",
    },
    "restart": {
        "en": "OK, let's start again from the beginning (your profile is kept; ask me to erase it if you want).",
        "fr": "D'accord, reprenons depuis le début (votre profil est gardé ; demandez-moi de l'effacer si vous le souhaitez).",
    },
    # -- dialogue acts (agent/acts): short answers to skill edits, advice questions, changes of mind
    "skills_removed_short": {
        "en": "Removed: {removed}. Keep the other {count}?",
        "fr": "Retiré : {removed}. On garde les {count} autres ?",
    },
    "skills_added_short": {
        "en": "Added: {added}.",
        "fr": "Ajouté : {added}.",
    },
    "skills_keep_rest": {
        "en": "Keep the other {count}?",
        "fr": "On garde les {count} autres ?",
    },
    "skills_not_listed": {
        "en": "\"{names}\" isn't among these skills, so nothing to remove there.",
        "fr": "« {names} » ne fait pas partie de ces compétences : rien à retirer de ce côté.",
    },
    "skills_removed_profile": {
        "en": "Removed from your profile: {removed}.",
        "fr": "Retiré de votre profil : {removed}.",
    },
    "skills_reask_compact": {
        "en": "Back to the {count} skills for \"{experience}\" ({numbers}): keep them, or tell me which to remove.",
        "fr": "Revenons aux {count} compétences pour « {experience} » ({numbers}) : on les garde, ou lesquelles retirer ?",
    },
    "skills_reask_compact_one": {
        "en": "Back to the skill for \"{experience}\" ({numbers}): keep it, or remove it?",
        "fr": "Revenons à la compétence pour « {experience} » ({numbers}) : on la garde, ou on la retire ?",
    },
    "skills_kept_removed": {
        "en": "Noted: {count} skill(s) added to your profile, {removed} left out.",
        "fr": "C'est noté : {count} compétence(s) ajoutée(s) à votre profil, {removed} laissée(s) de côté.",
    },
    "detail_duration_noted": {
        "en": "Noted: {duration}.",
        "fr": "C'est noté : {duration}.",
    },
    "target_changed": {
        "en": "OK, let's look at {label} instead.",
        "fr": "D'accord, regardons plutôt {label}.",
    },
    "target_change_unknown": {
        "en": "I couldn't find \"{text}\" among the jobs I know. Could you name it another way?",
        "fr": "Je n'ai pas trouvé « {text} » parmi les métiers que je connais. Pouvez-vous le dire autrement ?",
    },
    "advice_move": {
        "en": "{label}: {why}",
        "fr": "{label} : {why}",
    },
    "advice_move_skills": {
        "en": "You already have {carried}; you would still need {missing}.",
        "fr": "Vous avez déjà {carried} ; il vous manquerait encore {missing}.",
    },
    "advice_training": {
        "en": "\"{title}\" is there because it covers skills you're missing for {target}: {skills}.",
        "fr": "« {title} » est là parce qu'elle couvre des compétences qui vous manquent pour {target} : {skills}.",
    },
    "advice_training_linked": {
        "en": "\"{title}\" is there because it is linked to {target}. {explanation}",
        "fr": "« {title} » est là parce qu'elle est liée au métier {target}. {explanation}",
    },
    "advice_other_job": {
        "en": "{label}: you already have {have} of its {total} core skills{missing}. Want to pick it as your target?",
        "fr": "{label} : vous avez déjà {have} de ses {total} compétences clés{missing}. Voulez-vous le choisir comme objectif ?",
    },
    "advice_missing_tail": {
        "en": "; missing for example {missing}",
        "fr": " ; il manque par exemple {missing}",
    },
    "advice_recipient": {
        "en": "{name} is {description}. They would see only what the notice lists, and only if you say yes.",
        "fr": "{name} : {description}. Ce destinataire ne verrait que ce que la notice indique, et seulement si vous dites oui.",
    },
    "advice_recipient_plain": {
        "en": "{name} would see only what the notice lists, and only if you say yes; you can withdraw at any time.",
        "fr": "{name} ne verrait que ce que la notice indique, et seulement si vous dites oui ; vous pouvez retirer votre accord à tout moment.",
    },
    "advice_skill": {
        "en": "I suggested \"{label}\" because you said: \"{evidence}\".",
        "fr": "J'ai proposé « {label} » parce que vous avez dit : « {evidence} ».",
    },
    "advice_general": {
        "en": "I ranked these from the skills you confirmed, your interests and your preferences; ask me about one by name or number.",
        "fr": "Je les ai classés d'après les compétences que vous avez confirmées, vos centres d'intérêt et vos préférences ; demandez-moi l'un d'eux par son nom ou son numéro.",
    },
    "experience_next_short": {"en": "Anything else you've done? Or tell me that's all.", "fr": "Autre chose que vous avez fait ? Sinon, dites-moi que c'est tout."},
    "reask_skill_confirmation": {"en": "Keep these skills, or tell me which to remove?", "fr": "On garde ces compétences, ou lesquelles retirer ?"},
    "reask_skill_confirmation_one": {"en": "Keep this skill, or remove it?", "fr": "On garde cette compétence, ou on la retire ?"},
    "reask_target_choice": {"en": "Which one would you like to explore?", "fr": "Laquelle de ces pistes voulez-vous explorer ?"},
    "reask_share_consent": {"en": "So, shall I share with them? (yes / no)", "fr": "Alors, je partage avec ce destinataire ? (oui / non)"},
    "reask_experience": {"en": "Back to you: anything else you've done?", "fr": "Revenons à vous : autre chose que vous avez fait ?"},
    "reask_experience_detail": {"en": "Back to your experience: anything else you did there?", "fr": "Revenons à votre expérience : autre chose que vous y faisiez ?"},
    "reask_interests": {"en": "Back to my question: what do you enjoy most?", "fr": "Revenons à ma question : qu'est-ce que vous aimez le plus ?"},
    "reask_preferences": {"en": "Back to my question: any preferences for place, hours or training?", "fr": "Revenons à ma question : des préférences de lieu, d'horaires ou de formation ?"},
    "reask_processing_consent": {"en": "Do you agree that I process what you tell me? (yes / no)", "fr": "Acceptez-vous que je traite ce que vous me dites ? (oui / non)"},
    "reask_language": {"en": "Which language: English or French?", "fr": "Quelle langue : français ou anglais ?"},
    "reask_free": {"en": "Anything else about this, or shall we go on?", "fr": "Autre chose à ce sujet, ou on continue ?"},
    "advice_pick_other": {
        "en": "Pick {label}",
        "fr": "Choisir {label}",
    },
    "help": {
        "en": "I'm here to help you see your skills and where they can take you. At any moment you can say \"what do you know about me?\", \"go back\", \"export my data\" or \"erase my data\".",
        "fr": "Je suis là pour vous aider à voir vos compétences et où elles peuvent vous mener. À tout moment, vous pouvez dire « que savez-vous de moi ? », « revenir en arrière », « exporter mes données » ou « effacer mes données ».",
    },
    "off_topic": {
        "en": "That's outside what I can help with; I'm here for your skills and career.",
        "fr": "Cela sort de ce que je sais faire ; je suis là pour vos compétences et votre orientation.",
    },
    "off_topic_who": {
        "en": "I'm Orient, a career-guidance assistant. I'm a program, not a person, and I work without sending your words anywhere.",
        "fr": "Je suis Orient, un assistant d'orientation. Je suis un programme, pas une personne, et je fonctionne sans envoyer vos propos ailleurs.",
    },
    "off_topic_esco": {
        "en": "ESCO is the European classification of skills and occupations; I use it (with France's ROME and the US O*NET) to name your skills in a way employers and schools understand.",
        "fr": "ESCO est la classification européenne des compétences et des métiers ; je l'utilise (avec le ROME français et l'O*NET américain) pour nommer vos compétences d'une façon que comprennent employeurs et écoles.",
    },
    "off_topic_salary": {
        "en": "Pay depends a lot on the job, the region and experience; a counsellor or the job offers themselves give the best figures.",
        "fr": "Le salaire dépend beaucoup du métier, de la région et de l'expérience ; un conseiller ou les offres elles-mêmes donnent les meilleurs chiffres.",
    },
    "off_topic_time": {
        "en": "It takes about ten minutes, and you can stop and come back at any time: I'll remember where we were.",
        "fr": "Cela prend une dizaine de minutes, et vous pouvez vous arrêter et revenir quand vous voulez : je me souviendrai où nous en étions.",
    },
    "off_topic_why": {
        "en": "I ask so that I can suggest skills and moves that really fit you.",
        "fr": "Je pose la question pour vous proposer des compétences et des pistes qui vous correspondent vraiment.",
    },
    "off_topic_skill": {
        "en": "A skill is something you know how to do, like serving customers or editing a video; ESCO, the European list, names about 14,000 of them so that schools and employers understand each other.",
        "fr": "Une compétence, c'est quelque chose que vous savez faire, comme servir des clients ou monter une vidéo ; ESCO, la liste européenne, en nomme environ 14 000 pour que les écoles et les employeurs se comprennent.",
    },
    "off_topic_counts": {
        "en": "Yes, it counts: everything you have done can show skills.",
        "fr": "Oui, ça compte : tout ce que vous avez fait peut montrer des compétences.",
    },
    "back_to_question": {"en": "Back to my question:", "fr": "Revenons à ma question :"},
    "empty_answer": {
        "en": "I didn't get an answer.",
        "fr": "Je n'ai pas eu de réponse.",
    },
    "too_long_note": {
        "en": "Thanks for all the detail!",
        "fr": "Merci pour tous ces détails !",
    },
    # -- quick replies ---------------------------------------------------------------------------
    "qr_english": {"en": "English", "fr": "English"},
    "qr_french": {"en": "Français", "fr": "Français"},
    "qr_yes": {"en": "Yes", "fr": "Oui"},
    "qr_no": {"en": "No", "fr": "Non"},
    "qr_thats_all": {"en": "That's all", "fr": "C'est tout"},
    "qr_keep_all": {"en": "✅ Keep all", "fr": "✅ Tout garder"},
    "qr_keep_one": {"en": "✅ Keep it", "fr": "✅ La garder"},
    "qr_remove_one": {"en": "❌ Remove it", "fr": "❌ La retirer"},
    "qr_none": {"en": "❌ None of these", "fr": "❌ Aucune"},
    "qr_validate_all": {"en": "✅ Validate all (counsellor)", "fr": "✅ Tout valider (conseiller)"},
    "qr_remove": {"en": "✗ {label}", "fr": "✗ {label}"},
    "qr_remove_value": {"en": "remove: {label}", "fr": "retirer : {label}"},
    "qr_continue": {"en": "Continue", "fr": "Continuer"},
    "qr_other_job": {"en": "Another job", "fr": "Un autre métier"},
    "qr_no_more_sharing": {"en": "Don't ask me about others", "fr": "Ne plus me demander"},
    "qr_no_preference": {"en": "No preference", "fr": "Pas de préférence"},
    "qr_interest_S": {"en": "Working with people", "fr": "Travailler avec des gens"},
    "qr_interest_R": {"en": "Working with my hands", "fr": "Travailler de mes mains"},
    "qr_interest_I": {"en": "Solving problems, science", "fr": "Résoudre des problèmes, sciences"},
    "qr_interest_A": {"en": "Creating things", "fr": "Créer"},
    "qr_interest_E": {"en": "Leading, selling", "fr": "Diriger, vendre"},
    "qr_interest_C": {"en": "Numbers, organising", "fr": "Chiffres, organisation"},
    "qr_about_me": {"en": "What do you know about me?", "fr": "Que savez-vous de moi ?"},
    "qr_export": {"en": "Export my data", "fr": "Exporter mes données"},
    "qr_erase": {"en": "Erase my data", "fr": "Effacer mes données"},
    # -- vocabulary: data categories, consent statuses, validation levels -----------------------
    "category_profile": {"en": "your profile", "fr": "votre profil"},
    "category_experiences": {"en": "your experiences", "fr": "vos expériences"},
    "category_skills": {"en": "your skills", "fr": "vos compétences"},
    "category_interests": {"en": "your interests", "fr": "vos centres d'intérêt"},
    "category_preferences": {"en": "your preferences", "fr": "vos préférences"},
    "category_plan": {"en": "your plan (target, gap, trainings, jobs)", "fr": "votre projet (métier visé, écart, formations, offres)"},
    "category_region": {"en": "your region", "fr": "votre région"},
    "category_evidence": {"en": "your proofs (certificates, traces)", "fr": "vos preuves (attestations, traces)"},
    "category_transcript": {"en": "our conversation", "fr": "notre discussion"},
    "status_pending": {"en": "waiting for your answer", "fr": "en attente de votre réponse"},
    "status_granted": {"en": "given", "fr": "donné"},
    "status_refused": {"en": "refused", "fr": "refusé"},
    "status_revoked": {"en": "withdrawn", "fr": "retiré"},
    "status_expired": {"en": "expired", "fr": "expiré"},
    "level_declared": {"en": "said by you", "fr": "déclarée"},
    "level_inferred": {"en": "suggested and confirmed", "fr": "proposée et confirmée"},
    "level_validated_by_counsellor": {"en": "validated by a counsellor", "fr": "validée par un conseiller"},
    "level_evidenced": {"en": "backed by a proof", "fr": "prouvée"},
    "level_certified": {"en": "certified", "fr": "certifiée"},
    "about_skill": {"en": "{label} ({level})", "fr": "{label} ({level})"},
    "about_consent": {"en": "{name}: {status}", "fr": "{name} : {status}"},
    # -- cards -----------------------------------------------------------------------------------
    "card_gap": {"en": "Skills gap to {target}", "fr": "Écart de compétences pour {target}"},
    "card_export": {"en": "Your data (JSON)", "fr": "Vos données (JSON)"},
    "card_receipt": {"en": "Consent receipt: {name}", "fr": "Reçu de consentement : {name}"},
    "card_profile": {"en": "Your profile", "fr": "Votre profil"},
    "month": {"en": "1 month", "fr": "1 mois"},
    "months": {"en": "{n} months", "fr": "{n} mois"},
    "year": {"en": "1 year", "fr": "1 an"},
    "years": {"en": "{n} years", "fr": "{n} ans"},
    "error_turn": {
        "en": "Sorry, something went wrong on my side. Could you say that again?",
        "fr": "Désolé, un problème est survenu de mon côté. Pouvez-vous répéter ?",
    },
}


# French for pupils ("tu"): the same messages, in the register a 16-year-old is spoken to. Only the
# entries a pupil meets in a chat; ``in_register`` turns a finished French turn into this register.
TUTOIEMENT: dict[str, str] = {
    "welcome": "Salut, je suis Orient 👋 Je t'aide à mettre des mots sur ce que tu sais faire et à voir où cela peut te mener. Quelle langue préfères-tu ?",
    "language_again": "Pardon, je n'ai pas compris. Choisis une langue : français ou anglais.",
    "purpose_notice": (
        "Très bien. Voici comment ça marche : tu me racontes ce que tu fais ou as fait (lycée, job d'été, bénévolat, "
        "famille, sport, musique, art, loisirs), je te propose les compétences que cela montre, tu les confirmes, "
        "puis on regarde ensemble des métiers, des filières d'études et des formations.\n\n"
        "Confidentialité : je garde ce que tu me dis dans ton profil, sur ce service, uniquement pour t'aider. Rien "
        "n'est partagé sans ton accord pour chaque destinataire, et tu peux à tout moment voir, exporter ou effacer "
        "toutes tes données.\n\nEs-tu d'accord pour que je traite ce que tu me dis afin de construire ton profil ?"
    ),
    "processing_again": "Je ne peux construire ton profil que si tu acceptes que je garde ce que tu me dis. Es-tu d'accord ? (oui / non)",
    "processing_held": "Je reviens à ce que tu viens de me dire dès que tu es d'accord. Je ne peux construire ton profil que si tu acceptes que je garde ce que tu me dis. Es-tu d'accord ? (oui / non)",
    "processing_refused": "C'est compris : je ne garde rien sur toi. Tu peux revenir quand tu veux. À bientôt !",
    "experience_first_high_school": "Commençons par toi. Raconte-moi quelque chose que tu fais ou as fait : baby-sitting, job d'été, projet au lycée, sport, musique, art, bénévolat, loisir... Qu'est-ce que tu fais ?",
    "experience_first": "Commençons. Raconte-moi quelque chose que tu fais ou as fait : le lycée, du bénévolat, l'aide à un proche, du sport, de la musique, de l'art ou un loisir. Qu'est-ce que tu fais ?",
    "experience_next": "Tu fais autre chose, payé ou non ? Bénévolat, famille, sport, musique, art, loisirs : tout compte. Sinon, dis-moi que c'est tout.",
    "experience_again": "Même les petites choses comptent : t'occuper de quelqu'un, un sport d'équipe, un projet au lycée. Raconte-m'en une, ou dis « c'est tout » pour continuer.",
    "experience_go_on": "Vas-y : qu'est-ce que tu as fait d'autre ? Un job, du bénévolat, la famille, le lycée, un sport, un loisir... Sinon, dis-moi que c'est tout.",
    "interests_heard_early": "Voilà ce que tu aimes : je le note pour tes pistes de métiers.",
    "experience_none": "Pas de souci, on va travailler avec ce qu'on a.",
    "detail_what": "Merci ! Concrètement, qu'est-ce que tu fais au quotidien ? Et de quoi es-tu le plus fier ou la plus fière ?",
    "detail_how_long": "Merci ! Depuis combien de temps, et y a-t-il quelque chose dont tu es fier ou fière ?",
    "experience_next_told": "Passons à l'autre expérience dont tu m'as parlé : « {title} ».",
    "experience_told_later": "Avant de continuer, parlons de « {title} » : cette expérience montre peut-être des compétences qui manquent à ton profil.",
    "experience_told_later_done": "Merci, cette expérience est dans ton profil. Reprenons où nous en étions.",
    "detail_more": "Merci ! Autre chose que tu y fais, ou dont tu es fier ou fière ?",
    "skills_intro": "D'après ce que tu m'as dit sur « {experience} », je vois ces compétences :",
    "skills_intro_one": "D'après ce que tu m'as dit sur « {experience} », je vois cette compétence :",
    "skills_ask_one": "Est-ce qu'elle te correspond ? Garde-la, retire-la si elle ne va pas, ou ajoute les tiennes (« ajouter : ... »).",
    "skills_ask": "Est-ce que ça te correspond ? Garde-les toutes, retire celles qui ne vont pas, ou ajoute les tiennes (« ajouter : ... »).",
    "skills_added": "J'ai ajouté {added} à ton profil. Autre chose à changer, ou on garde celles-ci ?",
    "skills_add_unknown": "Je n'ai pas trouvé de compétence correspondant à « {text} ». Peux-tu le dire autrement ? Sinon, garde la liste telle quelle.",
    "skills_unsure": "Pas de souci : garde celles qui ressemblent à ce que tu as fait et retire les autres. Tu pourras les changer plus tard dans ton profil.",
    "skills_again": "Touche « Tout garder », « Aucune », ou retires-en une par son numéro (par exemple « retirer 2 »).",
    "skills_confirmed": "C'est noté : {count} compétence(s) ajoutée(s) à ton profil.",
    "skills_left_pending": "Je les laisse comme suggestions pour l'instant ; tu pourras les confirmer plus tard.",
    "interests_ask": "Parlons de toi : qu'est-ce que tu aimes le plus ? Par exemple travailler avec des gens, de tes mains, avec des chiffres ou l'informatique, créer, mener des projets, ou organiser.",
    "interests_again": "Choisis-en une ou deux, ou dis-moi avec tes mots ce que tu aimes faire.",
    "preferences_ask_high_school": "Et après le lycée : études courtes ou longues, alternance, ou travailler rapidement ? Où aimerais-tu étudier ou travailler ?",
    "preferences_ask": "Quelques préférences : où aimerais-tu travailler ou étudier, à quel rythme, et quelle formation es-tu prêt(e) à suivre ?",
    "preferences_again": "Par exemple : « études courtes près de Lyon, l'alternance me va ». Ou dis « pas de préférence ».",
    "moves_intro": "Voici des pistes qui correspondent à tes compétences et à ce que tu aimes :",
    "moves_intro_high_school": "Voici des secteurs, des métiers et des filières d'études qui correspondent à ce que tu fais et aimes :",
    "moves_ask": "Laquelle veux-tu explorer ? Choisis-en une, ou nomme un autre métier.",
    "moves_none": "Je n'ai pas encore assez d'éléments pour proposer des pistes. Quel métier aimerais-tu viser ?",
    "target_unknown": "Je n'ai pas trouvé « {text} » parmi les métiers que je connais. Choisis une option, ou nomme le métier autrement.",
    "target_default": "Prenons « {label} », la piste la plus proche, pour commencer ; tu pourras changer plus tard.",
    "gap_intro": "Bon choix : {target}. Tu as déjà {covered} de ses compétences clés.",
    "gap_intro_own": "Bon choix : {target}, le métier que tu connais, chez un autre employeur. Tu as {covered} de ses compétences clés.",
    "gap_missing_own": "Pour te démarquer des autres candidats, des compétences à ajouter : {missing}.",
    "gap_nothing": "Tu couvres déjà les compétences clés que je connais pour ce métier.",
    "jobs_intro": "Des offres qui correspondent à tes compétences :",
    "plan_next": "Des questions ? Quand tu es prêt(e), je te demanderai avec qui, si tu le souhaites, partager ton profil.",
    "share_ask": "Veux-tu partager ton profil avec ce {kind_label} ? (oui / non)",
    "share_again": "Juste oui ou non : partager ton profil avec {name} ?",
    "share_done": "C'est fait : partagé avec {name}. Voici ton reçu signé ; tu peux retirer cet accord à tout moment.",
    "share_none_available": "Il n'y a aucun destinataire disponible sur ce service pour l'instant.",
    "wrapup": "C'est tout pour aujourd'hui ! Ton profil compte {skills} compétence(s) confirmée(s){target}. Prochaines étapes : {steps} Tu peux à tout moment me demander de voir, exporter ou effacer tes données. Bonne chance !",
    "wrapup_target": " et ton objectif est {label}",
    "wrapup_steps": "regarde les formations ci-dessus, parles-en à un conseiller ou une conseillère d'orientation, et reviens mettre à jour ton profil.",
    "finished_hint": "On a terminé pour l'instant. Tu peux demander « que sais-tu de moi ? », « exporter mes données », « effacer mes données » ou « recommencer ».",
    "about_me_empty": "Je ne sais encore rien de toi.",
    "about_me": "Voici ce que je sais de toi :\n{summary}",
    "export_done": "Voici tout ce que je détiens sur toi, en export JSON (aussi disponible en JSON-LD et en page imprimable).",
    "erase_confirm": "Veux-tu vraiment que j'efface tout ce qui te concerne (profil, discussion, accords) ? C'est définitif. (oui / non)",
    "erase_done": "C'est fait : tout ce qui te concerne a été effacé. Si tu réécris, on repart de zéro. Prends soin de toi !",
    "revoke_done": "C'est fait : j'ai retiré ton accord pour {names}. Plus rien ne leur sera partagé.",
    "revoke_none": "Tu n'as donné aucun accord de partage, il n'y a donc rien à retirer.",
    "injection_refused": "Je ne peux pas faire cela : je ne partage jamais tes données à cause d'un message dans la discussion. Le partage se fait seulement à l'étape prévue, destinataire par destinataire, après lecture de sa notice et ton accord. Rien n'a été partagé.",
    "correction_location": "Merci, j'ai corrigé ton lieu : {location}.",
    "skill_removed": "J'ai retiré {label} de ton profil.",
    "skill_not_found": "Je n'ai pas trouvé cette compétence dans ton profil.",
    "restart": "D'accord, reprenons depuis le début (ton profil est gardé ; demande-moi de l'effacer si tu le souhaites).",
    "help": "Je suis là pour t'aider à voir tes compétences et où elles peuvent te mener. À tout moment, tu peux dire « que sais-tu de moi ? », « revenir en arrière », « exporter mes données » ou « effacer mes données ».",
    "off_topic": "Ça sort de ce que je sais faire ; je suis là pour tes compétences et ton orientation.",
    "off_topic_who": "Je suis Orient, un assistant d'orientation. Je suis un programme, pas une personne, et je fonctionne sans envoyer tes propos ailleurs.",
    "off_topic_time": "Ça prend une dizaine de minutes, et tu peux t'arrêter et revenir quand tu veux : je me souviendrai où on en était.",
    "off_topic_why": "Je pose la question pour te proposer des compétences et des pistes qui te correspondent vraiment.",
    "off_topic_skill": "Une compétence, c'est quelque chose que tu sais faire, comme servir des clients ou monter une vidéo ; ESCO, la liste européenne, en nomme environ 14 000 pour que les écoles et les employeurs se comprennent.",
    "off_topic_counts": "Oui, ça compte : tout ce que tu as fait peut montrer des compétences.",
    "error_turn": "Désolé, un problème est survenu de mon côté. Peux-tu répéter ?",
    "qr_about_me": "Que sais-tu de moi ?",
}

_VOWEL = "aeiouyhàâäéèêëîïôöùûüœAEIOUYHÀÂÉÈÊÎÔŒ"
_ELIDED = {"ce": "cet ", "de": "d'", "le": "l'", "la": "l'", "que": "qu'", "je": "j'", "ne": "n'", "se": "s'"}
_BEFORE_PLACEHOLDER = re.compile(r"\b(ce|de|le|la|que|je|ne|se) \{(\w+)\}", re.IGNORECASE)


def _elide(template: str, values: dict[str, object]) -> str:
    """French elision before a filled-in word: "ce {x}" with x = "organisme" reads "cet organisme",
    "de {x}" with x = "Orient" reads "d'Orient"."""

    def fix(match: re.Match[str]) -> str:
        word, name = match.group(1), match.group(2)
        value = str(values.get(name, ""))
        if not value or value[0] not in _VOWEL:
            return match.group(0)
        elided = _ELIDED[word.lower()]
        if word[0].isupper():
            elided = elided[0].upper() + elided[1:]
        return elided + "{" + name + "}"

    return _BEFORE_PLACEHOLDER.sub(fix, template)


def say(key: str, lang: str, **values: object) -> str:
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["en"]
    if not values:
        return text
    if lang == "fr":
        text = _elide(text, values)
    return text.format(**values)


_ELIDABLE_END = re.compile(r"\b(ce|de|le|la|que|je|ne|se) $", re.IGNORECASE)


@dataclass(frozen=True)
class _RegisterRule:
    """One "vous" sentence of the catalogue and its "tu" form. ``needed`` are the sentence's literal
    parts: a turn lacking one of them cannot hold the sentence, so its pattern is not run (a lazy
    pattern tried at every position of a long turn is what made a pupil's turns slow)."""

    vous: re.Pattern[str] | str
    tu: str
    needed: tuple[str, ...]

    def apply(self, text: str) -> str:
        if not all(part in text for part in self.needed):
            return text
        if isinstance(self.vous, str):
            return text.replace(self.vous, self.tu)
        return self.vous.sub(partial(_in_tu, self.tu), text)


def _register_rule(vous: str, tu: str) -> _RegisterRule:
    if "{" not in vous:
        return _RegisterRule(vous, tu, (vous,))
    parts = re.split(r"\{(\w+)\}", vous)
    pattern, seen, needed = "", set(), []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            literal = re.escape(part)
            word = _ELIDABLE_END.search(part) if i + 1 < len(parts) else None
            if word:  # the word may have been elided before the value ("cet organisme", "d'Orient")
                elided = re.escape(_ELIDED[word.group(1).lower()])
                literal = re.escape(part[: word.start()]) + f"(?:{re.escape(word.group(0))}|{elided})"
                part = part[: word.start()]
            if part.strip():
                needed.append(part)
            pattern += literal
        elif part in seen:
            pattern += f"(?P={part})"
        else:
            seen.add(part)
            pattern += f"(?P<{part}>.+?)"
    return _RegisterRule(re.compile(pattern, re.DOTALL), tu, tuple(needed))


def _in_tu(tu: str, match: re.Match[str]) -> str:
    """One "vous" sentence matched in a turn, said with the "tu" template ``tu`` and its filled-in words."""
    return _elide(tu, match.groupdict()).format(**match.groupdict())


# The French sentences the career tools write (tools/career: a move's why, the gap's credit, a course's
# explanation) are not in the catalogue: their "vous" phrases, each with its "tu" form, put in the
# pupil's register after the catalogue's whole sentences. A phrase, not a sentence: the tools build
# their sentences from parts.
CAREER_PHRASES_TU: dict[str, str] = {
    "Vos compétences utiles ici :": "Tes compétences utiles ici :",
    "Vous avez ": "Tu as ",
    "Correspond à vos centres d'intérêt": "Correspond à tes centres d'intérêt",
    "Une progression dans votre domaine": "Une progression dans ton domaine",
    "Proche de ce que vous aimez le plus": "Proche de ce que tu aimes le plus",
    "Votre métier, chez un autre employeur.": "Ton métier, chez un autre employeur.",
    "Vous utilisez déjà plusieurs de ses compétences clés en dehors de vos emplois.":
        "Tu utilises déjà plusieurs de ses compétences clés en dehors de tes emplois.",
    "Proche de votre métier": "Proche de ton métier",
    "qui correspond à vos goûts et à ce que vous savez faire": "qui correspond à tes goûts et à ce que tu sais faire",
    "comme vous le souhaitez": "comme tu le souhaites",
    "contrairement à ce que vous souhaitez": "contrairement à ce que tu souhaites",
    "compétence(s) de votre écart": "compétence(s) de ton écart",
    "S'appuie sur vos acquis": "S'appuie sur tes acquis",
    "que vous y utilisez déjà": "que tu y utilises déjà",
    "ne respectait vos critères": "ne respectait tes critères",
    "Utilise vos compétences": "Utilise tes compétences",
    "grâce à votre emploi": "grâce à ton emploi",
    "vous l'avez": "tu l'as",
}


@cache
def _register_table() -> tuple[_RegisterRule, ...]:
    """The catalogue's "vous" sentences with a "tu" form, longest first, then the career tools' phrases."""
    sentences = tuple(_register_rule(MESSAGES[key]["fr"], tu)
                      for key, tu in sorted(TUTOIEMENT.items(), key=lambda kv: -len(MESSAGES[kv[0]]["fr"])))
    phrases = tuple(_register_rule(vous, tu)
                    for vous, tu in sorted(CAREER_PHRASES_TU.items(), key=lambda kv: -len(kv[0])))
    return sentences + phrases


def in_register(text: str, lang: str, persona: str | None) -> str:
    """A finished French turn said to a pupil ("tu"), every catalogue sentence in it replaced by its
    "tu" form; other turns are returned unchanged."""
    if lang != "fr" or persona != "high_school" or not text:
        return text
    for rule in _register_table():
        text = rule.apply(text)
    return text


def label_of(prefix: str, value: object, lang: str) -> str:
    """A vocabulary word in the person's language (``category_``, ``status_``, ``level_``), or the
    value itself when the catalogue has none."""
    key = f"{prefix}{value}"
    return say(key, lang) if key in MESSAGES else str(value)


def categories_text(categories: Sequence[object], lang: str) -> str:
    names = [label_of("category_", c, lang) for c in categories]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {say('and', lang)} " + names[-1]


def duration_text(months: int, lang: str) -> str:
    if months >= 12 and months % 12 == 0:
        years = months // 12
        return say("year", lang) if years == 1 else say("years", lang, n=years)
    return say("month", lang) if months == 1 else say("months", lang, n=months)


# -- consent in the chat: sharing as a choice, questions at a consent step, acts only the person may do
# (kept in one block so that the catalogue above can change around it)
MESSAGES.update({
    "share_intro": {
        "en": "Your plan is ready. Some people could help you with it: {helpers}. I'll ask you about each one; nothing is shared unless you say yes.",
        "fr": "Votre plan est prêt. Quelques interlocuteurs pourraient vous aider : {helpers}. Je vous pose la question pour chacun ; rien n'est partagé sans votre oui.",
    },
    "share_intro_one": {
        "en": "Your plan is ready. Someone could help you with it: {helpers}. I'll ask you; nothing is shared unless you say yes.",
        "fr": "Votre plan est prêt. Quelqu'un pourrait vous aider : {helpers}. Je vous pose la question ; rien n'est partagé sans votre oui.",
    },
    "demo_name_coach": {"en": "Demo Career Coach (demo)", "fr": "Coach carrière (démo)"},
    "demo_name_counsellor": {"en": "Demo Guidance Counsellor (demo)", "fr": "Conseiller d'orientation (démo)"},
    "demo_name_training_provider": {"en": "Demo Training Institute (demo)", "fr": "Institut de formation (démo)"},
    "demo_name_employer": {"en": "Demo Employer Ltd (demo)", "fr": "Employeur (démo)"},
    "demo_name_statistics": {"en": "Demo Regional Observatory (demo)", "fr": "Observatoire régional (démo)"},
    "helper_coach": {
        "en": "a coach, to turn your plan into applications and interviews",
        "fr": "un coach, pour transformer votre plan en candidatures et en entretiens",
    },
    "helper_counsellor": {
        "en": "a guidance counsellor, to review your skills and your choices with you",
        "fr": "un conseiller d'orientation, pour revoir avec vous vos compétences et vos choix",
    },
    "helper_training_provider": {
        "en": "the training provider, about the courses in your plan",
        "fr": "l'organisme de formation, pour les formations de votre plan",
    },
    "helper_employer": {
        "en": "an employer, to consider you for jobs like the one you aim for",
        "fr": "un employeur, pour étudier votre candidature à des postes comme celui que vous visez",
    },
    "notice_plain": {
        "en": "{name}: {why} If you say yes, they see {categories} for {duration}; they keep what they received {retention} at most, and you can withdraw at any time.",
        "fr": "{name} : {why} Si vous dites oui, ils voient {categories} pendant {duration} ; ils gardent ce qu'ils ont reçu {retention} au plus, et vous pouvez retirer votre accord à tout moment.",
    },
    # the notice said to a pupil: its values (the recipient's words, the categories) are put in "tu" first
    "notice_plain_tu": {
        "en": "{name}: {why} If you say yes, they see {categories} for {duration}; they keep what they received {retention} at most, and you can withdraw at any time.",
        "fr": "{name} : {why} Si tu dis oui, ils voient {categories} pendant {duration} ; ils gardent ce qu'ils ont reçu {retention} au plus, et tu peux retirer ton accord à tout moment.",
    },
    "notice_days": {"en": "{n} day(s)", "fr": "{n} jour(s)"},
    "notice_told_all": {
        "en": "I have told you all that the notice of {name} says about it.",
        "fr": "Je vous ai dit tout ce que la notice de {name} en dit.",
    },
    "share_ask_named": {
        "en": "Do you want to share with {name}?",
        "fr": "Voulez-vous partager avec {name} ?",
    },
    "share_reask": {
        "en": "So, do you want to share with {name}? Yes or no.",
        "fr": "Alors, voulez-vous partager avec {name} ? Oui ou non.",
    },
    "share_unclear": {
        "en": "I need a clear yes or no before sharing anything. Share with {name}?",
        "fr": "J'ai besoin d'un oui ou d'un non clair avant de partager quoi que ce soit. Partager avec {name} ?",
    },
    "share_unclear_skip": {
        "en": "I'll leave it there: nothing is shared with {name}.",
        "fr": "Je n'insiste pas : rien n'est partagé avec {name}.",
    },
    "share_no_one_else": {
        "en": "OK, I won't ask about anyone else for this plan.",
        "fr": "D'accord, je ne vous demande pour personne d'autre sur ce plan.",
    },
    "share_dont_ask_done": {
        "en": "Understood: I won't ask you about sharing again, even for a new plan. If you change your mind, say \"ask me before sharing with a coach\".",
        "fr": "Entendu : je ne vous poserai plus de question sur le partage, même pour un nouveau plan. Si vous changez d'avis, dites « demande-moi avant de partager avec un coach ».",
    },
    "share_not_asking": {
        "en": "As you asked, I don't ask you about sharing any more: nothing is shared.",
        "fr": "Comme vous l'avez demandé, je ne vous pose plus de question sur le partage : rien n'est partagé.",
    },
    "share_person_only": {
        "en": "Only the person can decide to share their profile, from their own session (their own phone or computer). Nothing is shared from a guided session; the question waits for them.",
        "fr": "Seule la personne peut décider de partager son profil, depuis sa propre session (son téléphone ou son ordinateur). Rien n'est partagé depuis une séance accompagnée ; la question l'attend.",
    },
    "rule_person_only": {
        "en": "Only the person can set a sharing rule, from their own session (their own phone or computer). Nothing was changed.",
        "fr": "Seule la personne peut fixer une règle de partage, depuis sa propre session (son téléphone ou son ordinateur). Rien n'a été changé.",
    },
    "erase_person_only": {
        "en": "Only the person can erase their data, from their own session (their own phone or computer). Nothing was erased.",
        "fr": "Seule la personne peut effacer ses données, depuis sa propre session (son téléphone ou son ordinateur). Rien n'a été effacé.",
    },
    "revoke_person_only": {
        "en": "Only the person can withdraw a consent, from their own session (their own phone or computer). Nothing was changed.",
        "fr": "Seule la personne peut retirer un accord, depuis sa propre session (son téléphone ou son ordinateur). Rien n'a été changé.",
    },
    "notice_who": {
        "en": "Only {name} receives it, no one else; the organisation responsible for it is {controller}.",
        "fr": "Seul {name} le reçoit, personne d'autre ; l'organisation qui en est responsable est {controller}.",
    },
    "notice_who_demo": {
        "en": "Only {name} receives it, no one else. It is a demo recipient: not a real organisation, no real person reads it.",
        "fr": "Seul {name} le reçoit, personne d'autre. C'est un destinataire de démonstration : ce n'est pas une vraie organisation, aucune personne réelle ne le lit.",
    },
    "notice_what": {
        "en": "They would see {categories}, nothing else (never this conversation).",
        "fr": "Ils verraient {categories}, rien d'autre (jamais cette conversation).",
    },
    "notice_why": {"en": "Why: {why}", "fr": "Pourquoi : {why}"},
    "notice_how_long": {
        "en": "They can see it for {duration} (the length of your consent) and keep what they received {retention} at most.",
        "fr": "Ils peuvent le voir pendant {duration} (la durée de votre accord) et gardent ce qu'ils ont reçu {retention} au plus.",
    },
    "notice_withdraw": {
        "en": "You can withdraw at any time: say \"withdraw my consent for {name}\", and from then on they receive nothing more.",
        "fr": "Vous pouvez retirer votre accord à tout moment : dites « je retire mon accord pour {name} », et ils ne reçoivent plus rien.",
    },
    "notice_demo": {
        "en": "{name} is a demo recipient: not a real organisation, no real person reads it.",
        "fr": "{name} est un destinataire de démonstration : ce n'est pas une vraie organisation, aucune personne réelle ne le lit.",
    },
    "notice_real": {
        "en": "{name} is a registered organisation; {controller} is responsible for what it receives.",
        "fr": "{name} est une organisation enregistrée ; {controller} est responsable de ce qu'elle reçoit.",
    },
    "notice_contact": {"en": "You can reach them at {contact}.", "fr": "Vous pouvez les joindre à {contact}."},
    "erase_explain": {
        "en": "Erasing removes everything about you here: your profile, this conversation, your consents and receipts. It cannot be undone. Do you want me to erase everything? (yes / no)",
        "fr": "Effacer supprime tout ce qui vous concerne ici : votre profil, cette conversation, vos accords et vos reçus. C'est définitif. Voulez-vous que j'efface tout ? (oui / non)",
    },
    "rule_always_explain": {
        "en": "With this rule, when {kinds} come up I give your consent in your name, without asking you, and you get a signed receipt each time; you can withdraw it or change the rule at any time. Do you want that? Yes or no.",
        "fr": "Avec cette règle, quand {kinds} se présentent, je donne votre accord en votre nom sans vous demander, et vous recevez un reçu signé à chaque fois ; vous pouvez le retirer ou changer la règle à tout moment. Le voulez-vous ? Oui ou non.",
    },
    "revoke_not_found": {
        "en": "You have given no consent to {names}, so there is nothing to withdraw there. Your consents in force: {given}.",
        "fr": "Vous n'avez donné aucun accord à {names} : il n'y a rien à retirer. Vos accords en cours : {given}.",
    },
    "revoke_nothing_named": {"en": "none", "fr": "aucun"},
    "processing_explain": {
        "en": "What you tell me stays in your profile on this service, only to help you: no one else sees it unless you later say yes to a specific recipient, and you can see, export or erase everything at any time. Do you agree that I process what you tell me to build your profile? (yes / no)",
        "fr": "Ce que vous me dites reste dans votre profil sur ce service, uniquement pour vous aider : personne d'autre ne le voit, sauf si plus tard vous dites oui à un destinataire précis, et vous pouvez tout voir, exporter ou effacer à tout moment. Acceptez-vous que je traite ce que vous me dites pour construire votre profil ? (oui / non)",
    },
    "qr_no_one_else": {"en": "No one else", "fr": "Personne d'autre"},
    "qr_dont_ask_again": {"en": "Don't ask me again", "fr": "Ne plus me demander"},
})
TUTOIEMENT.update({  # the plan, sharing rules and the cards a pupil may also see
    "gap_credited": "Reconnu d'après ton parcours : {credited}.",
    "share_auto_rule": "Partagé avec {name} sans te le demander, comme le prévoit ta règle. Voici ton reçu signé ; tu peux le retirer à tout moment.",
    "share_auto_consent": "Partagé avec {name} selon l'accord que tu avais déjà donné. Tu peux le retirer à tout moment.",
    "rule_never": "Entendu : je ne partagerai jamais tes données avec {kinds}. Tu peux changer cette règle à tout moment.",
    "rule_never_revoked": "Les accords que tu avais donnés à {names} sont retirés.",
    "rule_ask": "Entendu : je te demanderai à chaque fois avant de partager quoi que ce soit avec {kinds}.",
    "rule_always_confirm": "Tu veux que je partage avec {kinds} sans te demander à chaque fois ? Je donnerais alors ton accord en ton nom quand ils sont proposés, avec un reçu signé à chaque fois, et tu peux changer cela à tout moment. Oui ou non ?",
    "rule_always": "C'est fait : désormais je partage avec {kinds} sans te demander, avec un reçu à chaque fois. Dis « ne jamais partager avec ... » pour changer cela.",
    "rule_cancelled": "D'accord, je continue à te demander avant chaque partage.",
    "skills_kept_removed": "C'est noté : {count} compétence(s) ajoutée(s) à ton profil, {removed} laissée(s) de côté.",
    "off_topic_esco": "ESCO est la classification européenne des compétences et des métiers ; je l'utilise (avec le ROME français et l'O*NET américain) pour nommer tes compétences d'une façon que comprennent employeurs et écoles.",
    "status_pending": "en attente de ta réponse",
    "card_export": "Tes données (JSON)",
    "card_profile": "Ton profil",
})
TUTOIEMENT.update({  # dialogue acts (agent/acts)
    "skills_removed_profile": "Retiré de ton profil : {removed}.",
    "target_change_unknown": "Je n'ai pas trouvé « {text} » parmi les métiers que je connais. Peux-tu le dire autrement ?",
    "advice_move_skills": "Tu as déjà {carried} ; il te manquerait encore {missing}.",
    "advice_training": "« {title} » est là parce qu'elle couvre des compétences qui te manquent pour {target} : {skills}.",
    "advice_other_job": "{label} : tu as déjà {have} de ses {total} compétences clés{missing}. Veux-tu le choisir comme objectif ?",
    "advice_recipient": "{name} : {description}. Ce destinataire ne verrait que ce que la notice indique, et seulement si tu dis oui.",
    "advice_recipient_plain": "{name} ne verrait que ce que la notice indique, et seulement si tu dis oui ; tu peux retirer ton accord à tout moment.",
    "advice_skill": "J'ai proposé « {label} » parce que tu as dit : « {evidence} ».",
    "advice_general": "Je les ai classés d'après les compétences que tu as confirmées, tes centres d'intérêt et tes préférences ; demande-moi l'un d'eux par son nom ou son numéro.",
    "reask_share_consent": "Alors, je partage avec ce destinataire ? (oui / non)",
    "reask_experience": "Revenons à toi : autre chose que tu as fait ?",
    "reask_experience_detail": "Revenons à ton expérience : autre chose que tu y faisais ?",
    "reask_interests": "Revenons à ma question : qu'est-ce que tu aimes le plus ?",
    "reask_target_choice": "Laquelle de ces pistes veux-tu explorer ?",
    "reask_processing_consent": "Acceptes-tu que je traite ce que tu me dis ? (oui / non)",
    "experience_next_short": "Autre chose que tu as fait ? Sinon, dis-moi que c'est tout.",
})
TUTOIEMENT.update({
    "share_intro": "Ton plan est prêt. Quelques interlocuteurs pourraient t'aider : {helpers}. Je te pose la question pour chacun ; rien n'est partagé sans ton oui.",
    "share_intro_one": "Ton plan est prêt. Quelqu'un pourrait t'aider : {helpers}. Je te pose la question ; rien n'est partagé sans ton oui.",
    "helper_coach": "un coach, pour transformer ton plan en candidatures et en entretiens",
    "helper_counsellor": "un conseiller d'orientation, pour revoir avec toi tes compétences et tes choix",
    "helper_training_provider": "l'organisme de formation, pour les formations de ton plan",
    "helper_employer": "un employeur, pour étudier ta candidature à des postes comme celui que tu vises",
    "share_ask_named": "Veux-tu partager avec {name} ?",
    "share_reask": "Alors, veux-tu partager avec {name} ? Oui ou non.",
    "share_no_one_else": "D'accord, je ne te demande pour personne d'autre sur ce plan.",
    "share_dont_ask_done": "Entendu : je ne te poserai plus de question sur le partage, même pour un nouveau plan. Si tu changes d'avis, dis « demande-moi avant de partager avec un coach ».",
    "share_not_asking": "Comme tu l'as demandé, je ne te pose plus de question sur le partage : rien n'est partagé.",
    "notice_how_long": "Ils peuvent le voir pendant {duration} (la durée de ton accord) et gardent ce qu'ils ont reçu {retention} au plus.",
    "notice_withdraw": "Tu peux retirer ton accord à tout moment : dis « je retire mon accord pour {name} », et ils ne reçoivent plus rien.",
    "notice_contact": "Tu peux les joindre à {contact}.",
    "notice_told_all": "Je t'ai dit tout ce que la notice de {name} en dit.",
    "erase_explain": "Effacer supprime tout ce qui te concerne ici : ton profil, cette conversation, tes accords et tes reçus. C'est définitif. Veux-tu que j'efface tout ? (oui / non)",
    "rule_always_explain": "Avec cette règle, quand {kinds} se présentent, je donne ton accord en ton nom sans te demander, et tu reçois un reçu signé à chaque fois ; tu peux le retirer ou changer la règle à tout moment. Le veux-tu ? Oui ou non.",
    "processing_explain": "Ce que tu me dis reste dans ton profil sur ce service, uniquement pour t'aider : personne d'autre ne le voit, sauf si plus tard tu dis oui à un destinataire précis, et tu peux tout voir, exporter ou effacer à tout moment. Es-tu d'accord pour que je traite ce que tu me dis afin de construire ton profil ? (oui / non)",
    "revoke_not_found": "Tu n'as donné aucun accord à {names} : il n'y a rien à retirer. Tes accords en cours : {given}.",
})
