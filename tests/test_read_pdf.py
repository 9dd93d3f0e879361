"""The PDF reader: real PDFs built by WeasyPrint from the HTML sources in ``tests/data/real/``.

The three documents (``build_pdf.py`` rebuilds them; the tests need only the committed
PDFs) are shaped like real OAS texts: a header block on page 1 (organisation top left,
symbol block top right), the symbol as a running header on every later page, "- N -"
footers, justified text hyphenated by the layout engine, paragraphs split by a page
break, footnotes in the report. Each is read back to the exact list of paragraphs
expected, and every word of its HTML source is found once in what was read.
Malformed inputs are built here, in a few bytes each, or committed beside them.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tracker.akn.text import forbidden_character
from tracker.errors import ImportTextError
from tracker.importer.lines import SourceLine
from tracker.importer.readers import pdf as pdf_reader
from tracker.importer.readers.pdf import read_pdf
from tracker.importer.readers.pdf_layout import paragraphs
from tracker.importer.readers.pdf_rows import Page, Piece, make_row

REAL = Path(__file__).resolve().parent / "data" / "real"
RES, REPORT, NOTE = "ag-res-1717.es", "cp-cajp-2271-05.en", "cajp-gt-tm-11-04.en"
#: The hyphen WeasyPrint draws where `hyphens: auto` breaks a word (the sources type U+002D only).
AUTO_HYPHEN = "\u2010"
PAGE_NUMBER = re.compile(r"-\s*\d+\s*-")


@cache
def _read(stem: str) -> tuple[SourceLine, ...]:
    return tuple(read_pdf((REAL / f"{stem}.pdf").read_bytes(), f"{stem}.pdf"))


def _rows(lines) -> list[tuple]:
    return [(line.page, line.number, line.where, line.after_break, line.text) for line in lines]


class _BodyText(HTMLParser):
    """The words of an HTML source's body: every tag boundary separates words, as the layout does."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._inside = False
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._inside = self._inside or tag == "body"
        self._text.append(" ")

    def handle_endtag(self, tag):
        self._text.append(" ")
        if tag == "body":
            self.words = "".join(self._text).split()
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self._text.append(data)


def _source_words(stem: str) -> Counter[str]:
    parser = _BodyText()
    parser.feed((REAL / f"{stem}.html").read_text(encoding="utf-8"))
    return Counter(unicodedata.normalize("NFC", word) for word in parser.words)


def _read_words(lines) -> Counter[str]:
    # A word the engine hyphenated and that occurs nowhere else keeps its U+2010 (the rule):
    # the source has it whole.
    texts = [line.text for line in lines] + [note for line in lines for _, note in line.notes]
    return Counter(word.replace(AUTO_HYPHEN, "") for text in texts for word in text.split())


