"""Which records of a document concern which unit, and their status, without reading them all.

Accepting one proposal must check it against the accepted proposals on the
*same unit*; reading and verifying the 11,000 records of a large document to
find the three that qualify made ``wgt amend accept`` cost seconds under the
workspace lock. The signed log names every record and the hash of its latest
bytes; what a record's bytes say of its unit, kind and status is remembered per
hash (:mod:`tracker.trust.remembered`), so a record is read once per version
for the index, and a command reads (and fully checks) only the records it uses.

A record whose hash this machine has not seen is read and checked through the
store, like any other read; nothing the index says is used without the log
vouching for the bytes it was computed from.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.amendments.record import Amendment
from tracker.amendments.store import AmendmentStore
from tracker.trust.remembered import RememberedValues, digest_key


@dataclass(frozen=True)
class Entry:
    """What the index knows of one record file: the log's name for it and what its bytes say."""

    name: str
    unit: str | None
    kind: str
    status: str

    @property
    def id(self) -> str:
        """The record's id, as its file is named (``amendments/<slug>/MX-3.json`` → ``MX-3``)."""
        return self.name.rpartition("/")[2].removesuffix(".json")


class RecordIndex:
    """Every record of a document as the log names it, with its unit, kind and status."""

    def __init__(self, store: AmendmentStore) -> None:
        self._store = store
        self._values = RememberedValues("record-index-1")

    def entries(self, slug: str) -> list[Entry]:
        """One entry per record of ``slug`` the log knows; records not seen before are read and checked."""
        state = self._store.state
        found: list[Entry] = []
        unseen: list[tuple[str, str]] = []
        for name in state.record_paths(slug):
            key = digest_key(name, state.history.latest_hash.get(name) or "")
            value = self._values.get(key)
            if isinstance(value, list) and len(value) == 3:
                found.append(Entry(name, *value))
            else:
                unseen.append((name, key))
        for (name, key), record in zip(unseen, self._store.load_names([n for n, _k in unseen]), strict=True):
            entry = _entry(name, record)
            self._values.put(key, [entry.unit, entry.kind, entry.status])
            found.append(entry)
        self._values.save()
        return found

    def records(self, entries: list[Entry]) -> list[Amendment]:
        """The records of ``entries``, read and fully checked."""
        return self._store.load_names([entry.name for entry in entries])


def _entry(name: str, record: Amendment) -> Entry:
    return Entry(name, record.unit, record.kind, record.status)
