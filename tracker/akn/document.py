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
    """One revision of one document in one language.

    :meth:`unit` looks units up in an index made by the last :meth:`units` call
    (or on first use), so finding thousands of units costs one pass over the
    tree, not one each. After editing the tree's structure, call :meth:`units`
    (or wrap the tree in a new ``Draft``) before looking units up again.
    """

    def __init__(self, root: etree._Element, name: str = "<draft>") -> None:
        self.root = root
        self.name = name
        self.meta: DocMeta = read_meta(root, name)
        self._units: list[Unit] | None = None
        self._index: dict[str, Unit] | None = None  # made on the first lookup after a listing

    @classmethod
    def load(cls, path: Path) -> Draft:
        return cls(parse_file(path).getroot(), str(path))

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "<draft>") -> Draft:
        return cls(parse_bytes(data, name).getroot(), name)

    def units(self) -> list[Unit]:
        self._units = list(iter_units(self.root))
        self._index = None  # a command that only prints the units never pays for it
        return list(self._units)

    def listed(self) -> list[Unit]:
        """The units as last listed (listing them now if never): for readers that leave the tree as it is.

        A command that reads one revision in several places (a redline, its citations) lists it once.
        """
        return list(self._listed())

    def labels(self) -> dict[str, str]:
        """``{wId: label}`` of every unit (from the index when it is already made)."""
        return {u.wid: u.label for u in self._listed()}

    def find(self, ref: str) -> Unit | None:
        """The unit named by its stable id or by its label (case-insensitive), or None."""
        index = self._lookup()
        wanted = ref.strip()
        return index.get(wanted) or index.get(_label_key(wanted))

    def _lookup(self) -> dict[str, Unit]:
        """``{wId or lower-case label: unit}`` of the units as last listed (listing them now if never)."""
        units = self._listed()
        if self._index is None:
            # labels first, so a wId that looks like a label still wins
            # Labels are made of letters, digits and dots (tracker.akn.units): lower case is their key.
            self._index = {u.label.lower(): u for u in reversed(units)}
            self._index.update({u.wid: u for u in units})
        return self._index

    def _listed(self) -> list[Unit]:
        """The units as last listed (listing them now if never)."""
        if self._units is None:
            self.units()
        return self._units

    def unit(self, ref: str) -> Unit:
        """The unit named by its stable id or by its label (case-insensitive)."""
        found = self.find(ref)
        if found is not None:
            return found
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
