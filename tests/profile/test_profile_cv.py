import io
from datetime import date
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from tools.profile.cv import CvReadError, candidate_experiences, find_date_range, read_cv
from tools.profile.importers import import_cv
from tools.profile.models import EvidenceSource, Experience, Profile

TODAY = date(2026, 6, 1)

CV_FR = """Marie Dupont
marie.dupont@example.org · 06 12 34 56 78

EXPÉRIENCE PROFESSIONNELLE
janv. 2020 - présent : Serveuse, Café de Flore, Paris
- Service en salle
- Encaissement

Vendeuse — Zara
03/2017 – 06/2019
- Conseil clientèle

Bénévolat
2015–2018 Animatrice, Restos du Cœur

FORMATION
2016 Baccalauréat ES, Lycée Victor Hugo

COMPÉTENCES
Excel, anglais courant depuis 2019
"""

CV_EN = """John Smith
Work Experience
Sales Assistant at Tesco            Sep 2018 – Jun 2019
• Helped customers at the tills
Warehouse operative, Amazon
2019 to present
Volunteer football coach
Since 2021
Education & training
BSc Computer Science, University of Leeds 2014 - 2017
Hobbies
Guitar in a band (2010-2015)
Languages
French 2012
"""


def _summary(cands):
    return [(c.kind.value, c.title, c.organisation, c.period.start, c.period.end, c.status.value) for c in cands]


@pytest.mark.parametrize(
    "text, start, end, ongoing",
    [
        ("2019–2021", date(2019, 1, 1), date(2021, 12, 1), False),
        ("janv. 2020 - présent", date(2020, 1, 1), None, True),
        ("Sept. 2018 à juin 2019", date(2018, 9, 1), date(2019, 6, 1), False),
        ("de 2015 à aujourd'hui", date(2015, 1, 1), None, True),
        ("depuis mars 2021", date(2021, 3, 1), None, True),
        ("Since 2022", date(2022, 1, 1), None, True),
        ("2019-03 - 2020-11", date(2019, 3, 1), date(2020, 11, 1), False),
        ("Jan 2019 - now", date(2019, 1, 1), None, True),
        ("du 01/2020 au 03/2021", date(2020, 1, 1), date(2021, 3, 1), False),
        ("février 2024 – en cours", date(2024, 2, 1), None, True),
        ("2024 - 2027", date(2024, 1, 1), date(2026, 6, 1), False),  # a future end year is capped at today
    ],
)
def test_date_ranges_in_english_and_french(text, start, end, ongoing):
    found = find_date_range(f"Job title, Org {text} more", today=TODAY)
    assert found is not None
    assert (found.start, found.end, found.ongoing) == (start, end, ongoing)


def test_no_date_no_range():
    assert find_date_range("Serveuse au Café de Flore") is None


def test_french_cv_sections_and_entries():
    got = _summary(candidate_experiences(CV_FR, today=TODAY))
    assert got == [
        ("paid", "Serveuse", "Café de Flore", date(2020, 1, 1), None, "ongoing"),
        ("paid", "Vendeuse", "Zara", date(2017, 3, 1), date(2019, 6, 1), "past"),
        ("volunteering", "Animatrice", "Restos du Cœur", date(2015, 1, 1), date(2018, 12, 1), "past"),
        ("school", "Baccalauréat ES", "Lycée Victor Hugo", date(2016, 1, 1), date(2016, 12, 1), "past"),
    ]
    first = candidate_experiences(CV_FR, today=TODAY)[0]
    assert first.description == "Service en salle\nEncaissement"
    assert first.section == "EXPÉRIENCE PROFESSIONNELLE"


def test_english_cv_sections_and_entries():
    got = _summary(candidate_experiences(CV_EN, today=TODAY))
    assert got == [
        ("paid", "Sales Assistant", "Tesco", date(2018, 9, 1), date(2019, 6, 1), "past"),
        ("paid", "Warehouse operative", "Amazon", date(2019, 1, 1), None, "ongoing"),
        ("volunteering", "Volunteer football coach", None, date(2021, 1, 1), None, "ongoing"),
        ("school", "BSc Computer Science", "University of Leeds", date(2014, 1, 1), date(2017, 12, 1), "past"),
        ("music", "Guitar in a band", None, date(2010, 1, 1), date(2015, 12, 1), "past"),
    ]


