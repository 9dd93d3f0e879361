"""A draft file in memory: its tree, its metadata and its units."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from tracker.akn.meta import DocMeta, read_meta
from tracker.akn.parsing import parse_bytes, parse_file, serialize
from tracker.akn.units import Unit, iter_units
from tracker.errors import WgtError
from tracker.i18n import N_, _

_LABEL_FORMS = N_("title, pp5, op3, op7.a, II.B.2, app1.IV or the stable id (e.g. op-4b118c)")


class UnknownUnit(WgtError):
    """A unit reference that names nothing in the draft."""


class Draft:
    """One revision of one document in one language."""

    def __init__(self, root: etree._Element, name: str = "<draft>") -> None:
        self.root = root
        self.name = name
        self.meta: DocMeta = read_meta(root, name)

    @classmethod
    def load(cls, path: Path) -> Draft:
        return cls(parse_file(path).getroot(), str(path))

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "<draft>") -> Draft:
        return cls(parse_bytes(data, name).getroot(), name)

    def units(self) -> list[Unit]:
        return list(iter_units(self.root))

    def unit(self, ref: str) -> Unit:
        """The unit named by its stable id or by its label (case-insensitive)."""
        wanted = ref.strip()
        units = self.units()
        for unit in units:
            if unit.wid == wanted:
                return unit
        key = _label_key(wanted)
        for unit in units:
            if _label_key(unit.label) == key:
                return unit
        raise UnknownUnit(
            _(
                "{symbol} ({language}, rev. {rev}) has no paragraph {ref!r}; "
                "name one as {forms} ('wgt show {symbol} --ids' lists them)"
            ).format(
                symbol=self.meta.symbol, language=self.meta.lang, rev=self.meta.rev, ref=ref, forms=_(_LABEL_FORMS)
            )
        )

    def to_bytes(self) -> bytes:
        return serialize(self.root)


def _label_key(label: str) -> str:
    """``OP 7 (a)`` and ``op7.a`` name the same unit."""
    key = label.lower().replace("(", ".").replace(")", "")
    key = re.sub(r"\s+", "", key)
    return re.sub(r"\.+", ".", key).strip(".")