RESOLUTION = [
    (1, 1, "page-header", False, "ORGANIZACIÓN DE LOS ESTADOS"),
    (1, 2, "page-header", False, "AMERICANOS"),
    (1, 3, "page-header", False, "Asamblea General"),
    (1, 1, "page-header", False, "OEA/Ser.P"),
    (1, 2, "page-header", False, "AG/RES. 1717 (XXX-O/00)"),
    (1, 3, "page-header", False, "5 junio 2000"),
    (1, 4, "page-header", False, "Original: español"),
    (1, 5, "body", False, "RESOLUCIÓN"),
    (1, 6, "body", False, "AG/RES. 1717 (XXX-O/00)"),
    (1, 7, "body", False, "LOS DERECHOS HUMANOS DE TODOS LOS TRABAJADORES MIGRATORIOS Y DE SUS FAMILIAS"),
    (1, 9, "body", False, "(Aprobada en la cuarta sesión plenaria, celebrada el 5 de junio de 2000)"),
    (1, 10, "body", False, "La Asamblea General,"),
    (
        1,
        11,
        "body",
        False,
        "VISTO el Informe Anual del Consejo Permanente a la Asamblea General y el informe de la Comisión Interamericana de Derechos Humanos sobre la situación de los trabajadores migratorios y de los miembros de sus familias en el Hemisferio;",
    ),
    (
        1,
        14,
        "body",
        False,
        "RECORDANDO que la Declaración Americana de los Derechos y Deberes del Hombre proclama que todas las personas son iguales ante la ley y tienen los derechos y deberes consagrados en ella, sin distinción de raza, sexo, idioma, credo ni otra alguna;",
    ),
    (1, 18, "body", False, "CONSIDERANDO:"),
    (
        1,
        19,
        "body",
        False,
        "Que los Jefes de Estado y de Gobierno, reunidos en la Segunda Cumbre de las Américas, se comprometieron a asegurar la protección de los derechos humanos de todos los trabajadores migratorios y de sus familias, y a promover la implementación de programas de cooperación entre los países de origen, de tránsito y de destino;",
    ),
    (
        1,
        24,
        "body",
        False,
        "Que la Comisión Interamericana de Derechos Humanos designó un Relator Especial para los Trabajadores Migratorios y Miembros de sus Familias, cuyo mandato abarca la situación de los migrantes en todos los Estados miembros de la Organización;",
    ),
    (
        1,
        28,
        "body",
        False,
        "Que la plena implementación y la ratificación de los instrumentos internacionales vigentes exigen la cooperación interamericana y un diálogo constante entre los Estados, los órganos del sistema interamericano, las organizaciones internacionales, el Alto Comisionado y la sociedad civil,",
    ),
    (1, 32, "body", False, "RESUELVE:"),
    (
        1,
        33,
        "body",
        False,
        "1. Instar a los Estados miembros a que consideren la firma y la ratificación de la Convención Internacional sobre la Protección de los Derechos de Todos",
    ),
    (
        2,
        2,
        "body",
        True,
        "los Trabajadores Migratorios y de sus Familias, o la adhesión a ella, como una cuestión prioritaria.",
    ),
    (
        2,
        4,
        "body",
        False,
        "2. Reafirmar que los principios consagrados en la Declaración Americana de los Derechos y Deberes del Hombre y en la Convención Americana sobre Derechos Humanos revisten especial importancia para la protección de los derechos de los trabajadores migratorios y de sus familias.",
    ),
    (
        2,
        8,
        "body",
        False,
        "3. Solicitar a la Comisión Interamericana de Derechos Humanos que continúe prestando especial atención a la situación de los trabajadores migratorios y de sus familias y que informe a la Asamblea General, en su trigésimo primer período ordinario de sesiones, sobre la implementación de esta resolución, la cual se llevará a cabo de acuerdo con los recursos asignados en el programa-presupuesto de la Organización y otros recursos, y en cooperación con las organizaciones internacionales pertinentes, en particular la Organización Internacional para las Migraciones, la Organización Internacional del Trabajo y el Alto Comisionado de las Naciones Unidas para los Derechos Humanos, así como con las organizaciones de la sociedad civil que trabajan en favor de los migrantes en el Hemisferio.",
    ),
    (
        2,
        19,
        "body",
        False,
        "4. Encomendar al Consejo Permanente que dé seguimiento a esta resolución, dentro de los recursos asignados en el programa-presupuesto, y que informe a la Asamblea General sobre su cumplimiento.",
    ),
    (
        2,
        22,
        "body",
        False,
        "a. Invitar a los órganos, organismos y entidades del sistema interamericano a que colaboren con el Relator Especial en el cumplimiento de su mandato; y",
    ),
    (
        2,
        25,
        "body",
        False,
        "b. Exhortar a los Estados miembros a que adopten las medidas necesarias para garantizar los derechos humanos de todos los migrantes, incluidos los trabajadores migratorios y sus familias.",
    ),
]