def _pdf_bytes(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in text.splitlines():
        pdf.cell(0, 6, line.replace("–", "-").replace("—", "-").replace("•", "-").replace("Œ", "OE").replace("œ", "oe"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _docx_bytes(text: str, table_rows: list[tuple[str, str]] = (), table_before: str | None = None) -> bytes:
    """A .docx with one paragraph per line, and a table inserted before the line ``table_before``."""
    document = docx.Document()
    for line in text.splitlines():
        if table_rows and line == table_before:
            table = document.add_table(rows=0, cols=2)
            for left, right in table_rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = left, right
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_cv_from_a_generated_pdf():
    text = read_cv(_pdf_bytes(CV_FR), "cv.pdf")
    assert "Café de Flore" in text
    got = _summary(candidate_experiences(text, today=TODAY))
    assert [g[1] for g in got] == ["Serveuse", "Vendeuse", "Animatrice", "Baccalauréat ES"]
    assert got[0][3:] == (date(2020, 1, 1), None, "ongoing")


def test_cv_from_a_generated_docx_with_a_table():
    data = _docx_bytes(CV_EN, table_rows=[("2022 - 2023", "Delivery driver, Uber Eats")], table_before="Education & training")
    text = read_cv(data, "cv.docx")
    got = [(c.title, c.organisation, c.kind.value) for c in candidate_experiences(text, today=TODAY)]
    assert [g[0] for g in got] == [
        "Sales Assistant",
        "Warehouse operative",
        "Volunteer football coach",
        "Delivery driver",  # the table row, in document order
        "BSc Computer Science",
        "Guitar in a band",
    ]
    assert got[3] == ("Delivery driver", "Uber Eats", "paid")
    # recognised by content even without a file name
    assert read_cv(data) == text


def test_import_cv_suggests_without_adding(tmp_path: Path):
    profile = Profile(person_id="p1")
    profile.add_experience(Experience(title="Sales Assistant", organisation="Tesco"))
    before = profile.model_dump()
    candidates = import_cv(profile, _docx_bytes(CV_EN), "cv.docx")
    assert profile.model_dump() == before  # nothing silently added
    assert "Sales Assistant" not in [c.title for c in candidates]  # already in the profile
    exp = candidates[0].to_experience()
    assert exp.source == EvidenceSource.cv and exp.title == "Warehouse operative"
    assert import_cv(profile, CV_FR)[0].title == "Serveuse"  # pasted text


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes("secret"))))
    writer.encrypt(user_password="pw", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _image_only_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50, style="F")
    return bytes(pdf.output())


@pytest.mark.parametrize(
    "make, name, code, fr_word",
    [
        (lambda: b"%PDF-1.4 this is not really a pdf", "cv.pdf", "pdf_unreadable", "illisible"),
        (_encrypted_pdf, "cv.pdf", "pdf_encrypted", "mot de passe"),
        (_image_only_pdf, "scan.pdf", "pdf_no_text", "texte"),
        (lambda: b"PK\x03\x04 broken zip", "cv.docx", "docx_unreadable", "illisible"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "cv.doc", "unsupported", "pris en charge"),
        (lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00", "photo.png", "unsupported", "pris en charge"),
        (lambda: b"   \n  ", "cv.txt", "empty", "vide"),
    ],
)
def test_unreadable_files_get_clear_errors(make, name, code, fr_word):
    with pytest.raises(CvReadError) as info:
        read_cv(make(), name)
    assert info.value.code == code
    assert fr_word in info.value.message("fr")
    assert str(info.value) == info.value.message("en")


def test_latin1_text_cv_is_read():
    text = read_cv("EXPÉRIENCE\nServeuse, Café 2019-2020\n".encode("cp1252"), "cv.txt")
    assert candidate_experiences(text, today=TODAY)[0].organisation == "Café"


def test_undated_roles_in_sections_without_dates():
    text = """Jane Doe
Experience
Waiter at Pizza Hut
- served tables
Cashier - Lidl
I worked at many places for a long time
Volunteering
2019-2020 Helper, Red Cross
Skills
Team work at its best
"""
    got = [(c.kind.value, c.title, c.organisation, c.period.start) for c in candidate_experiences(text, today=TODAY)]
    assert got == [
        ("paid", "Waiter", "Pizza Hut", None),
        ("paid", "Cashier", "Lidl", None),
        ("volunteering", "Helper", "Red Cross", date(2019, 1, 1)),
    ]


def test_organisation_in_parentheses_and_pipes():
    text = "Experience\nSales assistant (Tesco), 2019-2021\n2022 – présent | Serveur | Le Bistrot\n"
    got = [(c.title, c.organisation) for c in candidate_experiences(text, today=TODAY)]
    assert got == [("Sales assistant", "Tesco"), ("Serveur", "Le Bistrot")]
