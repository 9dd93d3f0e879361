"""Who issues the compilation, the annex and the report, under what symbol, on what date, in what language.

Each of these documents is a document of its own, not the draft it is about:

* its **symbol** is the one given (``--symbol``), else the one ``wgt.toml``
  sets for that draft or kind of document, else an addendum of the draft
  (:data:`~tracker.issuing.DEFAULT_SYMBOLS`: ``CAJP/GT/TM-38/05 add. 1`` for
  the compilation, ``add. 2`` the annex, ``add. 3`` the report); a symbol that
  names a document the workspace already holds is refused;
* its **header block** is the body's (``[documents.bodies]`` in the language
  read, else the organisation lines the draft was imported with, else the
  organisation alone), with the series, its own symbol, its own date and
  ``Original: español`` (``[documents] original``, else the body's first language);
* the **chair** who signs the report is the name given (``--chair``), else
  ``[documents] chair``, else the name ``wgt.toml`` gives the participant the
  signed roster makes chair (when it is a person's name, not the office's).
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.akn.meta import read_header
from tracker.akn.text import checked_text
from tracker.errors import WgtError
from tracker.i18n import N_, NON_STATE_PARTICIPANTS, _, header_date, language_name, translations
from tracker.issuing import MAX_LINE_CHARS
from tracker.render.layout import SERIES
from tracker.render.model import Header
from tracker.render.record import Negotiation
from tracker.symbols import parse_symbol
from tracker.trust.state import read_log
from tracker.workspace import CONFIG_NAME, Workspace

#: What each kind of document is called in a refusal.
_KINDS = {"compilation": N_("the compilation"), "annex": N_("the annex"), "report": N_("the report")}


@dataclass(frozen=True)
class Identity:
    """The symbol, ISO date, original language and header block of a document about a draft."""

    symbol: str
    date: str
    original: str
    header: Header


def document_identity(neg: Negotiation, kind: str, date: str, symbol: str | None = None) -> Identity:
    """The identity of the ``kind`` document (compilation, annex, report) about ``neg``'s draft, dated ``date``."""
    ws, lang = neg.ws, neg.lang
    settings = ws.config.documents
    own = str(parse_symbol(symbol)) if symbol else settings.symbol_for(kind, neg.symbol)
    _refuse_taken(ws, own, kind, given=bool(symbol))
    tr = translations(lang)
    original = settings.original or ws.config.languages[0]
    stored = read_header(neg.draft().root)
    left = settings.bodies.get(lang) or tuple(line.text for line in stored if line.kind == "organization")
    organization, *bodies = left or (tr.gettext("ORGANIZATION OF AMERICAN STATES"),)
    series = next((line.text for line in stored if line.kind == "series"), SERIES)
    header = Header(
        organization,
        series,
        own,
        header_date(date, lang),
        tr.gettext("Original: {language}").format(language=language_name(original, lang)),
        bodies=tuple(bodies),
    )
    return Identity(own, date, original, header)


def _refuse_taken(ws: Workspace, symbol: str, kind: str, given: bool) -> None:
    """A document about a draft never takes the symbol of a document the workspace holds (the draft's own included)."""
    if parse_symbol(symbol).slug not in ws.slugs_on_disk():
        return
    if given:
        where = _("give another with --symbol")
    else:
        where = _("set another in {config} [documents] or give one with --symbol").format(config=CONFIG_NAME)
    raise WgtError(
        _("{symbol} is already a document of this workspace; {what} needs a symbol of its own: {where}").format(
            symbol=symbol, what=_(_KINDS[kind]), where=where
        )
    )


def chair_name(ws: Workspace, given: str | None = None) -> str | None:
    """The name of the chair who signs: ``given``, else ``[documents] chair``, else the roster's chair by name.

    The roster (the signed log) says who holds the chair; ``wgt.toml`` may give that participant a
    person's name. A name that is only the office (``Chair of the Working Group``) names nobody.
    """
    if given is not None:
        return given_line(given, N_("chair's name"))
    if ws.config.documents.chair:
        return ws.config.documents.chair
    state = read_log(ws)
    offices = set(NON_STATE_PARTICIPANTS.values())
    chairs = sorted(code for code in state.members if state.role(code) == "chair")
    for code in sorted(chairs, key=lambda code: code != "CHAIR"):  # the CHAIR seat first
        listed = ws.config.participants.get(code)
        if listed is not None and listed.name and listed.name not in offices:
            return listed.name
    return None


def given_line(text: str, what: str) -> str:
    """A line given on the command line (a name, a place): checked as any text is, spaces collapsed.

    ``what`` is a msgid naming it in a refusal.
    """
    line = " ".join(checked_text(text, what, limit=MAX_LINE_CHARS, allow="").split())
    if not line:
        raise WgtError(_("the {what} is empty").format(what=_(what)))
    return line