NOTE_VERBALE = [
    (1, 1, "page-header", False, "ORGANIZATION OF AMERICAN STATES"),
    (1, 2, "page-header", False, "Permanent Council"),
    (1, 3, "page-header", False, "Committee on Juridical and Political Affairs"),
    (1, 1, "page-header", False, "OEA/Ser.G"),
    (1, 2, "page-header", False, "CAJP/GT/TM-11/04"),
    (1, 3, "page-header", False, "12 July 2004"),
    (1, 4, "page-header", False, "Original: Spanish"),
    (1, 5, "body", False, "NOTE FROM THE PERMANENT MISSION OF MEXICO"),
    (1, 6, "body", False, "PRESENTING COMMENTS ON THE ANNOTATED AGENDA OF THE SPECIAL MEETING"),
    (1, 8, "body", False, "OEA-01896"),
    (
        1,
        9,
        "body",
        False,
        "The Permanent Mission of Mexico to the Organization of American States (OAS) presents its compliments to the Chair of the Working Group to Prepare an Inter-American Program for the Promotion and Protection of the Human Rights of Migrants and has the pleasure to refer to Note CAJP/GT/TM-10/04 containing the annotated agenda for the special meeting of the Working Group of September 16 and 17, 2004 (CAJP/GT/TM-1/04) and requesting comments and specific proposals regarding that agenda.",
    ),
    (
        1,
        16,
        "body",
        False,
        "The Permanent Mission of Mexico considers that, pursuant to resolution AG/RES. 2027 (XXXIV-O/04), the purpose of the special meeting is to facilitate the drafting of the Inter-American Program by identifying proposals, best practices, and specific activities to be carried out by the states and by the OAS, as well as a number of other activities requiring the collaboration and cooperation of international organizations and civil society organizations.",
    ),
    (
        1,
        22,
        "body",
        False,
        "The ultimate objective of the Inter-American Program is to promote and protect the human rights of migrants, including migrant workers and their families; rights that constitute universally valid and absolute values under international law, respect for which may not be made conditional upon any circumstance whatsoever.",
    ),
    (
        1,
        26,
        "body",
        False,
        "For the Government of Mexico, respect for the human rights of migrants may not be conditioned by their immigration status. For that reason, the Permanent Mission of Mexico considers it inappropriate to suggest that panelists at the special meeting should address the topics Legal versus Illegal Migration and Human Rights vs. Migrant’s Benefits as part of an exercise devoted to identifying the foundations and contents of a program aimed at the promotion and protection of human rights, because it does not make such comparisons or even conceive of them as circumstances that might curtail the full enjoyment of human rights.",
    ),
    (
        1,
        34,
        "body",
        False,
        "The Permanent Mission of Mexico avails itself of this opportunity to convey to the Chair of the Working Group renewed assurances of its highest consideration.",
    ),
    (1, 36, "body", False, "Washington, D.C., July 9, 2004"),
    (1, 37, "body", False, "Chair of the Working Group"),
    (1, 38, "body", False, "to Prepare an Inter-American Program"),
    (1, 39, "body", False, "for the Promotion and Protection of the Human Rights of Migrants"),
    (1, 40, "body", False, "Washington, D.C."),
]


# --- the three documents, paragraph by paragraph -------------------------------------------


def test_resolution_paragraphs_in_reading_order() -> None:
    lines = _read(RES)
    assert _rows(lines) == RESOLUTION
    assert all(line.counted == "line" for line in lines)


def test_resolution_hints() -> None:
    lines = {line.text: line for line in _read(RES)}
    # The caption is set larger than the text: the only heading; the formulas are bold.
    assert [(text, line.heading) for text, line in lines.items() if line.heading] == [("RESOLUCIÓN", 1)]
    for bold in ("RESOLUCIÓN", "La Asamblea General,", "CONSIDERANDO:", "RESUELVE:", "ORGANIZACIÓN DE LOS ESTADOS"):
        assert lines[bold].bold, bold
    assert not lines["OEA/Ser.P"].bold
    assert not any(line.bold for line in lines.values() if line.text.startswith(("VISTO", "1.", "a.")))


