"""Remembering what a command computed from verified files, for the next command on this machine.

``wgt conflicts`` over 10,000 open proposals spent most of its time computing,
for each proposal, the word-level edits collisions are judged on: the same
diffs, of the same unchanged records, on every run. A value that depends only on
bytes already verified (a record's signed text, a unit's current text) can be
remembered, as :mod:`tracker.trust.verified` remembers verified files, under the
same rules:

* one file per purpose in the user's own cache folder, authenticated as a whole
  by an HMAC under the user's private secret: a file anyone else wrote, or that
  changed by one byte, is not used at all (and is then rewritten);
* keys are SHA-256 digests of everything the value depends on, so a changed input
  is a different key, never a stale value;
* a cache that cannot be read or written costs only the computing (never an
  error), and ``WGT_VERIFY_CACHE=off`` turns it off with the other caches.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from typing import Any

from tracker.storage import StorageError, write_atomic
from tracker.trust.verified import cache_dir, derived_key

MAC = 32  # bytes of the HMAC-SHA256 that opens a file
#: Past this many entries a file keeps only what the current command used or added.
MAX_ENTRIES = 400_000
#: A remembered file larger than this is not read (it is rebuilt from what a command uses).
MAX_FILE_BYTES = 256 * 1024 * 1024


def digest_key(*parts: str | bytes) -> str:
    """The key of a value computed from ``parts``: a SHA-256 over each part, length-prefixed (no two sequences alike)."""
    outer = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        outer.update(len(data).to_bytes(8, "big") + data)
    return outer.hexdigest()


class RememberedValues:
    """JSON values under digest keys, for one ``purpose`` (a name and a version: ``"edits-1"``).

    Read lazily on the first :meth:`get`; :meth:`save` writes the file again only
    when something was added.
    """

    def __init__(self, purpose: str) -> None:
        self.enabled = os.environ.get("WGT_VERIFY_CACHE", "").lower() not in ("off", "0", "no")
        self._purpose = purpose
        self._key: bytes | None = None
        self._values: dict[str, Any] | None = None
        self._used: set[str] = set()
        self._added = False

    def get(self, key: str) -> Any | None:
        """The value remembered under ``key``, or None."""
        if not self.enabled:
            return None
        value = self._load().get(key)
        if value is not None:
            self._used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        """Remember ``value`` (JSON: lists, strings, numbers) under ``key``; :meth:`save` keeps it."""
        if not self.enabled or value is None:
            return
        self._load()[key] = value
        self._used.add(key)
        self._added = True

    def save(self) -> None:
        """Write the file if something was added (a failure only costs computing again next time)."""
        if not (self.enabled and self._added and self._values is not None and self._mac_key()):
            return
        values = self._values
        if len(values) > MAX_ENTRIES:
            values = {key: values[key] for key in self._used}
        body = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        try:
            path = self._path()
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomic(path, self._mac(body) + body)
        except (OSError, StorageError):
            self.enabled = False
        self._added = False

    # -- internals ----------------------------------------------------------------
    def _mac_key(self) -> bytes | None:
        if self._key is None:
            self._key = derived_key(b"wgt remembered " + self._purpose.encode())
            if self._key is None:
                self.enabled = False
        return self._key

    def _mac(self, body: bytes) -> bytes:
        return hmac.new(self._mac_key() or b"", body, hashlib.sha256).digest()

    def _path(self):
        return cache_dir() / "remembered" / self._purpose

    def _load(self) -> dict[str, Any]:
        if self._values is None:
            self._values = {}
            if self._mac_key() is None:
                return self._values
            try:
                path = self._path()
                if path.stat().st_size > MAX_FILE_BYTES:
                    return self._values
                data = path.read_bytes()
            except OSError:
                return self._values
            mac, body = data[:MAC], data[MAC:]
            if len(mac) == MAC and hmac.compare_digest(mac, self._mac(body)):
                try:
                    value = json.loads(body)
                except ValueError:
                    value = None
                if isinstance(value, dict):
                    self._values = value
        return self._values
