"""Document metadata: FRBR identification and our own ``<proprietary>`` record.

Read and written in one place so that the symbol, revision, date and languages
of a draft are never parsed twice in two ways.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from tracker.akn.namespace import NS, WGT_NS, akn, wgt
from tracker.akn.outline import HeaderLine
from tracker.errors import XmlError
from tracker.i18n import _

#: ISO 639-1 (what people type) to ISO 639-2/T (what FRBRlanguage holds), for
#: the OAS's four official languages. Babel has no 639-2 table, hence this map.
LANG3 = {"en": "eng", "es": "spa", "fr": "fra", "pt": "por"}


def lang3(lang: str) -> str:
    """The three-letter FRBR language code of ``lang``."""
    try:
        return LANG3[lang]
    except KeyError:
        raise XmlError(
            _("unknown language {lang!r}; use one of {languages}").format(lang=lang, languages=", ".join(LANG3))
        ) from None


@dataclass(frozen=True)
class DocMeta:
    """What the tool needs to know about a draft file beyond its text."""

    symbol: str
    slug: str
    doc_type: str
    rev: int
    date: str
    lang: str
    original_lang: str

    def work_uri(self, akn_name: str, element: str) -> str:
        year = self.date[:4]
        return f"/akn/oas/{element}/{akn_name}/{year}/{self.slug}"


def build_meta(
    meta: DocMeta, element: str, akn_name: str, component: str = "main", header: Sequence[HeaderLine] = ()
) -> etree._Element:
    """The ``<meta>`` block for a draft (or for one of its attachments), with its header block if it had one."""
    work = meta.work_uri(akn_name, element)
    expr = f"{work}/{lang3(meta.lang)}@rev{meta.rev}"
    expression = [
        akn.FRBRthis(value=f"{expr}/!{component}"),
        akn.FRBRuri(value=expr),
        akn.FRBRdate(date=meta.date, name="issued"),
        akn.FRBRauthor(href="#secretariat"),
        akn.FRBRversionNumber(value=str(meta.rev)),
        akn.FRBRlanguage(language=lang3(meta.lang)),
    ]
    if meta.lang != meta.original_lang:
        expression.append(
            akn.FRBRtranslation(
                href=f"{work}/{lang3(meta.original_lang)}@rev{meta.rev}",
                fromLanguage=lang3(meta.original_lang),
                by="#secretariat",
            )
        )
    children = [
        akn.identification(
            akn.FRBRWork(
                akn.FRBRthis(value=f"{work}/!{component}"),
                akn.FRBRuri(value=work),
                akn.FRBRalias(value=meta.symbol, name="symbol"),
                akn.FRBRdate(date=meta.date, name="issued"),
                akn.FRBRauthor(href="#secretariat"),
                akn.FRBRcountry(value="oas"),
            ),
            akn.FRBRExpression(*expression),
            akn.FRBRManifestation(
                akn.FRBRthis(value=f"{expr}/!{component}.xml"),
                akn.FRBRuri(value=f"{expr}.akn"),
                akn.FRBRdate(date=meta.date, name="issued"),
                akn.FRBRauthor(href="#secretariat"),
            ),
            source="#secretariat",
        ),
    ]
    if component == "main":
        record = wgt.document(
            symbol=meta.symbol,
            type=meta.doc_type,
            rev=str(meta.rev),
            date=meta.date,
            language=meta.lang,
            originalLanguage=meta.original_lang,
        )
        if header:
            block = etree.SubElement(record, f"{{{WGT_NS}}}header")
            for line in header:
                field = etree.SubElement(block, f"{{{WGT_NS}}}field", kind=line.kind)
                if line.value:
                    field.set("value", line.value)
                field.text = line.text
        children.append(
            akn.references(
                akn.TLCOrganization(
                    eId="secretariat", href="/ontology/organization/oas.secretariat", showAs="OAS Secretariat"
                ),
                source="#secretariat",
            )
        )
        children.append(akn.proprietary(record, source="#secretariat"))
    return akn.meta(*children)


def read_header(root: etree._Element) -> list[HeaderLine]:
    """The header block the draft was imported with, field by field (empty when it had none)."""
    fields = root.findall("./*/a:meta/a:proprietary/w:document/w:header/w:field", NS)
    return [HeaderLine(field.get("kind", ""), field.text or "", field.get("value", "")) for field in fields]


def read_meta(root: etree._Element, name: str = "<draft>") -> DocMeta:
    """The :class:`DocMeta` recorded in a draft; a clear error when it is missing."""
    record = root.find("./*/a:meta/a:proprietary/w:document", NS)
    if record is None:
        raise XmlError(
            _("{name}: has no wgt metadata (<proprietary><wgt:document>); it was not written by wgt").format(name=name)
        )
    try:
        from tracker.symbols import parse_symbol

        symbol = record.get("symbol", "")
        return DocMeta(
            symbol=symbol,
            slug=parse_symbol(symbol).slug,
            doc_type=record.get("type", ""),
            rev=int(record.get("rev", "")),
            date=record.get("date", ""),
            lang=record.get("language", ""),
            original_lang=record.get("originalLanguage", ""),
        )
    except (ValueError, TypeError) as exc:
        raise XmlError(_("{name}: damaged wgt metadata ({reason})").format(name=name, reason=exc)) from None


def set_meta_rev(root: etree._Element, rev: int, date: str) -> None:
    """Update the revision number and date everywhere the metadata records them."""
    record = root.find("./*/a:meta/a:proprietary/w:document", NS)
    record.set("rev", str(rev))
    record.set("date", date)
    for meta in root.iter(f"{{{NS['a']}}}meta"):
        for el in meta.iter():
            for attr in ("value", "href"):
                val = el.get(attr)
                if val and "@rev" in val:
                    head, _sep, tail = val.partition("@rev")
                    rest = tail.lstrip("0123456789")
                    el.set(attr, f"{head}@rev{rev}{rest}")
        for date_el in meta.iterfind(".//a:FRBRExpression/a:FRBRdate", NS):
            date_el.set("date", date)
        for date_el in meta.iterfind(".//a:FRBRManifestation/a:FRBRdate", NS):
            date_el.set("date", date)
        for version in meta.iterfind(".//a:FRBRversionNumber", NS):
            version.set("value", str(rev))


__all__ = ["LANG3", "WGT_NS", "DocMeta", "build_meta", "lang3", "read_header", "read_meta", "set_meta_rev"]