def test_note_verbale_paragraphs_in_reading_order() -> None:
    # One page: paragraphs told apart by their indented first lines only (no space between them),
    # the addressee's lines by ending short; the "- 1 -" footer is gone.
    assert _rows(_read(NOTE)) == NOTE_VERBALE


def test_report_first_and_last_paragraphs_and_counts() -> None:
    lines = _read(REPORT)
    assert len(lines) == 44
    assert [line.text for line in lines if line.where == "page-header"] == [
        "ORGANIZATION OF AMERICAN STATES",
        "Permanent Council",
        "Committee on Juridical and Political Affairs",
        "OEA/Ser.G",
        "CP/CAJP-2271/05",
        "20 May 2005",
        "Original: Spanish",
    ]
    assert _rows(lines[7:11]) == [
        (
            1,
            5,
            "body",
            False,
            "REPORT OF THE CHAIR OF THE WORKING GROUP TO PREPARE AN INTER-AMERICAN PROGRAM FOR THE PROMOTION AND PROTECTION OF THE HUMAN RIGHTS OF MIGRANTS",
        ),
        (1, 9, "body", False, "(Presented at the meeting of the Committee held on May 26, 2005)"),
        (1, 10, "body", False, "I. INTRODUCTION"),
        (
            1,
            11,
            "body",
            False,
            "The Working Group to prepare an Inter-American Program for the Promotion and Protection of the Human Rights of Migrants, Including Migrant Workers and Their Families (GT/TM) was established on January 15, 2004, as part of the Permanent Council’s Committee on Juridical and Political Affairs, pursuant to operative paragraph 5 (a) of OAS General Assembly resolution AG/RES. 1928 (XXXIII-O/03). Its mandate was to prepare a proposed Inter-American Program for the Promotion and Protection of the Human Rights of Migrants, Including Migrant Workers and Their Families (“the Program”), based on the draft presented by the Inter-American Commission on Human Rights, document CP/CAJP-2038/03.",
        ),
    ]
    assert _rows(lines[-6:]) == [
        (5, 7, "body", False, "THE GENERAL ASSEMBLY,"),
        (
            5,
            8,
            "body",
            False,
            "HAVING SEEN the report of the Chair of the Working Group to Prepare an Inter-American Program for the Promotion and Protection of the Human Rights of Migrants, Including Migrant Workers and Their Families (CP/CAJP-2271/05);",
        ),
        (
            5,
            11,
            "body",
            False,
            "BEARING IN MIND that the Plan of Action of the Third Summit of the Americas provided for the establishment of an inter-American program within the OAS for the promotion and protection of the human rights of migrants,",
        ),
        (5, 14, "body", False, "RESOLVES:"),
        (
            5,
            15,
            "body",
            False,
            "1. To adopt the Inter-American Program for the Promotion and Protection of the Human Rights of Migrants, Including Migrant Workers and Their Families.",
        ),
        (
            5,
            18,
            "body",
            False,
            "2. To request the Permanent Council to report to the General Assembly at its thirty-sixth regular session on the implementation of this resolution.",
        ),
    ]
    assert Counter(line.page for line in lines) == {1: 17, 2: 8, 3: 7, 4: 3, 5: 9}


def test_report_page_breaks_split_paragraphs_and_mark_the_first_of_each_page() -> None:
    lines = _read(REPORT)
    firsts = [(line.page, line.text[:40]) for line in lines if line.after_break]
    assert firsts == [
        (2, "Initially, the Working Group focused on "),
        (3, "presented by the Chair. The document als"),
        (4, "Protection of the Human Rights of Migran"),
        (5, "ANNEX"),
    ]
    # A paragraph the page break split ends without its full stop; the next page goes on with it.
    before = [line for line in lines if line.page == 2][-1]
    assert before.text.endswith("(CAJP/GT/TM-24/05),")


