"""A CV (pasted text, PDF or DOCX) read into candidate experiences.

``read_cv`` extracts the text (pypdf for PDF, python-docx for DOCX, UTF-8 for text) and raises
``CvReadError`` with a clear, translatable reason when it cannot. ``candidate_experiences`` splits
the text into sections (experience, education, volunteering, hobbies; skills, languages and
contact sections are skipped) and entries anchored on date ranges written in English or French
("2019–2021", "Jan 2019 - Mar 2021", "janv. 2020 - présent", "03/2017 – 06/2018", "depuis 2022",
"since 2022"), and returns ``CandidateExperience`` objects: title, organisation, period, status,
kind and the lines they come from. They are suggestions the person confirms in the dialogue;
nothing here adds to a profile.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

from pydantic import BaseModel, Field

from tools.profile.models import EvidenceSource, Experience, ExperienceKind, ExperienceStatus, Period

MAX_CV_BYTES = 10_000_000
MAX_CV_CHARS = 200_000


# -- errors ----------------------------------------------------------------------------------------

_MESSAGES = {
    "empty": {
        "en": "The CV is empty.",
        "fr": "Le CV est vide.",
    },
    "too_large": {
        "en": "The CV file is too large (at most 10 MB).",
        "fr": "Le fichier du CV est trop volumineux (10 Mo au maximum).",
    },
    "pdf_unreadable": {
        "en": "This PDF cannot be read ({detail}). Try exporting it again, or paste the text of your CV.",
        "fr": "Ce PDF est illisible ({detail}). Essayez de l'exporter à nouveau, ou collez le texte de votre CV.",
    },
    "pdf_encrypted": {
        "en": "This PDF is password-protected. Remove the password, or paste the text of your CV.",
        "fr": "Ce PDF est protégé par un mot de passe. Retirez le mot de passe, ou collez le texte de votre CV.",
    },
    "pdf_no_text": {
        "en": "This PDF has no text in it (perhaps a scan or a photo). Paste the text of your CV instead.",
        "fr": "Ce PDF ne contient pas de texte (peut-être un scan ou une photo). Collez plutôt le texte de votre CV.",
    },
    "docx_unreadable": {
        "en": "This Word document cannot be read ({detail}). Save it again as .docx or PDF, or paste the text.",
        "fr": "Ce document Word est illisible ({detail}). Enregistrez-le à nouveau en .docx ou en PDF, ou collez le texte.",
    },
    "unsupported": {
        "en": "This file type is not supported ({detail}). Send a PDF, a .docx file, or paste the text.",
        "fr": "Ce type de fichier n'est pas pris en charge ({detail}). Envoyez un PDF, un fichier .docx, ou collez le texte.",
    },
}


class CvReadError(ValueError):
    """A CV that cannot be read; ``message(lang)`` says why in English or French."""

    def __init__(self, code: str, detail: str = ""):
        self.code = code
        self.detail = detail
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        texts = _MESSAGES[self.code]
        return texts.get(lang, texts["en"]).format(detail=self.detail)


# -- reading files ---------------------------------------------------------------------------------


def read_cv(data: bytes, filename: str | None = None) -> str:
    """The text of a CV file (PDF, DOCX or plain text), recognised by its content."""
    if len(data) > MAX_CV_BYTES:
        raise CvReadError("too_large")
    if not data.strip():
        raise CvReadError("empty")
    name = (filename or "").lower()
    if data[:5] == b"%PDF-" or name.endswith(".pdf"):
        text = _pdf_text(data)
    elif data[:4] == b"PK\x03\x04" or name.endswith(".docx"):
        text = _docx_text(data)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise CvReadError("unsupported", "old Word .doc")
    else:
        text = _plain_text(data, name)
    text = text.strip()
    if not text:
        raise CvReadError("empty")
    return text[:MAX_CV_CHARS]


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise CvReadError("pdf_encrypted")
            except NotImplementedError:
                raise CvReadError("pdf_encrypted") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except CvReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CvReadError("pdf_unreadable", type(exc).__name__) from None
    text = "\n".join(pages)
    if not text.strip():
        raise CvReadError("pdf_no_text")
    return text


def _docx_text(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CvReadError("docx_unreadable", type(exc).__name__) from None
    from docx.table import Table

    lines: list[str] = []
    for block in document.iter_inner_content():  # paragraphs and tables, in document order
        if isinstance(block, Table):
            for row in block.rows:
                cells = [c.text.strip() for c in row.cells if c.text.strip()]
                # merged cells repeat their text: keep each once, in order
                lines.append(" | ".join(dict.fromkeys(cells)))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _plain_text(data: bytes, name: str) -> str:
    if b"\x00" in data[:2048]:
        raise CvReadError("unsupported", name.rsplit(".", 1)[-1] if "." in name else "binary file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# -- dates -----------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _n, _names in enumerate(
    [
        "jan january janv janvier",
        "feb february fev fevr fevrier fév févr février",
        "mar march mars",
        "apr april avr avril",
        "may mai",
        "jun june juin",
        "jul july juil juillet",
        "aug august aou aout aoû août",
        "sep sept september septembre",
        "oct october octobre",
        "nov november novembre",
        "dec december decembre déc décembre",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _n

_MONTH = r"(?:" + "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_DATE = rf"(?:{_MONTH}\s+{_YEAR}|(?:0?[1-9]|1[0-2])[/.]{_YEAR}|{_YEAR}[-/](?:0[1-9]|1[0-2])(?!\d)|{_YEAR})"
_PRESENT = (
    r"(?:present|now|current|currently|today|ongoing|to date|présent|present|aujourd['’]hui|maintenant|"
    r"en cours|actuel(?:lement)?|à ce jour|a ce jour)"
)
_SEP = r"\s*(?:-|–|—|−|to|until|till|à|a|au|jusqu['’]à|jusqu['’]en|>|→)\s*"
_RANGE = re.compile(
    rf"(?:(?:from|de|du|d['’])\s+)?(?P<start>{_DATE}){_SEP}(?P<end>{_DATE}|{_PRESENT})",
    re.IGNORECASE,
)
_SINCE = re.compile(rf"(?:since|depuis|from|dès|des)\s+(?P<start>{_DATE})", re.IGNORECASE)
_SINGLE = re.compile(rf"(?<![\d/])(?P<start>{_DATE})(?![\d/])", re.IGNORECASE)


def _parse_date(text: str, end: bool = False) -> date:
    text = text.strip().lower().rstrip(".")
    m = re.fullmatch(rf"({_MONTH})\s+({_YEAR})", text, re.IGNORECASE)
    if m:
        return date(int(m.group(2)), _MONTHS[m.group(1).rstrip(".").lower()], 1)
    m = re.fullmatch(rf"(\d{{1,2}})[/.]({_YEAR})", text)
    if m:
        return date(int(m.group(2)), int(m.group(1)), 1)
    m = re.fullmatch(rf"({_YEAR})[-/](\d{{2}})", text)
    if m:
        return date(int(m.group(1)), int(m.group(2)), 1)
    year = int(text)
    return date(year, 12 if end else 1, 1)


def _year_only(text: str) -> bool:
    return re.fullmatch(_YEAR, text.strip()) is not None


class DateRange(BaseModel):
    start: date
    end: date | None
    ongoing: bool
    span: tuple[int, int]


def find_date_range(line: str, today: date | None = None) -> DateRange | None:
    """The first date range in a line ("2019–2021", "janv. 2020 - présent", "since 2022", "2015")."""
    today = today or date.today()
    m = _RANGE.search(line)
    if m:
        start = _parse_date(m.group("start"))
        raw_end = m.group("end")
        if re.fullmatch(_PRESENT, raw_end.strip(), re.IGNORECASE):
            return DateRange(start=start, end=None, ongoing=True, span=m.span())
        end = _parse_date(raw_end, end=True)
        if _year_only(raw_end) and end > today:
            end = date(today.year, today.month, 1)
        if end < start:
            return None
        return DateRange(start=start, end=end, ongoing=False, span=m.span())
    m = _SINCE.search(line)
    if m:
        return DateRange(start=_parse_date(m.group("start")), end=None, ongoing=True, span=m.span())
    m = _SINGLE.search(line)
    if m:
        raw = m.group("start")
        start = _parse_date(raw)
        end = _parse_date(raw, end=True) if _year_only(raw) else start
        return DateRange(start=start, end=min(end, date(today.year, today.month, 1)) if end > start else end, ongoing=False, span=m.span())
    return None


# -- sections and entries --------------------------------------------------------------------------

_SECTIONS: list[tuple[str | None, re.Pattern]] = [
    (
        ExperienceKind.volunteering.value,
        re.compile(r"^(volunteer(ing)?|volunteer experience|b[ée]n[ée]volat|engagements?( associatifs?)?|vie associative)\b", re.I),
    ),
    (
        ExperienceKind.paid.value,
        re.compile(
            r"^((professional |work |relevant )?experiences?( professionnelles?)?|work history|employment( history)?|"
            r"career|parcours( professionnel)?|exp[ée]riences?( professionnelles?)?|emplois?|jobs?|stages?|internships?)\b",
            re.I,
        ),
    ),
    (
        ExperienceKind.school.value,
        re.compile(r"^(education|formations?|[ée]tudes|dipl[ôo]mes?|scolarit[ée]|academic|qualifications|cursus)\b", re.I),
    ),
    (
        ExperienceKind.hobby.value,
        re.compile(r"^(hobbies|interests|centres? d['’]int[ée]r[êe]ts?|loisirs|activit[ée]s( extra[- ]?professionnelles)?|passions?)\b", re.I),
    ),
    (
        None,
        re.compile(
            r"^(skills|comp[ée]tences|languages?|langues|contact|references|r[ée]f[ée]rences|profile|profil|summary|"
            r"r[ée]sum[ée]|about me|[àa] propos|informatique|it skills|certifications?|permis)\b",
            re.I,
        ),
    ),
]

_KIND_WORDS: list[tuple[str, re.Pattern]] = [
    (ExperienceKind.volunteering.value, re.compile(r"\b(b[ée]n[ée]vol\w*|volunteer\w*)\b", re.I)),
    (ExperienceKind.family_care.value, re.compile(r"\b(aidant\w*|carer|caregiver|caring for|s'occuper de)\b", re.I)),
    (ExperienceKind.sport.value, re.compile(r"\b(coach|club de|football|basket\w*|rugby|athl[ée]tisme|swimming|natation)\b", re.I)),
    (ExperienceKind.music.value, re.compile(r"\b(orchestr\w*|band|groupe de musique|conservatoire|choir|chorale)\b", re.I)),
    (ExperienceKind.school.value, re.compile(r"\b(bac(calaur[ée]at)?|licence|master|bts|but|dut|cap|bep|diploma|degree|bachelor|lyc[ée]e|high school|university|universit[ée])\b", re.I)),
]

_TITLE_SPLIT = re.compile(r"\s+(?:at|chez|@|for|pour)\s+|\s*[|•·]\s*|\s+[-–—]\s+|\s*,\s+|\s*:\s+", re.I)
_BULLET = re.compile(r"^\s*(?:[-•*·▪◦–—>]|\d+[.)])\s+")
_NOISE = re.compile(r"^[\s\-–—:|,;()\[\].]+|[\s\-–—:|,;()\[\].]+$")


class CandidateExperience(BaseModel):
    """An experience read from a CV, for the person to confirm, correct or drop."""

    title: str
    organisation: str | None = None
    kind: ExperienceKind = ExperienceKind.paid
    period: Period = Field(default_factory=Period)
    status: ExperienceStatus = ExperienceStatus.past
    description: str = ""
    section: str | None = Field(default=None, description="the CV heading it was found under")
    lines: list[str] = Field(default_factory=list, description="the CV lines it was read from")

    def to_experience(self) -> Experience:
        return Experience(
            kind=self.kind,
            title=self.title,
            organisation=self.organisation,
            period=self.period,
            status=self.status,
            description=self.description,
            source=EvidenceSource.cv,
        )


def _section_of(line: str) -> tuple[bool, str | None, str]:
    """Is the line a heading? Returns (is_heading, kind or None for skipped sections, heading)."""
    clean = _NOISE.sub("", line).strip()
    if not clean or len(clean) > 45 or find_date_range(clean):
        return False, None, clean
    head = re.split(r"\s*(?:&|/|\band\b|\bet\b)\s*", clean, maxsplit=1)[0]
    for kind, pattern in _SECTIONS:
        if pattern.fullmatch(clean) or pattern.fullmatch(head):
            return True, kind, clean
    return False, None, clean


def _split_title(rest: str) -> tuple[str, str | None]:
    raw = [x.strip().strip(",;:").strip() for x in _TITLE_SPLIT.split(rest)]
    raw = [x for x in raw if _NOISE.sub("", x)]
    if not raw:
        return "", None
    paren = _PAREN_ORG.match(raw[0])
    if paren and len(raw) == 1:
        # "Sales assistant (Tesco)"
        return _NOISE.sub("", paren.group("title")), _NOISE.sub("", paren.group("org"))
    parts = [_NOISE.sub("", x) for x in raw]
    return parts[0], (parts[1] if len(parts) > 1 else None)


_PAREN_ORG = re.compile(r"^(?P<title>[^()]{2,80}?)\s*\((?P<org>[^()]{2,60})\)$")


class _Line(BaseModel):
    text: str
    kind: str | None
    section: str | None
    bullet: bool
    blank_before: bool
    found: DateRange | None


def _cv_lines(text: str, today: date) -> list[_Line]:
    """Non-empty lines outside skipped sections, with their section and date range."""
    out: list[_Line] = []
    kind: str | None = ExperienceKind.paid.value
    name: str | None = None
    skipped = False
    blank = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            blank = True
            continue
        is_heading, heading_kind, heading = _section_of(line)
        if is_heading:
            kind, name, skipped, blank = heading_kind, heading, heading_kind is None, True
            continue
        if skipped:
            continue
        bullet = bool(_BULLET.match(line))
        found = None if bullet else find_date_range(line, today=today)
        out.append(_Line(text=line, kind=kind, section=name, bullet=bullet, blank_before=blank, found=found))
        blank = False
    return out


def _usable_title(line: _Line) -> bool:
    return not line.bullet and line.found is None and len(line.text) <= 80


def candidate_experiences(text: str, today: date | None = None) -> list[CandidateExperience]:
    """Candidate experiences found in CV text, in the order they appear.

    Each entry is anchored on a line with a date range; its title and organisation come from the
    rest of that line, else from the line just before it (same block), else from the line after.
    The lines that follow, up to the next entry, are its description.
    """
    today = today or date.today()
    lines = _cv_lines(text, today)
    anchors = [i for i, ln in enumerate(lines) if ln.found is not None]
    starts: dict[int, int] = {}  # anchor -> first line of the entry
    titles: dict[int, tuple[str, str | None, list[int]]] = {}
    consumed: set[int] = set(anchors)
    for a in anchors:
        line = lines[a]
        found = line.found
        rest = (line.text[: found.span[0]] + " " + line.text[found.span[1]:]).strip()
        title, organisation = _split_title(rest)
        used = [a]
        prev = a - 1
        prev_ok = (
            prev >= 0
            and prev not in consumed
            and _usable_title(lines[prev])
            and lines[prev].section == line.section
            and not line.blank_before
        )
        if not title and prev_ok:
            title, organisation = _split_title(lines[prev].text)
            used = [prev, a]
        elif title and organisation is None and prev_ok and len(lines[prev].text) <= 60:
            # "Zara" then "2019 - 2021 Sales assistant": the line before names the organisation
            organisation = _NOISE.sub("", lines[prev].text)
            used = [prev, a]
        nxt = a + 1
        if not title and nxt < len(lines) and nxt not in consumed and _usable_title(lines[nxt]) and not lines[nxt].blank_before:
            title, organisation = _split_title(lines[nxt].text)
            used = [a, nxt]
        consumed.update(used)
        starts[a] = min(used)
        titles[a] = (title, organisation, used)

    entries: list[CandidateExperience] = []
    for k, a in enumerate(anchors):
        title, organisation, used = titles[a]
        if not title:
            continue
        end = starts[anchors[k + 1]] if k + 1 < len(anchors) else len(lines)
        body = [i for i in range(max(used) + 1, end) if lines[i].section == lines[a].section]
        description_lines: list[str] = []
        for i in body:
            if organisation is None and i == max(used) + 1 and _usable_title(lines[i]) and len(lines[i].text) <= 60 and not lines[i].blank_before:
                organisation = _NOISE.sub("", lines[i].text)
                used = [*used, i]
                continue
            description_lines.append(_BULLET.sub("", lines[i].text))
        line = lines[a]
        source_text = " ".join(lines[i].text for i in used)
        kind_value = line.kind or ExperienceKind.paid.value
        for word_kind, pattern in _KIND_WORDS:
            if pattern.search(source_text):
                if line.kind in (None, ExperienceKind.paid.value, ExperienceKind.hobby.value) or word_kind == ExperienceKind.volunteering.value:
                    kind_value = word_kind
                break
        found = line.found
        entries.append(
            CandidateExperience(
                title=title,
                organisation=organisation,
                kind=ExperienceKind(kind_value),
                period=Period(start=found.start, end=found.end),
                status=ExperienceStatus.ongoing if found.ongoing else ExperienceStatus.past,
                description="\n".join(description_lines),
                section=line.section,
                lines=[lines[i].text for i in used] + [lines[i].text for i in body if lines[i].text not in {lines[j].text for j in used}],
            )
        )
    return _undated_entries(lines) + entries if not anchors else _with_undated_sections(lines, anchors, entries)


_ROLE_AT = re.compile(r"^(?P<title>[^,;:|]{2,60}?)\s+(?:at|chez|@|[-–—|])\s+(?P<org>[^,;:|]{2,60})(?:,.*)?$", re.I)
_FIRST_PERSON = re.compile(r"^(i|i'm|we|my|je|j['’]|nous|mon|ma|mes)\b", re.I)


def _undated_entries(lines: list[_Line], sections: set[str | None] | None = None) -> list[CandidateExperience]:
    """Entries without dates, in sections that have none: "Waiter at Pizza Hut" lines."""
    out: list[CandidateExperience] = []
    for line in lines:
        if sections is not None and line.section not in sections:
            continue
        if line.bullet or line.found is not None or len(line.text) > 90:
            continue
        m = _ROLE_AT.match(line.text)
        if not m or _FIRST_PERSON.match(line.text) or len(m.group("title").split()) > 5 or len(m.group("org").split()) > 6:
            continue
        out.append(
            CandidateExperience(
                title=_NOISE.sub("", m.group("title")),
                organisation=_NOISE.sub("", m.group("org")),
                kind=ExperienceKind(line.kind or ExperienceKind.paid.value),
                section=line.section,
                lines=[line.text],
            )
        )
    return out


def _with_undated_sections(lines: list[_Line], anchors: list[int], entries: list[CandidateExperience]) -> list[CandidateExperience]:
    """Dated entries, plus undated ones from sections where nothing is dated, in document order."""
    dated_sections = {lines[a].section for a in anchors}
    undated = _undated_entries(lines, {ln.section for ln in lines} - dated_sections)
    if not undated:
        return entries
    order = {ln.section: i for i, ln in reversed(list(enumerate(lines)))}
    return sorted(entries + undated, key=lambda c: order.get(c.section, 0))
