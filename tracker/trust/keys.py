"""Private keys: one Ed25519 key per participant, kept outside any workspace.

Keys live in ``$WGT_KEYS_DIR`` or, by default, ``~/.config/wgt/keys`` as
``<CODE>.pem`` (PKCS#8, readable by the owner only).
"""

from __future__ import annotations

import base64
import functools
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from tracker.errors import WgtError
from tracker.i18n import _


def keys_dir() -> Path:
    """Where private keys are kept."""
    explicit = os.environ.get("WGT_KEYS_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "wgt" / "keys"


def key_path(code: str) -> Path:
    return keys_dir() / f"{code}.pem"


def create_key(code: str, workspace_root: Path | None, force: bool = False) -> Path:
    """Make a new private key for ``code``; never inside a workspace."""
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
    if path.exists() and not force:
        raise WgtError(
            _("{path} already exists; a participant keeps one key (pass --force to replace it)").format(path=path)
        )
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return path


def load_private_key(code: str) -> Ed25519PrivateKey:
    """The private key of ``code``, or a clear error saying how to make one."""
    path = key_path(code)
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise WgtError(
            _(
                "no private key for {code} in {folder}; run 'wgt keys init --as {code}' and "
                "'wgt keys register --as {code}' (or set WGT_KEYS_DIR)"
            ).format(code=code, folder=path.parent)
        ) from None
    except ValueError as exc:
        raise WgtError(_("{path}: not a usable private key ({reason})").format(path=path, reason=exc)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise WgtError(_("{path}: not an Ed25519 key").format(path=path))
    return key


def public_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """A public key as base64 of its 32 raw bytes (what the roster stores)."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


@functools.lru_cache(maxsize=256)
def public_from_text(text: str) -> Ed25519PublicKey:
    # Cached: a workspace has a few dozen keys and thousands of signatures to check with them.
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