def test_report_headings_by_size_and_bold_sub_sections() -> None:
    lines = _read(REPORT)
    assert [(line.text[:20], line.heading) for line in lines if line.heading] == [
        ("REPORT OF THE CHAIR ", 1),
        ("I. INTRODUCTION", 2),
        ("II. PROCEEDINGS", 2),
        ("III. CONCLUSIONS", 2),
        ("ANNEX", 1),
    ]
    subsections = [line for line in lines if re.match(r"[A-C]\. [A-Z ]+$", line.text)]
    assert [line.text for line in subsections] == [
        "A. WORK PLAN AND ELECTION OF OFFICERS",
        "B. SPECIAL MEETING",
        "C. DRAFT OF THE PROGRAM",
    ]
    assert all(line.bold and line.heading == 0 for line in subsections)


def test_report_footnotes_go_to_notes_at_their_calls() -> None:
    lines = _read(REPORT)
    noted = [
        (line.page, line.text[:offset].split()[-1], line.text[offset:][:1], note)
        for line in lines
        for offset, note in line.notes
    ]
    assert noted == [
        (2, "Group,", " ", "See document CAJP/GT/TM-16/04."),
        (2, "States.”", "", "See document CP/CAJP-2038/03."),
        (2, "Families”", " ", "See document CAJP/GT/TM-18/04."),
        (3, "resolution.", "", "See documents CAJP/GT/TM-24/05 rev. 7 and CAJP/GT/TM-38/05 rev. 2."),
    ]
    # Neither the calls nor the notes' own paragraphs are left in the text.
    text = " ".join(line.text for line in lines)
    assert "Group,1" not in text and "See document" not in text
    assert "Working Group, prepared by the Alternate" in text


# --- what every document must satisfy --------------------------------------------------------


@pytest.mark.parametrize("stem", [RES, REPORT, NOTE])
def test_every_word_of_the_source_is_read_once(stem: str) -> None:
    assert _read_words(_read(stem)) == _source_words(stem)


@pytest.mark.parametrize("stem", [RES, REPORT, NOTE])
def test_running_headers_footers_and_page_numbers_are_gone(stem: str) -> None:
    lines = _read(stem)
    symbol = next(line.text for line in lines if line.where == "page-header" and "/" in line.text[3:])
    assert not [line for line in lines if PAGE_NUMBER.search(line.text)]
    # The symbol stands in the header block (and in a title), never again atop a later page.
    assert not [line for line in lines if line.text == symbol and line.page > 1]
    assert all(line.where == "body" for line in lines if line.page > 1)


@pytest.mark.parametrize("stem", [RES, REPORT, NOTE])
def test_texts_obey_the_model_text_rule(stem: str) -> None:
    for line in _read(stem):
        assert line.text == unicodedata.normalize("NFC", line.text) == " ".join(line.text.split())
        assert forbidden_character(line.text) is None
        assert line.text and line.page and line.number >= 1


def test_hyphens_undone_where_the_word_occurs_elsewhere_or_the_typesetter_broke_it() -> None:
    resolution = " ".join(line.text for line in _read(RES))
    # "ratifica‐" + "ción", "implementación" … occur whole elsewhere: joined.
    assert "ratificación" in resolution and "ratifica\u2010" not in resolution
    assert resolution.count("programa-presupuesto") == 2  # "programa-presu‐" + "puesto": its own hyphen kept
    # "necesa‐" + "rias": "necesarias" occurs nowhere else, but U+2010 before a small letter is the
    # typesetter's (a person types "-"): joined all the same.
    assert "medidas necesarias para" in resolution and "necesa\u2010" not in resolution
    report = " ".join(line.text for line in _read(REPORT))
    # "Inter-" + "American" at a line end: "InterAmerican" occurs nowhere, the hyphen stays.
    assert "“Draft Inter-American Program" in report and "InterAmerican" not in report
    # A line ending in a slash goes on without a space.
    assert "AG/RES. 2027 (XXXIV-O/04) titled" in report and "(CAJP/GT/TM-38/05 rev. 2)" in report
    assert AUTO_HYPHEN not in report + " ".join(line.text for line in _read(NOTE))


