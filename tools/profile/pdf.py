"""The one-page PDF summary of a profile (fpdf2), from the same view as the HTML page.

The page is always one A4 page: when the content does not fit, the lists are shortened (with
"and N more") and the text made smaller until it does. Text uses DejaVu Sans when the system has it
(full Unicode); otherwise the PDF core font Helvetica, with characters outside Latin-1 replaced.
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import ParseError

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tools.profile.models import Profile
from tools.profile.printable import Limits, SummaryView, summary_view

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"), Path("/usr/local/share/fonts"))

LEVEL_COLOURS = {
    "declared": (138, 148, 160),
    "inferred": (74, 144, 217),
    "validated_by_counsellor": (46, 139, 87),
    "evidenced": (184, 134, 11),
    "certified": (123, 44, 191),
}
ACCENT = (31, 111, 235)
INK = (29, 39, 51)
MUTED = (91, 103, 117)

_STEPS: list[tuple[Limits, float]] = [
    (Limits(), 10.0),
    (Limits(skills=14, experiences=7, evidence_chars=90, description_chars=120), 9.5),
    (Limits(skills=12, experiences=6, evidence_chars=80, description_chars=90, trainings=3, jobs=3, next_steps=4, gap_skills=6), 9.0),
    (Limits(skills=10, experiences=5, evidence_chars=70, description_chars=0, trainings=3, jobs=3, next_steps=3, gap_skills=5), 8.5),
    (Limits(skills=8, experiences=4, evidence_chars=0, description_chars=0, trainings=2, jobs=2, next_steps=3, gap_skills=4), 8.0),
    (Limits(skills=6, experiences=3, evidence_chars=0, description_chars=0, trainings=2, jobs=2, next_steps=2, gap_skills=3), 7.5),
]


def to_pdf(profile: Profile, *, gap_svg: str | None = None, font_dirs: tuple[Path, ...] = FONT_DIRS, today: date | None = None) -> bytes:
    """A one-page A4 PDF summary of the profile."""
    font = find_font(font_dirs)
    pdf = None
    for limits, size in _STEPS:
        view = summary_view(profile, gap_svg=gap_svg, limits=limits, today=today)
        pdf = _render(view, size, font)
        if pdf.pages_count == 1:
            break
    else:  # the smallest step still overflows (very long texts): keep the first page only
        pdf = _render(view, _STEPS[-1][1], font, clip=True)
    return bytes(pdf.output())


def find_font(font_dirs: tuple[Path, ...]) -> dict[str, Path] | None:
    for folder in font_dirs:
        files = {style: folder / name for style, name in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"), ("I", "DejaVuSans-Oblique.ttf"))}
        if all(p.is_file() for p in files.values()):
            return files
    return None


class _Page(FPDF):
    def __init__(self, font: dict[str, Path] | None, size: float, clip: bool):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.unicode = font is not None
        self.base = size
        self.set_margins(12, 11, 12)
        self.set_auto_page_break(not clip, margin=11)
        if font:
            for style, path in font.items():
                self.add_font("DejaVu", style, str(path))
            self.family = "DejaVu"
        else:
            self.family = "Helvetica"
        self.set_title("Orient")
        self.set_creator("Orient")
        self.add_page()

    def t(self, text: str) -> str:
        """Text the chosen font can draw."""
        return text if self.unicode else latin1(text)

    def font(self, style: str = "", scale: float = 1.0, colour: tuple[int, int, int] = INK) -> None:
        self.set_font(self.family, style, self.base * scale)
        self.set_text_color(*colour)

    def line_height(self, scale: float = 1.0) -> float:
        return self.base * scale * 0.45

    def heading(self, text: str) -> None:
        self.ln(self.line_height(0.5))
        self.font("B", 1.12, ACCENT)
        self.cell(0, self.line_height(1.2), self.t(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.4)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1)

    def para(self, text: str, style: str = "", scale: float = 1.0, colour=INK, indent: float = 0.0) -> None:
        self.font(style, scale, colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.w - self.l_margin - self.r_margin - indent, self.line_height(scale), self.t(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _render(v: SummaryView, size: float, font: dict[str, Path] | None, clip: bool = False) -> _Page:
    pdf = _Page(font, size, clip)
    L = v.labels
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.font("B", 1.7)
    pdf.cell(width * 0.7, pdf.line_height(2.0), pdf.t(L["title"]))
    pdf.font("", 0.85, MUTED)
    pdf.cell(width * 0.3, pdf.line_height(2.0), pdf.t(f"{L['generated']} {v.printed_on}"), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf.heading(L["experiences"])
    if not v.experiences:
        pdf.para(L["no_experiences"], colour=MUTED)
    for e in v.experiences:
        head = e.title + (f", {e.organisation}" if e.organisation else "")
        meta = " · ".join(x for x in (e.kind, e.period) if x)
        pdf.font("B")
        pdf.multi_cell(width, pdf.line_height(), pdf.t(head), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.para(meta + (f" — {e.description}" if e.description else ""), scale=0.85, colour=MUTED, indent=3)
    if v.experiences_more:
        pdf.para(L["more"].format(n=v.experiences_more), scale=0.85, colour=MUTED)

    pdf.heading(L["skills"])
    if not v.skills:
        pdf.para(L["no_skills"], colour=MUTED)
    badge_w = 42.0
    for s in v.skills:
        y, page = pdf.get_y(), pdf.page_no()
        pdf.font("B", 0.95)
        label = s.label + (f" ({L['to_confirm']})" if s.to_confirm else "")
        pdf.multi_cell(width - badge_w - 2, pdf.line_height(0.95), pdf.t(label), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        after = pdf.get_y()
        if pdf.page_no() == page:
            # the level badge, on the right of the label's first line
            pdf.set_fill_color(*LEVEL_COLOURS.get(s.level, MUTED))
            pdf.font("B", 0.72, (255, 255, 255))
            pdf.set_xy(pdf.w - pdf.r_margin - badge_w, y + 0.3)
            pdf.cell(badge_w, pdf.line_height(0.95) - 0.6, pdf.t(s.level_label), align="C", fill=True)
            pdf.set_xy(pdf.l_margin, after)
        if s.evidence:
            source = f" — {s.evidence_source}" if s.evidence_source else ""
            pdf.para(f"“{s.evidence}”{source}", style="I", scale=0.8, colour=MUTED, indent=3)
    if v.skills_more:
        pdf.para(L["more"].format(n=v.skills_more), scale=0.85, colour=MUTED)

    if v.interests or v.preferences:
        pdf.heading(f"{L['interests']} · {L['preferences']}")
        if v.interests:
            pdf.para(v.interests, scale=0.9)
        if v.preferences:
            pdf.para(f"{L['preferences']}: {v.preferences}", scale=0.9)

    if v.target:
        pdf.heading(L["target"])
        pdf.para(v.target + (f"  ({v.target_codes})" if v.target_codes else ""), style="B")

    if v.gap:
        pdf.heading(L["gap"])
        _gap(pdf, v, width)

    if v.trainings or v.jobs or v.next_steps:
        pdf.heading(L["plan"])
        for title, items in ((L["trainings"], v.trainings), (L["jobs"], v.jobs)):
            if items:
                pdf.para(title, style="B", scale=0.95)
                for item in items:
                    pdf.para("• " + item.title + (f" — {item.detail}" if item.detail else ""), scale=0.85, indent=3)
        if v.next_steps:
            pdf.para(L["next_steps"], style="B", scale=0.95)
            for i, step in enumerate(v.next_steps, 1):
                pdf.para(f"{i}. {step}", scale=0.85, indent=3)

    pdf.ln(pdf.line_height(0.5))
    pdf.para(L["footer"], scale=0.7, colour=MUTED)
    return pdf


_TOOLTIP = re.compile(r"<title>.*?</title>", re.DOTALL)


def latin1(text: str) -> str:
    """Text the PDF core fonts can draw (fpdf2 draws SVG text with them whatever font the page uses)."""
    replaced = (
        text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("–", "-").replace("—", "-")
        .replace("…", "...").replace("œ", "oe").replace("Œ", "OE").replace("€", "EUR").replace("·", "-").replace("■", "*").replace("•", "-")
    )
    out = []
    for ch in replaced:
        if ord(ch) < 256:
            out.append(ch)
        else:
            base = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
            out.append(base or "?")
    return "".join(out)


def _gap(pdf: _Page, v: SummaryView, width: float) -> None:
    gap = v.gap
    L = v.labels
    drawn = False
    if gap.svg:
        try:
            printable_svg = latin1(_TOOLTIP.sub("", gap.svg))  # no hover titles on paper; fpdf2 skips shapes holding one
            info = pdf.image(io.BytesIO(printable_svg.encode("utf-8")), x=pdf.l_margin, w=min(width, 120))
            drawn = info is not None
        except (ValueError, NotImplementedError, ParseError, KeyError):
            drawn = False  # an SVG feature fpdf2 does not draw: fall back to the bar below
    total = gap.covered + gap.almost + gap.missing
    if not drawn and total:
        y = pdf.get_y() + 1
        x = pdf.l_margin
        bar_w = min(width, 120)
        for count, colour in ((gap.covered, (46, 139, 87)), (gap.almost, (224, 165, 38)), (gap.missing, (214, 69, 69))):
            if count:
                w = bar_w * count / total
                pdf.set_fill_color(*colour)
                pdf.rect(x, y, w, 4.5, style="F")
                x += w
        pdf.set_y(y + 6)
    legend = f"{L['covered']}: {gap.covered}   {L['almost']}: {gap.almost}   {L['missing']}: {gap.missing}"
    if gap.coverage is not None:
        legend += f"   {L['coverage']}: {round(gap.coverage * 100)}%"
    pdf.para(legend, scale=0.85)
    if gap.missing_labels:
        pdf.para(f"{L['missing']}: " + ", ".join(gap.missing_labels), scale=0.8, colour=MUTED)
    if gap.almost_labels:
        pdf.para(f"{L['almost']}: " + ", ".join(gap.almost_labels), scale=0.8, colour=MUTED)
