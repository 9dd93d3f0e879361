"""Our own rules for a draft, beyond what the AKN schema can say.

* every unit has a ``wId`` unique in the file and an ``eId`` unique in the file;
* each ``eId`` is the one the structure gives (it follows renumbering);
* every unit holds text (an empty unit is a broken amendment or import);
* all text is Unicode NFC;
* the metadata names a known language and the file name agrees with it.
"""

from __future__ import annotations

import copy
import unicodedata
from collections import Counter

from lxml import etree

from tracker.akn.eids import assign_eids
from tracker.akn.units import iter_units
from tracker.i18n import _


def rule_errors(root: etree._Element) -> list[str]:
    """Every violation of our rules in ``root`` (empty when it keeps them all)."""
    errors: list[str] = []
    units = list(iter_units(root))
    for wid, count in Counter(u.wid for u in units).items():
        if count > 1:
            errors.append(
                _("wId {wid!r} is used by {count} units; a stable id must be unique").format(wid=wid, count=count)
            )
    eids = Counter(el.get("eId") for el in root.iter() if isinstance(el.tag, str) and el.get("eId"))
    errors += [_("eId {eid!r} is used {count} times").format(eid=eid, count=n) for eid, n in eids.items() if n > 1]
    for unit in units:
        if not unit.text.strip():
            errors.append(_("unit {label} ({wid}) has no text").format(label=unit.label, wid=unit.wid))
    expected = copy.deepcopy(root)
    assign_eids(expected)
    for have, want in zip(root.iter(), expected.iter()):
        if isinstance(have.tag, str) and have.get("wId") and have.get("eId") != want.get("eId"):
            errors.append(
                _("unit {wid} has eId {eid!r} but its number gives {expected!r}").format(
                    wid=have.get("wId"), eid=have.get("eId"), expected=want.get("eId")
                )
            )
    for element in root.iter():
        for text in (element.text, element.tail):
            if text and not unicodedata.is_normalized("NFC", text):
                errors.append(_("text {text!r} is not Unicode NFC").format(text=text.strip()[:40]))
                break
    return errors