# --- the rules on rows built by hand ---------------------------------------------------------

LEFT, RIGHT = 72.0, 540.0


def _row(page: int, number: int, text: str, top: float, *, x0: float = LEFT, full: bool = False, size: float = 11.0):
    """A row of ``text`` at ``top``: words 0.5 em a letter, a quarter em apart; ``full`` sets it edge to edge."""
    words = text.split()
    gap, letter = 0.25 * size, 0.5 * size
    if full:  # letters as wide as it takes, as a justified line of that many letters would have them
        letter = (RIGHT - x0 - gap * (len(words) - 1)) / sum(len(word) for word in words)
    widths = [letter * len(word) for word in words]
    pieces, x = [], x0
    for word, width in zip(words, widths):
        pieces.append(Piece(word, x, x + width, top, top + 1.2 * size, size, False, number))
        x += width + gap
    return make_row(pieces, page, number)


def _page(number: int, rows) -> Page:
    return Page(number, 612.0, 792.0, list(rows), False)


def _texts(pages) -> list[str]:
    return [line.text for line in paragraphs(pages)]


def test_page_of_n_footers_lone_page_numbers_and_running_headers_are_dropped() -> None:
    pages = []
    for number in range(1, 5):
        rows = [] if number == 1 else [_row(number, 1, "CP/CAJP-9999/05", 40, x0=260)]
        if number == 3:
            rows = [_row(number, 1, "3", 40, x0=300)]  # a lone page number at the top, no header
        topic = ("the agenda", "the budget", "the calendar", "the report")[number - 1]
        body = [
            _row(number, 2, f"The Group met on {topic} and took note of the many views ex-", 100, full=True),
            _row(number, 3, f"pressed on {topic}.", 114),
        ]
        pages.append(_page(number, [*rows, *body, _row(number, 4, f"Page {number} of 4", 750, x0=270)]))
    assert _texts(pages) == [
        f"The Group met on {topic} and took note of the many views ex-pressed on {topic}."
        for topic in ("the agenda", "the budget", "the calendar", "the report")
    ]


def test_hyphen_rules_at_line_ends() -> None:
    rows = [
        _row(1, 1, "The implementation of the programme began; the imple-", 100, full=True),
        _row(1, 2, "mentation goes on, and the Inter-", 114, full=True),
        _row(1, 3, "American Commission saw the docu\u00ad", 128, full=True),
        _row(1, 4, "ment of 2002-", 142, full=True),
        _row(1, 5, "2005 in full.", 156),
    ]
    assert _texts([_page(1, rows)]) == [
        "The implementation of the programme began; the implementation goes on, and the Inter-American "
        "Commission saw the document of 2002-2005 in full."
    ]


def test_label_opens_a_paragraph_only_after_the_end_of_a_clause() -> None:
    rows = [
        _row(1, 1, "pursuant to operative paragraph 5", 100, full=True),
        _row(1, 2, "(a) of the resolution, the Group decided the following:", 114, full=True),
        _row(1, 3, "(a) To meet again;", 128),
    ]
    assert _texts([_page(1, rows)]) == [
        "pursuant to operative paragraph 5 (a) of the resolution, the Group decided the following:",
        "(a) To meet again;",
    ]


def test_footnote_without_call_is_a_paragraph_after_the_text_and_a_call_without_note_stays() -> None:
    body = _row(1, 1, "The meeting took place as planned and ended", 100, full=True)
    call = Piece("7", body.x1 + 0.2, body.x1 + 3.5, 100, 107, 6.0, False, 1)
    body = make_row([*body.pieces, call], 1, 1)
    rows = [body, _row(1, 2, "on time.", 114), _row(1, 3, "1. See the minutes.", 700, size=9.0)]
    lines = paragraphs([_page(1, rows)])
    assert [(line.text, line.notes) for line in lines] == [
        ("The meeting took place as planned and ended7 on time.", []),
        ("1. See the minutes.", []),
    ]


