"""Checks shared by the readers of ``wgt.toml``'s tables (``[body]``, ``[participants]``, ``[documents]`` …)."""

from __future__ import annotations

from pathlib import Path

from tracker.errors import WorkspaceError
from tracker.i18n import _


def config_table(value: object, name: str, path: Path) -> dict:
    """``value`` if it is a TOML table, else one error naming the file and the table."""
    if not isinstance(value, dict):
        raise WorkspaceError(
            _("{path}: {table} must be a table (name = value lines), not {found}").format(
                path=path, table=name, found=type(value).__name__
            )
        )
    return value


#: The time zone a body's deadlines are kept in when ``[body] timezone`` is absent.
DEFAULT_TIMEZONE = "UTC"
#: The time zone ``wgt init`` writes: the OAS sits in Washington, D.C.
OAS_TIMEZONE = "America/New_York"
#: The term pairs a new workspace starts with: as the OAS's English and Spanish texts write them.
OAS_GLOSSARY = {
    "member states": "Estados Miembros",
    "General Assembly": "Asamblea General",
    "Permanent Council": "Consejo Permanente",
    "Inter-American Commission on Human Rights": "Comisión Interamericana de Derechos Humanos",
    "Inter-American Court of Human Rights": "Corte Interamericana de Derechos Humanos",
    "Committee on Juridical and Political Affairs": "Comisión de Asuntos Jurídicos y Políticos",
    "migrant workers": "trabajadores migratorios",
    "applicable": "aplicable",
}
#: A glossary term or pair longer than this is not a term.
MAX_TERM_CHARS = 200


def parse_timezone(value: object, path: Path) -> str:
    """``[body] timezone``: an IANA zone name (``America/New_York``), checked against the zone database."""
    import zoneinfo

    if value is None:
        return DEFAULT_TIMEZONE
    problem = _('{path}: [body] timezone must be an IANA time zone name such as "America/New_York"')
    if not isinstance(value, str) or not value.strip():
        raise WorkspaceError(problem.format(path=path))
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise WorkspaceError(
            _(
                '{path}: [body] timezone {zone!r} is not a known time zone; use an IANA name such as "America/New_York"'
            ).format(path=path, zone=value)
        ) from None
    return value


def parse_glossary(value: object, path: Path) -> dict[str, str]:
    """``[glossary]``: English term = agreed Spanish, each a non-empty string of one line."""
    if value is None:
        return {}
    table = config_table(value, "[glossary]", path)
    glossary: dict[str, str] = {}
    for term, pair in table.items():
        for text in (term, pair):
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_TERM_CHARS or "\n" in text:
                raise WorkspaceError(
                    _(
                        "{path}: [glossary] {term!r} must map an English term to its agreed Spanish, "
                        'both non-empty text of one line ("member states" = "Estados Miembros")'
                    ).format(path=path, term=term)
                )
        glossary[" ".join(term.split())] = " ".join(pair.split())
    return glossary
