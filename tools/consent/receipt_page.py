"""A consent receipt as a person reads it: a page (HTML, or a one-page PDF) saying who receives what,
for what, until when, the consent's state, and how to check the signature; the signed JSON stays
the proof and is linked from the page."""

from __future__ import annotations

import html
import json
from datetime import datetime
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tools.profile.pdf import FONT_DIRS, find_font, latin1

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Consent receipt", "recipient": "Recipient", "demo": "demo recipient, for trying the service",
        "purpose": "Why", "data": "What they receive", "state": "Your decision", "when": "Recorded on",
        "valid_until": "Your consent lasts until", "retention": "They keep the data", "retention_days": "{d} days",
        "controller": "Who is responsible", "withdraw": "You can withdraw this consent at any time: say \"withdraw my "
        "consent for {name}\" in the chat. Withdrawing stops any further sharing at once.",
        "verify_title": "How to check this receipt",
        "verify": "This receipt is signed by the service (Ed25519, key {key}). The signature covers the receipt's JSON "
                  "file without its \"proof\" part. To check it, send the JSON file to {verify_url} (POST, "
                  "{{\"receipt\": ...}}), or verify it yourself with the public key published at {key_url}.",
        "json": "The signed receipt (JSON)", "receipt_id": "Receipt number",
        "json_inside": "The signed receipt (JSON) is stored inside this file (block \"signed-receipt\"), for checking.",
        "granted": "given", "refused": "refused", "revoked": "withdrawn", "expired": "expired", "pending": "waiting for your answer",
        "profile": "your profile (experiences and skills)", "experiences": "your experiences", "skills": "your skills",
        "interests": "your interests", "preferences": "your preferences",
        "plan": "your plan (target, gap, trainings, jobs)", "region": "your region",
        "evidence": "your proofs (certificates, traces)", "transcript": "our conversation",
    },
    "fr": {
        "title": "Reçu de consentement", "recipient": "Destinataire", "demo": "destinataire de démonstration, pour essayer le service",
        "purpose": "Pourquoi", "data": "Ce qu'il reçoit", "state": "Votre décision", "when": "Enregistré le",
        "valid_until": "Votre accord dure jusqu'au", "retention": "Il garde les données", "retention_days": "{d} jours",
        "controller": "Responsable", "withdraw": "Vous pouvez retirer cet accord à tout moment : dites « retirer mon "
        "accord pour {name} » dans la discussion. Le retrait arrête aussitôt tout nouveau partage.",
        "verify_title": "Comment vérifier ce reçu",
        "verify": "Ce reçu est signé par le service (Ed25519, clé {key}). La signature porte sur le fichier JSON du reçu, "
                  "sans sa partie « proof ». Pour la vérifier, envoyez le fichier JSON à {verify_url} (POST, "
                  "{{\"receipt\": ...}}), ou vérifiez-la vous-même avec la clé publique publiée à {key_url}.",
        "json": "Le reçu signé (JSON)", "receipt_id": "Numéro du reçu",
        "json_inside": "Le reçu signé (JSON) est enregistré dans ce fichier (bloc « signed-receipt »), pour vérification.",
        "granted": "accord donné", "refused": "refusé", "revoked": "retiré", "expired": "expiré", "pending": "en attente de votre réponse",
        "profile": "votre profil (expériences et compétences)", "experiences": "vos expériences", "skills": "vos compétences",
        "interests": "vos centres d'intérêt", "preferences": "vos préférences",
        "plan": "votre projet (métier visé, écart, formations, offres)", "region": "votre région",
        "evidence": "vos preuves (attestations, traces)", "transcript": "notre discussion",
    },
}
VERIFY_PATH = "/api/consent/verify"
KEY_PATH = "/api/consent/public-key"


def _date(value: Any, lang: str) -> str:
    if not isinstance(value, str) or not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return moment.strftime("%d/%m/%Y %H:%M UTC") if lang == "fr" else moment.strftime("%Y-%m-%d %H:%M UTC")


