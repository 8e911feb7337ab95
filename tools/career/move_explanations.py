"""The short "why" of a career move, in English and French."""

from __future__ import annotations

from tools.career.interests import RIASEC_NAMES
from tools.career.labels import join_labels
from tools.career.models import SkillRef


def why_texts(
    *,
    carried: dict[str, list[SkillRef]],
    missing: dict[str, list[SkillRef]],
    n_essential: int,
    n_essential_held: int,
    interest_letters: str = "",
    mobility_from: dict[str, str] | None = None,
    region: str | None = None,
    employer: str | None = None,
    step_up_from: dict[str, str] | None = None,
    interest_led: bool = False,
) -> dict[str, str]:
    out: dict[str, str] = {}
    for lang in ("en", "fr"):
        parts: list[str] = []
        if carried[lang]:
            if lang == "en":
                parts.append(f"Your skills that carry over: {join_labels(carried[lang], 4, lang)}.")
            else:
                parts.append(f"Vos compétences utiles ici : {join_labels(carried[lang], 4, lang)}.")
        if n_essential:
            if lang == "en":
                parts.append(f"You have {n_essential_held} of its {n_essential} essential skills.")
            else:
                parts.append(f"Vous avez {n_essential_held} de ses {n_essential} compétences essentielles.")
        if missing[lang]:
            if lang == "en":
                parts.append(f"To learn: {join_labels(missing[lang], 3, lang)}.")
            else:
                parts.append(f"À acquérir : {join_labels(missing[lang], 3, lang)}.")
        if interest_letters:
            names = ", ".join(RIASEC_NAMES[lang][x] for x in interest_letters)
            parts.append(
                f"Fits your interests ({names})." if lang == "en" else f"Correspond à vos centres d'intérêt ({names})."
            )
        if mobility_from and mobility_from.get(lang):
            parts.append(
                f"A usual move from {mobility_from[lang]} (ROME mobility)."
                if lang == "en"
                else f"Une mobilité courante depuis {mobility_from[lang]} (mobilité ROME)."
            )
        if step_up_from and step_up_from.get(lang):
            parts.append(
                f"A step up in your field, from {step_up_from[lang]}."
                if lang == "en"
                else f"Une progression dans votre domaine, depuis {step_up_from[lang]}."
            )
        if interest_led:
            parts.append(
                "Close to what you enjoy most: a bigger change, with training."
                if lang == "en"
                else "Proche de ce que vous aimez le plus : un changement plus grand, avec une formation."
            )
        if region:
            parts.append(f"In demand in {region}." if lang == "en" else f"Métier recherché sur le territoire ({region}).")
        if employer:
            parts.append(
                f"A role at {employer}." if lang == "en" else f"Un poste chez {employer}."
            )
        out[lang] = " ".join(parts)
    return out