# --- what is refused, and how ----------------------------------------------------------------


def _pdf(
    contents: list[bytes],
    *,
    count: int | None = None,
    font: bytes | None = None,
    to_unicode: bytes = b"",
    flate: bool = False,
) -> bytes:
    """A minimal PDF of letter pages drawing ``contents`` in font F1 (object 3), ``flate``-compressed or not.

    ``/Im1 Do`` draws a one-pixel grey picture (object 4) over the current matrix; the font's
    ToUnicode map, if any, is object 5.
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        font or b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length 1 >>\nstream\n\x80\nendstream",
    ]
    if to_unicode:
        objects[2] = objects[2][:-2] + b" /ToUnicode 5 0 R >>"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(to_unicode), to_unicode))
    kids = []
    for content in contents:
        if flate:
            content = zlib.compress(content)
        compressed = b" /Filter /FlateDecode" if flate else b""
        objects.append(b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(content), compressed, content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents %d 0 R >>" % len(objects)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids) if count is None else count,
    )
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _refusal(data: bytes, name: str = "in.pdf") -> str:
    with pytest.raises(ImportTextError) as caught:
        read_pdf(data, name)
    return str(caught.value)


def test_a_minimal_pdf_is_read() -> None:
    lines = read_pdf(_pdf([b"BT /F1 12 Tf 72 700 Td (Hello world) Tj ET"]), "in.pdf")
    assert [(line.page, line.number, line.text) for line in lines] == [(1, 1, "Hello world")]


@pytest.mark.parametrize("data", [b"", b"Hello, world\n", b"PK\x03\x04" + bytes(200), b"{\\rtf1 Hello}"])
def test_not_a_pdf(data: bytes) -> None:
    assert _refusal(data) == "in.pdf: is not a PDF file; import the PDF itself, or a Word or text version"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 4,
        b"%PDF-1.4\n%%EOF\n",
        (REAL / f"{RES}.pdf").read_bytes()[:8000],  # cut off in the middle
    ],
    ids=["garbage", "header-only", "truncated"],
)
def test_damaged_pdf(data: bytes) -> None:
    message = _refusal(data)
    assert message.startswith("in.pdf: the PDF is damaged and cannot be read (")
    assert message.endswith("); open it and save it again as PDF, or import a Word or text version")


def test_any_failure_inside_pdfminer_is_a_damaged_file_not_a_traceback(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise KeyError("/Font")

    monkeypatch.setattr(pdf_reader, "_rows", broken)
    assert "cannot be read (KeyError)" in _refusal((REAL / f"{NOTE}.pdf").read_bytes())


HELLO = b"BT /F1 12 Tf 72 700 Td (Hello world, this is the text of the page) Tj ET"
OTHER = b"BT /F1 12 Tf 72 700 Td (and this the text of the next one) Tj ET"


def test_compressed_content_read_and_its_damage_refused() -> None:
    data = _pdf([HELLO, OTHER], flate=True)
    assert [line.text for line in read_pdf(data, "in.pdf")] == [
        "Hello world, this is the text of the page",
        "and this the text of the next one",
    ]
    # pdfminer reads a stream that fails to inflate as empty, without a word: refused instead.
    stream = data.rindex(b"stream\n") + len(b"stream\n")
    damaged = data[: stream + 6] + bytes([data[stream + 6] ^ 0xFF]) + data[stream + 7 :]
    assert _refusal(damaged) == (
        "in.pdf: page 2: the PDF is damaged and part of its text cannot be read; "
        "open it and save it again as PDF, or import a Word or text version"
    )


def test_content_inflating_beyond_bounds_refused(monkeypatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGE_CONTENT", 1000)
    bomb = HELLO + b" " * 5000 + b"\n"
    assert _refusal(_pdf([bomb], flate=True)) == (
        "in.pdf: page 1: its content inflates beyond 1,000 bytes; the file cannot be read"
    )


def test_operators_pdfminer_cannot_execute_refused_and_nothing_printed(capfd) -> None:
    content = b"BT /F1 12 Tf 72 700 Td (Before) Tj [(A) /Name (B)] TJ ET"  # a name where a string must be
    assert _refusal(_pdf([content])).startswith("in.pdf: page 1: the PDF is damaged and part of its text")
    assert capfd.readouterr() == ("", "")  # pdfminer's warnings are judged, not printed


def test_page_tree_promising_more_pages_than_it_holds() -> None:
    assert _refusal(_pdf([HELLO], count=2)).startswith("in.pdf: the PDF is damaged and cannot be read (pages missing)")


def test_owner_password_only_pdf_is_read() -> None:
    # Encrypted to restrict copying, but it opens without a password: read like the original.
    assert _rows(read_pdf((REAL / "restricted.pdf").read_bytes(), "restricted.pdf")) == NOTE_VERBALE


def test_encrypted_pdf() -> None:
    assert _refusal((REAL / "encrypted.pdf").read_bytes(), "secret.pdf") == (
        "secret.pdf: the PDF is encrypted and cannot be opened without its password; "
        "save a copy without protection and import that"
    )


def test_scan_without_text_layer() -> None:
    assert _refusal((REAL / "scan.pdf").read_bytes(), "scan.pdf") == (
        "scan.pdf: has no text: it is a scan; run OCR first or import a Word or text version"
    )


def test_scanned_page_among_typed_ones() -> None:
    scanned, logo = b"q 612 0 0 792 0 0 cm /Im1 Do Q", b"q 60 0 0 40 72 720 cm /Im1 Do Q"
    assert _refusal(_pdf([HELLO, scanned, OTHER])) == (
        "in.pdf: page 2 has no text: it is a scan; run OCR first or import a Word or text version"
    )
    # A small picture alone on a page (a logo, a signature) is no scan: the page is only empty.
    assert [line.page for line in read_pdf(_pdf([HELLO, logo, OTHER]), "in.pdf")] == [1, 3]
    assert _refusal(_pdf([scanned, scanned]), "s.pdf").startswith("s.pdf: has no text: it is a scan")


def test_blank_pdf() -> None:
    assert _refusal(_pdf([b""])) == "in.pdf: the file has no text"


def test_too_many_pages_refused_from_the_page_tree() -> None:
    assert _refusal(_pdf([b""], count=2001)) == (
        "in.pdf: has 2,001 pages or more, more than the 2,000 a document may have; split it"
    )


def test_a_page_tree_lying_about_its_count_is_counted(monkeypatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    assert "has 3 pages or more, more than the 2 a document" in _refusal(_pdf([b"", b"", b""], count=1))


def test_too_many_characters_refused_at_the_page_that_passes(monkeypatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_CHARS", 5000)
    assert _refusal((REAL / f"{REPORT}.pdf").read_bytes(), "r.pdf") == (
        "r.pdf: holds more than 5,000 characters (page 3 passes the limit); split it and import the parts"
    )


def test_control_character_refused_with_page_and_line() -> None:
    # The font's ToUnicode map says its "A" is U+202E (right-to-left override).
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <41> <202E> endbfchar "
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    content = b"BT /F1 12 Tf 72 700 Td (First line) Tj 0 -14 Td (evil A here) Tj ET"
    assert _refusal(_pdf([b"", content], to_unicode=cmap)) == (
        "in.pdf: page 2, line 2: contains the control or invisible character U+202E, "
        "which no document text may hold; remove it and import again"
    )


def test_font_without_unicode_map_refused() -> None:
    font = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts "
        b"[<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] >>"
    )
    message = _refusal(_pdf([b"BT /F1 12 Tf 72 700 Td <00410042> Tj ET"], font=font))
    assert message.startswith("in.pdf: page 1, line 1: the text cannot be read: its font does not say which letters")