def rows(receipt: dict[str, Any], lang: str, base_url: str = "") -> tuple[str, list[tuple[str, str]], str, str]:
    """The page's title, its (label, value) rows, the withdrawal sentence and the verification text."""
    w = WORDS.get(lang, WORDS["en"])
    recipient = receipt.get("recipient") or {}
    name = str(recipient.get("name") or recipient.get("id") or "")
    purpose = (receipt.get("purposes") or [{}])[0]
    notice = receipt.get("notice") or {}
    controllers = receipt.get("pii_controllers") or [{}]
    controller = controllers[0] if controllers else {}
    status = str(receipt.get("consent_status") or receipt.get("state") or "")
    validity = receipt.get("validity") or {}
    retention = (purpose.get("retention") or {}).get("retention_days")
    proof = receipt.get("proof") or {}
    items: list[tuple[str, str]] = [
        (w["recipient"], name + (f" ({w['demo']})" if recipient.get("demo") else "")),
        (w["purpose"], str(notice.get("notice_text") or purpose.get("purpose") or "")),
        (w["data"], ", ".join(w.get(str(c), str(c)) for c in receipt.get("pii_categories") or [])),
        (w["state"], w.get(status, status)),
        (w["when"], _date(receipt.get("receipt_timestamp"), lang)),
    ]
    if validity.get("valid_until") and status == "granted":
        items.append((w["valid_until"], _date(validity["valid_until"], lang)))
    if retention:
        items.append((w["retention"], w["retention_days"].format(d=retention)))
    if controller.get("name"):
        items.append((w["controller"], str(controller["name"]) + (f" — {controller['contact']}" if controller.get("contact") else "")))
    items.append((w["receipt_id"], str(receipt.get("receipt_id") or "")))
    key = str(proof.get("verification_method") or proof.get("key_id") or "")[:16]
    base = base_url.rstrip("/")
    verify = w["verify"].format(key=key or "?", verify_url=base + VERIFY_PATH, key_url=base + KEY_PATH)
    return f"{w['title']} — {name}", [(k, v) for k, v in items if v], w["withdraw"].format(name=name), verify


_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;margin:0;background:#f4f6f9;color:#1d2733;line-height:1.45}"
    "main{max-width:640px;margin:0 auto;padding:16px}h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.4em}"
    "dl{background:#fff;border:1px solid #dde3ea;border-radius:12px;padding:8px 14px;margin:0}"
    "dt{color:#5c6b7a;font-size:.85rem;margin-top:8px}dd{margin:0 0 4px;font-size:1rem}"
    "p{margin:.6em 0}.fine{font-size:.9rem;color:#34424f}a{color:#2c63c9;font-weight:600}"
)


def to_html(receipt: dict[str, Any], lang: str, json_url: str | None = None, embed_json: bool = False,
            base_url: str = "") -> str:
    """The readable page; ``json_url`` links the signed JSON, ``embed_json`` carries it inside the page
    (a ``<script type="application/json" id="signed-receipt">`` block) for a page sent as a file."""
    w = WORDS.get(lang, WORDS["en"])
    title, items, withdraw, verify = rows(receipt, lang, base_url)
    esc = html.escape
    parts = [f"<!doctype html><html lang=\"{esc(lang)}\"><head><meta charset=\"utf-8\">",
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
             f"<title>{esc(title)}</title><style>{_STYLE}</style></head><body><main>",
             f"<h1>{esc(title)}</h1><dl>"]
    parts += [f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in items]
    parts.append(f"</dl><p>{esc(withdraw)}</p><h2>{esc(w['verify_title'])}</h2><p class=\"fine\">{esc(verify)}</p>")
    if json_url:
        parts.append(f"<p><a class=\"receipt-json\" href=\"{esc(json_url)}\" download>{esc(w['json'])}</a></p>")
    if embed_json:
        signed = json.dumps(receipt, ensure_ascii=False, indent=2).replace("</", "<\\/")  # same JSON, no closing tag
        parts.append(f"<p class=\"fine\">{esc(w['json_inside'])}</p><script type=\"application/json\" id=\"signed-receipt\">{signed}</script>")
    parts.append("</main></body></html>")
    return "".join(parts)


def to_pdf(receipt: dict[str, Any], lang: str, base_url: str = "") -> bytes:
    w = WORDS.get(lang, WORDS["en"])
    title, items, withdraw, verify = rows(receipt, lang, base_url)
    font = find_font(FONT_DIRS)
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(16, 14, 16)
    family = "Helvetica"
    if font:
        for style, path in font.items():
            pdf.add_font("DejaVu", style, str(path))
        family = "DejaVu"
    fix = (lambda s: s) if font else latin1
    pdf.set_title(fix(title))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font(family, "B", 16)
    pdf.multi_cell(width, 8, fix(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    for label, value in items:
        pdf.set_font(family, "", 9)
        pdf.set_text_color(91, 103, 117)
        pdf.multi_cell(width, 5, fix(label), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(family, "", 11)
        pdf.set_text_color(29, 39, 51)
        pdf.multi_cell(width, 6, fix(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
    pdf.ln(2)
    pdf.multi_cell(width, 6, fix(withdraw), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font(family, "B", 12)
    pdf.multi_cell(width, 7, fix(w["verify_title"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(family, "", 10)
    pdf.multi_cell(width, 5.5, fix(verify), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
