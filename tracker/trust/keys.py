"""Private keys: one Ed25519 key per participant, kept outside any workspace.

Keys live in ``$WGT_KEYS_DIR`` or, by default, ``~/.config/wgt/keys`` as
``<CODE>.pem`` (PKCS#8, readable by the owner only). ``CODE`` is always a
participant code (``MX``, ``SEC``): a name such as ``../x`` never reaches the
file system.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from tracker.errors import WgtError
from tracker.i18n import _
from tracker.storage import StorageError, read_input, write_output
from tracker.workspace import participant_code

#: A PEM private key is a few hundred bytes.
MAX_KEY_BYTES = 64 * 1024


def keys_dir() -> Path:
    """Where private keys are kept: ``$WGT_KEYS_DIR``, else ``$XDG_CONFIG_HOME/wgt/keys``, else ``~/.config/wgt/keys``."""
    explicit = os.environ.get("WGT_KEYS_DIR")
    if explicit:
        folder = Path(explicit)
        if os.path.exists(folder) and not folder.is_dir():
            raise WgtError(
                _("WGT_KEYS_DIR={path} is not a folder; point it at the folder that holds your keys").format(
                    path=explicit
                )
            )
        return folder
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "wgt" / "keys"


def key_path(code: str) -> Path:
    """Where the private key of participant ``code`` is kept."""
    return keys_dir() / f"{participant_code(code)}.pem"


def create_key(code: str, workspace_root: Path | None, force: bool = False) -> Path:
    """Make a new private key for ``code``; never inside a workspace."""
    code = participant_code(code)
    folder = keys_dir().resolve()
    if workspace_root is not None:
        root = workspace_root.resolve()
        if folder == root or root in folder.parents:
            raise WgtError(
                _("{folder} is inside the workspace {root}; private keys must never be stored in a workspace").format(
                    folder=folder, root=root
                )
            )
    path = folder / f"{code}.pem"
    if os.path.lexists(path) and not force:
        raise WgtError(
            _("{path} already exists; a participant keeps one key (pass --force to replace it)").format(path=path)
        )
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise WgtError(
            _("{path}: cannot make the keys folder: {reason}").format(path=folder, reason=exc.strerror or exc)
        ) from None
    from cryptography.hazmat.primitives import serialization  # here: 150 ms of imports, needed only to make a key

    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        write_output(path, pem)
        os.chmod(path, 0o600)
    except (StorageError, OSError) as exc:
        raise WgtError(str(exc) if isinstance(exc, StorageError) else f"{path}: {exc.strerror}") from None
    return path


def has_key(code: str) -> bool:
    """Whether this machine holds a private key for ``code``."""
    return key_path(code).is_file()


def load_private_key(code: str) -> Ed25519PrivateKey:
    """The private key of ``code``, or a clear error saying how to make one."""
    path = key_path(code)
    if not os.path.lexists(path):
        raise WgtError(
            _(
                "no private key for {code} in {folder}; run 'wgt keys register --as {code}': it makes the key "
                "and asks the secretariat to approve it (or set WGT_KEYS_DIR to the folder that holds it)"
            ).format(code=participant_code(code), folder=path.parent)
        )
    data = read_input(path, WgtError, MAX_KEY_BYTES)
    key = _plain_pkcs8(data)
    if key is not None:
        return key
    from cryptography.hazmat.primitives import serialization  # any other PEM: the full reader (150 ms to import)

    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise WgtError(_("{path}: not a usable private key ({reason})").format(path=path, reason=exc)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise WgtError(_("{path}: not an Ed25519 key").format(path=path))
    return key


#: The DER of an unencrypted PKCS #8 Ed25519 private key (RFC 8410) before its 32 raw bytes: what
#: ``wgt keys register`` writes, the same for every key.
_PKCS8_ED25519 = bytes.fromhex("302e020100300506032b657004220420")


def _plain_pkcs8(data: bytes) -> Ed25519PrivateKey | None:
    """The key of a PEM file exactly as wgt writes them, read without cryptography's PEM reader; else None.

    That reader's import costs every signing command some 150 ms; a file of any
    other shape (another PEM layout, a key of another kind, garbage) is left to it.
    """
    lines = data.strip().splitlines()
    if len(lines) < 3 or lines[0] != b"-----BEGIN PRIVATE KEY-----" or lines[-1] != b"-----END PRIVATE KEY-----":
        return None
    try:
        der = base64.b64decode(b"".join(line.strip() for line in lines[1:-1]), validate=True)
    except ValueError:
        return None
    if len(der) != len(_PKCS8_ED25519) + 32 or not der.startswith(_PKCS8_ED25519):
        return None
    return Ed25519PrivateKey.from_private_bytes(der[len(_PKCS8_ED25519) :])


def public_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """A public key as base64 of its 32 raw bytes (what the roster stores)."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes_raw()
    return base64.b64encode(raw).decode("ascii")


def is_public_text(text: object) -> bool:
    """Whether ``text`` is a public key as the roster stores it."""
    if not isinstance(text, str):
        return False
    try:
        return len(base64.b64decode(text, validate=True)) == 32
    except ValueError:
        return False


@functools.lru_cache(maxsize=256)
def public_from_text(text: str) -> Ed25519PublicKey:
    # Cached: a workspace has a few dozen keys and thousands of signatures to check with them.
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))


def fingerprint(public: str) -> str:
    """``SHA256:…`` of a public key, as people compare them over the phone (the form ssh prints)."""
    digest = hashlib.sha256(base64.b64decode(public)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")
