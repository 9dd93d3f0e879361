"""Remembering which exact record files have already passed every signature check.

Checking a record costs one Ed25519 verification per signature in it (the
proposal, each language version, each status change): about five per record,
some 0.15 ms each. ``wgt conflicts`` over 10,000 open proposals spent most of
its time re-verifying records that had not changed since the last command.
With this cache an unchanged record is verified once per machine, not once per
command.

It weakens nothing the signatures protect:

* an entry names the *exact bytes* of a record file (SHA-256) together with
  what its verification depended on in the signed roster: the keys and roles of
  the participants who signed something in it (``signers``), in its group. A
  key or role that changes makes the records *those* participants signed be
  verified again from scratch; a roster change that concerns others (a new
  delegation's key approved) leaves every other record's entry good;
* an entry is an HMAC under a random secret kept in the user's own cache folder
  (readable by the owner only), so entries cannot be written by anyone who
  cannot already write the user's files (and so replace the ``wgt`` program);
  a cache folder or secret that others may write or read is not used at all;
* only successes are remembered; a cache that cannot be read or written is
  simply not used (never an error), and ``WGT_VERIFY_CACHE=off`` turns it off.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

from tracker.storage import StorageError, write_atomic

ENTRY = 32  # bytes of one HMAC-SHA256 entry
#: Past this many entries a cache file keeps only what the current command used.
MAX_ENTRIES = 500_000


def cache_dir() -> Path:
    """``$WGT_CACHE_DIR``, else ``$XDG_CACHE_HOME/wgt``, else ``~/.cache/wgt``."""
    explicit = os.environ.get("WGT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wgt"


def private_folder(path: Path) -> bool:
    """Whether ``path`` is a real folder of this user that nobody else may write (made if missing).

    A cache another user can write (a world-writable folder, a secret readable by
    all) would let them vouch for records: such a cache is simply not used.
    """
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022


class VerifiedRecords:
    """Files already verified under ``context`` (the group), each with the digest of its signers' keys and roles.

    Entries live in one cache file per purpose and context: copies and clones of
    a workspace share them, and so do a workspace's successive rosters.
    """

    def __init__(self, context: bytes, purpose: str = "records") -> None:
        self.enabled = os.environ.get("WGT_VERIFY_CACHE", "").lower() not in ("off", "0", "no")
        self._context = context
        self._purpose = purpose
        self._key: bytes | None = None
        self._entries: set[bytes] | None = None
        self._used: set[bytes] = set()
        self._added = False

    def known(self, data: bytes, signers: bytes = b"") -> bool:
        """True when exactly these bytes passed every check before, their signers' keys and roles unchanged."""
        return self.known_digest(hashlib.sha256(data).digest(), signers)

    def known_digest(self, digest: bytes, signers: bytes = b"") -> bool:
        """:meth:`known` of the bytes whose SHA-256 is ``digest`` (a reader that hashed them already)."""
        if not self.enabled:
            return False
        entry = self._entry(digest, signers)
        if entry is not None and entry in self._load():
            self._used.add(entry)
            return True
        return False

    def remember(self, data: bytes, signers: bytes = b"") -> None:
        """Note that these bytes passed every check under ``signers`` (call :meth:`save` to keep it)."""
        self.remember_digest(hashlib.sha256(data).digest(), signers)

    def remember_digest(self, digest: bytes, signers: bytes = b"") -> None:
        """:meth:`remember` of the bytes whose SHA-256 is ``digest``."""
        if not self.enabled:
            return
        entry = self._entry(digest, signers)
        if entry is not None:
            self._load().add(entry)
            self._used.add(entry)
            self._added = True

    def save(self) -> None:
        """Write the entries added since loading (a failure only costs verifying again next time)."""
        if not (self.enabled and self._added and self._entries is not None):
            return
        keep = self._entries if len(self._entries) <= MAX_ENTRIES else self._used
        try:
            self._file().parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self._file(), b"".join(sorted(keep)))
        except (OSError, StorageError):
            self.enabled = False
        self._added = False

    # -- internals ----------------------------------------------------------------
    def _file(self) -> Path:
        name = hashlib.sha256(self._key or b"").hexdigest()[:24]
        return cache_dir() / "verified" / f"{self._purpose}-{name}"

    def _entry(self, digest: bytes, signers: bytes) -> bytes | None:
        key = self._secret_key()
        if key is None:
            return None
        return hmac.new(key, digest + signers, hashlib.sha256).digest()

    def _secret_key(self) -> bytes | None:
        """The HMAC key: the user's secret bound to what the verification depended on (the roster and roles)."""
        if self._key is None:
            context = hashlib.sha256(b"wgt verified " + self._purpose.encode() + b" 3\0" + self._context)
            self._key = derived_key(context.digest())
            if self._key is None:
                self.enabled = False
                return None
        return self._key

    def _load(self) -> set[bytes]:
        if self._entries is None:
            self._secret_key()  # names the file
            try:
                data = self._file().read_bytes()
            except OSError:
                data = b""
            usable = len(data) - len(data) % ENTRY  # a damaged tail is dropped, not trusted
            self._entries = {data[i : i + ENTRY] for i in range(0, usable, ENTRY)}
        return self._entries


def derived_key(label: bytes) -> bytes | None:
    """A key of its own for ``label`` (a purpose and what it depends on), from the user's secret; None without one."""
    secret = user_secret()
    return None if secret is None else hmac.new(secret, label, hashlib.sha256).digest()


def user_secret() -> bytes | None:
    """The user's random secret that authenticates what the cache remembers; None when it is not private.

    Made on first use, readable by the owner only; a cache that cannot be used is never an error.
    """
    try:
        return _user_secret()
    except OSError:
        return None


def _user_secret() -> bytes | None:
    folder = cache_dir()
    if not private_folder(folder):
        return None
    path = folder / "secret"
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        secret = secrets.token_bytes(ENTRY)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secret)
        return secret
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
            return None  # readable or writable by others: worthless as a secret
        secret = handle.read(ENTRY + 1)
    return secret if len(secret) == ENTRY else None
