"""The ``[documents]`` table of ``wgt.toml``: how the secretariat issues the documents it writes about a draft.

The compilation of proposals, the annex of statements and the chair's report
are documents of their own, not copies of the draft: each has its own symbol,
its own date and the header block of the body that issues it. ``wgt.toml``
says how, once for the group::

    [documents]
    original = "es"                      # Original: español
    place = "Washington, D.C."           # where the chair signs the report
    chair = "Eduardo Acevedo Díaz"       # who signs it (else the roster's chair, by the name wgt.toml gives)
    compilation = "{symbol} add. 1"      # {symbol}: the draft's symbol, without its rev.
    annex = "{symbol} add. 2"
    report = "{symbol} add. 3"

    [documents.bodies]                   # the lines under the organisation, top left, by language
    en = ["PERMANENT COUNCIL OF THE ORGANIZATION OF AMERICAN STATES", "COMMITTEE ON JURIDICAL AND POLITICAL AFFAIRS"]
    es = ["CONSEJO PERMANENTE DE LA ORGANIZACIÓN DE LOS ESTADOS AMERICANOS", "COMISIÓN DE ASUNTOS JURÍDICOS Y POLÍTICOS"]

    [documents."CAJP/GT/TM-38/05"]       # the symbols the secretariat gave one draft's documents
    report = "CAJP/GT/TM-42/05"

Every key is optional; :data:`DEFAULT_SYMBOLS` are the symbols used when
none is set. A value that cannot be used is refused when ``wgt.toml`` is read,
in one line naming the file and the key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tracker.config_values import config_table
from tracker.errors import WgtError, WorkspaceError
from tracker.i18n import _
from tracker.symbols import Symbol, parse_symbol

#: The documents wgt writes about a draft that carry a symbol of their own.
DOCUMENT_KINDS = ("compilation", "annex", "report")
#: Their symbols when ``wgt.toml`` sets none: addenda of the draft, numbered in this order.
DEFAULT_SYMBOLS = {"compilation": "{symbol} add. 1", "annex": "{symbol} add. 2", "report": "{symbol} add. 3"}
#: Keys of ``[documents]`` that hold one line of text.
TEXT_KEYS = ("place", "chair")
#: A header line, a place or a name: a line, not a paragraph.
MAX_LINE_CHARS = 300
#: Lines under the organisation in a header block (the OAS uses two to four).
MAX_BODY_LINES = 8


@dataclass(frozen=True)
class IssuingSettings:
    """What ``[documents]`` says; every field may be unset."""

    #: The language the documents are written in first (``Original: español``).
    original: str | None = None
    place: str | None = None
    chair: str | None = None
    #: Header lines under the organisation, by language.
    bodies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Symbol templates by document kind (only those set).
    symbols: dict[str, str] = field(default_factory=dict)
    #: Symbols set for one draft's documents: ``{draft base symbol: {kind: symbol}}``.
    per_document: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.original or self.place or self.chair or self.bodies or self.symbols or self.per_document)

    def symbol_for(self, kind: str, draft: Symbol) -> str:
        """The symbol of the ``kind`` document about ``draft``: set for that draft, else the template."""
        template = self.per_document.get(draft.base, {}).get(kind) or self.symbols.get(kind) or DEFAULT_SYMBOLS[kind]
        return str(parse_symbol(template.replace("{symbol}", draft.base)))

    def to_toml(self, quote: Callable[[str], str]) -> list[str]:
        """The ``[documents]`` tables as ``wgt.toml`` lines (none when nothing is set); ``quote`` writes a string."""
        if self.empty:
            return []
        lines = [
            "# The documents wgt writes about a draft (compilation, annex, report): original language,",
            "# place, chair, symbols ({symbol} is the draft's), header lines by language.",
            "[documents]",
        ]
        if self.original:
            lines.append(f"original = {quote(self.original)}")
        for key in TEXT_KEYS:
            if getattr(self, key):
                lines.append(f"{key} = {quote(getattr(self, key))}")
        lines += [f"{kind} = {quote(self.symbols[kind])}" for kind in DOCUMENT_KINDS if kind in self.symbols]
        if self.bodies:
            lines += ["", "[documents.bodies]"]
            for lang, body in self.bodies.items():
                lines.append(f"{lang} = [" + ", ".join(quote(line) for line in body) + "]")
        for document, symbols in self.per_document.items():
            lines += ["", f"[documents.{quote(document)}]"]
            lines += [f"{kind} = {quote(symbols[kind])}" for kind in DOCUMENT_KINDS if kind in symbols]
        return [*lines, ""]


def parse_issuing(value: object, path: Path, languages: list[str]) -> IssuingSettings:
    """``[documents]`` of ``wgt.toml`` at ``path`` (whose body works in ``languages``), checked key by key."""
    if value is None:
        return IssuingSettings()
    table = config_table(value, "[documents]", path)
    original, texts, symbols, bodies, per_document = None, {}, {}, {}, {}
    for key, item in table.items():
        where = f"[documents] {key}"
        if key == "original":
            original = _language(item, where, path, languages)
        elif key in TEXT_KEYS:
            texts[key] = _line(item, where, path)
        elif key in DOCUMENT_KINDS:
            symbols[key] = _template(item, where, path)
        elif key == "bodies":
            bodies = _bodies(item, path, languages)
        elif isinstance(item, dict):
            per_document[_document(key, path)] = _symbols_of(item, key, path)
        else:
            raise WorkspaceError(
                _(
                    "{path}: [documents] has no key {key!r}; use original, place, chair, compilation, annex, "
                    "report, a [documents.bodies] table or a table named by a draft's symbol"
                ).format(path=path, key=key)
            )
    return IssuingSettings(original, texts.get("place"), texts.get("chair"), bodies, symbols, per_document)


def _line(value: object, where: str, path: Path) -> str:
    """One line of text: a string, not empty, without control or invisible characters, of bounded length."""
    from tracker.akn.text import describe_forbidden

    if not isinstance(value, str) or not value.strip():
        raise WorkspaceError(_("{path}: {key} must be a line of text").format(path=path, key=where))
    problem = describe_forbidden(value, _("line"), allow="")
    if problem:
        raise WorkspaceError(f"{path}: {where}: {problem}")
    if len(value) > MAX_LINE_CHARS:
        raise WorkspaceError(
            _("{path}: {key} has {count:,} characters, more than the {limit:,} a line may hold").format(
                path=path, key=where, count=len(value), limit=MAX_LINE_CHARS
            )
        )
    return " ".join(value.split())


def _language(value: object, where: str, path: Path, languages: list[str]) -> str:
    if not isinstance(value, str) or value not in languages:
        found = repr(value[:20]) if isinstance(value, str) else type(value).__name__
        raise WorkspaceError(
            _("{path}: {key} must be one of the body's languages ({languages}), not {value}").format(
                path=path, key=where, languages=", ".join(languages), value=found
            )
        )
    return value


def _template(value: object, where: str, path: Path) -> str:
    """A symbol, or a template whose only placeholder is ``{symbol}`` (the draft's base symbol)."""
    text = _line(value, where, path)
    resolved = None
    if "{" not in text.replace("{symbol}", "") and "}" not in text.replace("{symbol}", ""):
        try:
            resolved = parse_symbol(text.replace("{symbol}", "CAJP/GT/TM-1/05"))
        except WgtError:
            resolved = None
    if resolved is None:
        raise WorkspaceError(
            _(
                "{path}: {key} = {value!r} is not a document symbol; write one ('CAJP/GT/TM-42/05') or a "
                "template where {{symbol}} stands for the draft's ('{{symbol}} add. 1')"
            ).format(path=path, key=where, value=text)
        )
    return text if "{symbol}" in text else str(resolved)


def _bodies(value: object, path: Path, languages: list[str]) -> dict[str, tuple[str, ...]]:
    bodies = {}
    for lang, lines in config_table(value, "[documents.bodies]", path).items():
        where = f"[documents.bodies] {lang}"
        _language(lang, where, path, languages)
        if not isinstance(lines, list) or not lines or len(lines) > MAX_BODY_LINES:
            raise WorkspaceError(
                _('{path}: {key} must be a list of 1 to {limit} lines, such as ["PERMANENT COUNCIL"]').format(
                    path=path, key=where, limit=MAX_BODY_LINES
                )
            )
        bodies[lang] = tuple(_line(line, where, path) for line in lines)
    return bodies


def _document(key: str, path: Path) -> str:
    try:
        symbol = parse_symbol(key)
    except WgtError:
        symbol = None
    if symbol is None or symbol.rev is not None or "{" in key:
        raise WorkspaceError(
            _(
                "{path}: [documents] has no key {key!r}; use original, place, chair, compilation, annex, "
                "report, a [documents.bodies] table or a table named by a draft's symbol"
            ).format(path=path, key=key)
        )
    return symbol.base


def _symbols_of(value: dict, document: str, path: Path) -> dict[str, str]:
    symbols = {}
    for kind, symbol in value.items():
        where = f'[documents."{document}"] {kind}'
        if kind not in DOCUMENT_KINDS:
            raise WorkspaceError(
                _("{path}: {key}: no such document; use {kinds}").format(
                    path=path, key=where, kinds=", ".join(DOCUMENT_KINDS)
                )
            )
        symbols[kind] = _template(symbol, where, path)
    return symbols
