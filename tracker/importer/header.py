"""The header block of OAS and UN documents: recognised, kept as metadata, never made a unit.

An issued document opens with who issues it and what it is (``seeds`` and
DOMAIN.md): the organisation and the body (``ORGANIZATION OF AMERICAN STATES``,
``PERMANENT COUNCIL OF THE ORGANIZATION OF AMERICAN STATES``, ``United
Nations``, ``General Assembly``), the series (``OEA/Ser.G``), the symbol, the
date (``5 June 2000``), the original language (``Original: Spanish``), the
distribution (``Distr.: General``), the session and the agenda item, and a
caption (``RESOLUTION``, ``PROYECTO DE RESOLUCIÓN``). A text export often runs
the two columns of the block into one line (``United Nations A/55/275/Add.1``):
a line is a header line when it is made *entirely* of such fields.

The adoption line of a resolution (``(Adopted at the fourth plenary session,
held on June 5, 2000)``) and the line naming who presents a draft
(``(Presented by the Delegation of Costa Rica)``) are recognised the same way
wherever they stand before the enacting formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.akn.outline import HeaderLine
from tracker.importer.lines import SourceLine
from tracker.importer.patterns import iso_date, month_pattern

_ORGANIZATIONS = (
    r"ORGANI[SZ]ATION OF AMERICAN STATES|ORGANIZACI[OÓ]N DE LOS ESTADOS AMERICANOS|ORGANISATION DES [EÉ]TATS AM[EÉ]RICAINS"
    r"|ORGANIZA[CÇ][AÃ]O DOS ESTADOS AMERICANOS|UNITED NATIONS|NACIONES UNIDAS|NATIONS UNIES|NA[CÇ][OÕ]ES UNIDAS"
    r"|PERMANENT COUNCIL(?: OF THE ORGANIZATION OF AMERICAN STATES)?"
    r"|CONSEJO PERMANENTE(?: DE LA ORGANIZACI[OÓ]N DE LOS ESTADOS AMERICANOS)?"
    r"|COMMITTEE ON JURIDICAL AND POLITICAL AFFAIRS|COMISI[OÓ]N DE ASUNTOS JUR[IÍ]DICOS Y POL[IÍ]TICOS"
    r"|GENERAL ASSEMBLY|ASAMBLEA GENERAL|ECONOMIC AND SOCIAL COUNCIL|CONSEJO ECON[OÓ]MICO Y SOCIAL|SECURITY COUNCIL"
    r"|INTER-AMERICAN COMMISSION ON HUMAN RIGHTS|COMISI[OÓ]N INTERAMERICANA DE DERECHOS HUMANOS"
    r"|COMMISSION ON HUMAN RIGHTS|COMISI[OÓ]N DE DERECHOS HUMANOS|HUMAN RIGHTS COUNCIL|CONSEJO DE DERECHOS HUMANOS"
)
#: Each field a header line may be made of, tried in this order at the start of what is left of the line.
_FIELDS: tuple[tuple[str, str], ...] = (
    ("series", r"OEA/Ser\.[A-Z](?:/[A-Z0-9.]+)*"),
    ("original", r"(?:Original|ORIGINAL)\s*:\s*(?P<language>[A-Za-zÀ-ÿ]+)"),
    (
        "distribution",
        r"Distr\.?\s*:?\s*(?:General|GENERAL|Limited|LIMITED|Limitada|LIMITADA|Restricted|RESTRICTED|Reservada|RESERVADA)",
    ),
    (
        "agenda",
        r"(?:(?:Item|Tema|Point|Ponto)\s+\d+(?:\s*\([a-z]\))?\s+(?:of the|del|de l'ordre du jour|da)\b[^\n]*?"
        r"(?:agenda|programa|ordre du jour|agenda)"
        r"|(?:Agenda item|Tema del programa|Point de l'ordre du jour|Item da agenda)\s+\d+(?:\s*\([a-z]\))?)\*?",
    ),
    # The committee whose report a UN resolution was adopted on: "[on the report of the Third Committee (A/54/605)]".
    (
        "origin",
        r"\[(?:on the report of|without reference to|sobre la base del informe|sin remisi[oó]n|sur le rapport)[^\]]*\]",
    ),
    (
        "session",
        r"(?:[A-Z][a-z]+(?:-[a-z]+)?\s+(?:regular\s+|special\s+)?session|[A-Z][a-zé]+(?:\s+[a-zé]+)?\s+per[ií]odo\s+(?:ordinario\s+)?de\s+sesiones)",
    ),
    (
        "caption",
        r"(?:DRAFT RESOLUTION|RESOLUTION|PROYECTO DE RESOLUCI[OÓ]N|RESOLUCI[OÓ]N|PROJET DE R[EÉ]SOLUTION|R[EÉ]SOLUTION"
        r"|PROJETO DE RESOLU[CÇ][AÃ]O|RESOLU[CÇ][AÃ]O|DRAFT DECLARATION|DECLARATION|PROYECTO DE DECLARACI[OÓ]N|DECLARACI[OÓ]N"
        r"|EXTRACT|EXTRACTO|EXTRAIT|ADDENDUM|ADICI[OÓ]N|CORRIGENDUM|CORRECCI[OÓ]N)"
        r"(?: ADOPTED BY THE GENERAL ASSEMBLY| APROBADA POR LA ASAMBLEA GENERAL| ADOPT[EÉ]E PAR L'ASSEMBL[EÉ]E G[EÉ]N[EÉ]RALE)?",
    ),
    # The UN's job number at a first page's foot: "GE.00-10123 (E)", "00-64212 (S)".
    ("job", r"(?:GE\.)?\d{2}-\d{5}\s*\([A-Z]\)(?:\s+\d{6})*"),
    ("organization", _ORGANIZATIONS),
    # The letter of the UN's principal organ, alone in the logo column: "E" (ECOSOC), "A", "S".
    ("series", r"[AES]"),
)
#: Fields that may stand anywhere, not only in the header block: a job number at the foot of the first page.
_ANYWHERE = ("job",)
#: How many lines a field may be broken over ("UNITED" / "NATIONS", "Economic and Social" / "Council").
_FIELD_LINES = 3
#: Lines that stand under a resolution's title and say how it came about: header, not title.
_UNDER_TITLE = (
    (
        "adoption",
        re.compile(
            r"^\((?:Adopted|Approved|Aprobad[ao]|Adoptad[ao]|Adopt[ée]e|Approuv[ée]e|Aprovad[ao]|Adotad[ao])\b.*\)$",
            re.IGNORECASE,
        ),
    ),
    (
        "presented",
        re.compile(
            r"^\((?:Presented|Submitted|Presentad[ao]|Pr[ée]sent[ée]e?|Apresentad[ao]|Proposed|Propuest[ao])\s+"
            r"(?:by|at|to|in|por|en|ante|par|à|lors|pela|pelo|na|no|em)\b.*\)$",
            re.IGNORECASE,
        ),
    ),
)


@dataclass
class Extracted:
    """What the header block held, and the lines that follow it."""

    header: list[HeaderLine]
    rest: list[SourceLine]
    words: int  # words of the header block (outside any unit, as they should be)


@lru_cache(maxsize=1)
def _field_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    date = (
        rf"\d{{1,2}}(?:\s+de)?\s+(?:{month_pattern()})(?:\s+de)?\s+\d{{4}}|(?:{month_pattern()})\s+\d{{1,2}},\s+\d{{4}}"
    )
    fields = (*_FIELDS[:1], ("date", date), *_FIELDS[1:])
    # The series is written one way; every other field in any case (``ORIGINAL: ESPAÑOL``, ``General Assembly``).
    return tuple(
        (kind, re.compile(rf"\s*(?:{pattern})(?=\s|$)", 0 if kind == "series" else re.IGNORECASE))
        for kind, pattern in fields
    )


def header_fields(text: str) -> list[HeaderLine] | None:
    """The fields ``text`` is made of (None when any part of it is not a header field)."""
    found: list[HeaderLine] = []
    rest = text.strip()
    while rest:
        for kind, pattern in _field_patterns():
            if match := pattern.match(rest):
                found.append(HeaderLine(kind, match.group(0).strip(), _value(kind, match)))
                rest = rest[match.end() :].strip()
                break
        else:
            # A symbol is as long as it can be while what follows it is still header fields.
            for symbol in _symbol_prefixes(rest):
                after = rest[len(symbol) :].strip()
                tail = header_fields(after) if after else []
                if tail is not None:
                    return [*found, HeaderLine("symbol", symbol), *tail]
            return None
    return found or None


def _symbol_prefixes(text: str) -> list[str]:
    """The starts of ``text`` that read as a document symbol, longest first (``AG/RES. 1717 (XXX-O/00)``)."""
    from tracker.errors import WgtError
    from tracker.symbols import parse_symbol

    words = text.split(" ")
    if "/" not in words[0]:  # a symbol's body comes first, one word: AG/RES. 1717, A/55/275, CP/CAJP-2213/04
        return []
    found = []
    month = re.compile(rf"(?:{month_pattern()})\b", re.IGNORECASE)
    # A symbol stops before a date ("CP/CAJP-2213/04 12 May 2004"): the lenient parser would take both.
    limit = next((i for i, word in enumerate(words) if i and month.match(word)), len(words))
    limit = limit - 1 if limit < len(words) and limit > 1 and words[limit - 1].isdigit() else limit
    for n in range(min(limit, 6), 0, -1):
        candidate = " ".join(words[:n])
        if not re.search(r"\d", candidate):
            continue
        try:
            parse_symbol(candidate)
        except WgtError:
            continue
        found.append(candidate)
    return found


def _value(kind: str, match: re.Match[str]) -> str:
    if kind == "date":
        return iso_date(match.group(0)) or ""
    if kind == "original":
        return language_code(match.group("language")) or ""
    return ""


def language_code(name: str) -> str | None:
    """``Spanish``, ``español``, ``ESPAÑOL``, ``espagnol`` → ``es`` (CLDR's names of the OAS's four languages)."""
    from babel import Locale

    wanted = name.strip().lower()
    for code in ("en", "es", "fr", "pt"):
        for reader in ("en", "es", "fr", "pt"):
            if Locale(reader).languages.get(code, "").lower() == wanted:
                return code
    return None


def under_title_kind(text: str) -> str | None:
    """``adoption`` for ``(Adopted at the fourth plenary session, held on June 5, 2000)``, ``presented`` for
    ``(Presented by the Delegation of Costa Rica)`` and their translations; None for any other line."""
    return next((kind for kind, pattern in _UNDER_TITLE if pattern.match(text.strip())), None)


def extract_header(lines: list[SourceLine]) -> Extracted:
    """Take the header block off the top of ``lines`` (and any page-header, page-foot or table line).

    The block ends at the first line in the body that is not made of header fields. A field
    broken over lines (``PERMANENT COUNCIL OF THE`` / ``ORGANIZATION OF AMERICAN STATES`` as a
    narrow cell wraps it, ``UNITED`` / ``NATIONS`` as a PDF's text gives the UN's logo column)
    is read as one. The title of an agenda item follows its item line (``Item 114 (b) of the
    provisional agenda`` / ``Human rights questions: …``); a job number (``GE.00-10123 (E)``)
    and a note at a page's foot (``* A/55/150.``) are header wherever they stand.
    """
    header: list[HeaderLine] = []
    rest: list[SourceLine] = []
    words = 0
    in_block = True
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.where == "page-foot":
            header.append(HeaderLine("note", line.text))
            words += line.words()
            index += 1
            continue
        found = _fields_at(lines, index) if in_block or line.where != "body" else _anywhere(line)
        if found is not None:
            fields, taken = found
            header.extend(fields)
            words += sum(lines[i].words() for i in range(index, index + taken))
            index += taken
            if fields[-1].kind == "agenda" and in_block and (title := _agenda_title(lines, index)):
                header.append(HeaderLine("agenda", " ".join(lines[i].text for i in range(index, index + title))))
                words += sum(lines[i].words() for i in range(index, index + title))
                index += title
            continue
        if line.where == "body" and not line.rule:
            in_block = False
        rest.append(line)
        index += 1
    return Extracted(header, rest, words)


def _fields_at(lines: list[SourceLine], index: int) -> tuple[list[HeaderLine], int] | None:
    """The fields the line at ``index`` is made of, alone or with the next one or two; and how many it took."""
    joined = lines[index].text
    for count in range(1, _FIELD_LINES + 1):
        if count > 1:
            if index + count > len(lines):
                return None
            after = lines[index + count - 1]
            if after.where != lines[index].where or after.gap or len(after.text.split()) > 6:
                return None
            joined = f"{joined} {after.text}"
        fields = header_fields(joined)
        if fields is not None:
            return fields, count
    return None


def _anywhere(line: SourceLine) -> tuple[list[HeaderLine], int] | None:
    fields = header_fields(line.text)
    if fields is not None and all(field.kind in _ANYWHERE for field in fields):
        return fields, 1
    return None


#: An agenda item's title is a heading: at most this many words, without a final period.
_AGENDA_TITLE_WORDS = 30


def _agenda_title(lines: list[SourceLine], index: int) -> int:
    """How many lines from ``index`` hold the title of the agenda item just read (0: none)."""
    from tracker.importer.joins import continues

    if index >= len(lines) or header_fields(lines[index].text) is not None:
        return 0
    taken = 1
    while index + taken < len(lines) and not lines[index + taken].gap:
        if not continues(lines[index + taken - 1].text, lines[index + taken].text):
            break
        taken += 1
    text = " ".join(line.text for line in lines[index : index + taken])
    if len(text.split()) > _AGENDA_TITLE_WORDS or text[-1:] in ".;,":
        return 0
    return taken


__all__ = ["Extracted", "extract_header", "header_fields", "language_code", "under_title_kind"]
