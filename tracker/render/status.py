"""Negotiation status of the units of a working draft, as recorded in its metadata.

A draft still under negotiation records, in ``<proprietary>``, one element per
unit whose status the chair has declared::

    <wgt:unitStatus wId="op-90f968" status="agreed"/>

``agreed``, ``ad-ref`` (agreed *ad referendum*, pending confirmation from
capital) or ``open`` (still under negotiation: shown in square brackets). A
draft that records none is an agreed text and is rendered without any marks.
"""

from __future__ import annotations

from lxml import etree

from tracker.akn.namespace import NS
from tracker.errors import WgtError
from tracker.i18n import _

AGREED = "agreed"
AD_REFERENDUM = "ad-ref"
OPEN = "open"
STATUSES = (AGREED, AD_REFERENDUM, OPEN)


def read_statuses(root: etree._Element, name: str = "<draft>") -> dict[str, str]:
    """``{wId: status}`` for every unit whose status the draft records (empty for an agreed text)."""
    found: dict[str, str] = {}
    for record in root.iterfind("./*/a:meta/a:proprietary/w:unitStatus", NS):
        wid, status = record.get("wId"), record.get("status")
        if not wid or status not in STATUSES:
            raise WgtError(
                _(
                    "{name}: damaged negotiation status (wId={wid!r}, status={status!r}); "
                    "each wgt:unitStatus needs a wId and a status among {statuses}"
                ).format(name=name, wid=wid, status=status, statuses=", ".join(STATUSES))
            )
        found[wid] = status
    return found


def effective_status(wid: str, parents: dict[str, str | None], recorded: dict[str, str]) -> str | None:
    """The status of a unit: its own, else its nearest recorded ancestor's (a sub-paragraph of an open paragraph is open)."""
    current: str | None = wid
    while current is not None:
        if current in recorded:
            return recorded[current]
        current = parents.get(current)
    return None
