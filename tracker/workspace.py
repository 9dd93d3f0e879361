"""The workspace: ``wgt.toml``, ``drafts/`` and ``amendments/``, found the way git finds a repo.

Files are named from the symbol (``drafts/cajp-gt-tm-38-05/rev0.en.xml``), never
typed by the user, and every path the tool touches is checked to stay inside the
workspace, so neither ``../`` in a name nor a symlinked folder can lead it out.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import WorkspaceError
from tracker.i18n import _
from tracker.participants import OAS_MEMBER_STATES, ROLES, Participant
from tracker.storage import write_atomic

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAME = "wgt.toml"
DRAFT_NAME = re.compile(r"^rev(\d+)\.([a-z]{2})\.xml$")
KNOWN_LANGUAGES = ("en", "es", "fr", "pt")


@dataclass
class Config:
    """The body's symbol and name, its working languages and its participants."""

    body: str
    languages: list[str]
    name: str = ""
    participants: dict[str, Participant] = field(default_factory=dict)

    def participant(self, code: str) -> Participant:
        """The participant ``code`` (a member state or one named in ``wgt.toml``)."""
        key = code.strip().upper()
        if key in self.participants:
            return self.participants[key]
        if key in OAS_MEMBER_STATES:
            return Participant(key)
        named = ", ".join(sorted(self.participants)) or _("none")
        raise WorkspaceError(
            _(
                "unknown delegation {code!r}: use the ISO 3166 code of an OAS member state (MX, US, GT …) "
                "or a participant named in {config} ({named})"
            ).format(code=code, config=CONFIG_NAME, named=named)
        )

    def to_toml(self) -> str:
        lines = [
            "# wgt workspace: the body, its working languages and its participants.",
            "# Member states are known by their ISO 3166 codes and need no entry here;",
            "# list them to give their working language. Roles: " + ", ".join(ROLES) + ".",
            "",
            "[body]",
            f"symbol = {_toml_str(self.body)}",
            f"name = {_toml_str(self.name)}",
            "languages = [" + ", ".join(_toml_str(lang) for lang in self.languages) + "]",
            "",
            "[participants]",
        ]
        for p in self.participants.values():
            fields = [f"role = {_toml_str(p.role)}"]
            if p.name:
                fields.append(f"name = {_toml_str(p.name)}")
            if p.language:
                fields.append(f"language = {_toml_str(p.language)}")
            lines.append(f"{p.code} = {{ {', '.join(fields)} }}")
        return "\n".join(lines) + "\n"


def _toml_str(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def default_participants() -> dict[str, Participant]:
    """The secretariat and the chair every working group has."""
    return {
        "SEC": Participant("SEC", role="secretariat", name="Technical Secretariat"),
        "CHAIR": Participant("CHAIR", role="chair", name="Chair of the Working Group"),
    }


def parse_config(text: str, path: Path) -> Config:
    """Read ``wgt.toml``; a clear error naming the file for anything missing."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WorkspaceError(_("{path}: not valid TOML: {reason}").format(path=path, reason=exc)) from None
    body = data.get("body", {})
    if not body.get("symbol"):
        raise WorkspaceError(_('{path}: [body] needs a symbol, e.g. symbol = "CAJP/GT/TM"').format(path=path))
    languages = body.get("languages") or ["en", "es"]
    for lang in languages:
        check_language(lang, path)
    participants: dict[str, Participant] = {}
    for code, entry in data.get("participants", {}).items():
        role = entry.get("role", "delegation")
        if role not in ROLES:
            raise WorkspaceError(
                _("{path}: participant {code} has unknown role {role!r}; use one of {roles}").format(
                    path=path, code=code, role=role, roles=", ".join(ROLES)
                )
            )
        participants[code.upper()] = Participant(code.upper(), role, entry.get("name"), entry.get("language"))
    return Config(body["symbol"], list(languages), body.get("name", ""), participants)


def check_language(lang: str, where: object = "") -> str:
    if lang not in KNOWN_LANGUAGES:
        prefix = f"{where}: " if where else ""
        raise WorkspaceError(
            prefix
            + _("unknown language {lang!r}; use one of {languages}").format(
                lang=lang, languages=", ".join(KNOWN_LANGUAGES)
            )
        )
    return lang


class Workspace:
    """A workspace folder and its configuration."""

    def __init__(self, root: Path, config: Config) -> None:
        self.root = root.resolve()
        self.config = config
        self._resolved_dirs: dict[Path, Path] = {}
        self._root_prefix = os.path.join(str(self.root), "")

    # -- finding and creating -------------------------------------------------
    @classmethod
    def find(cls, explicit: str | os.PathLike[str] | None = None, start: Path | None = None) -> Workspace:
        """``explicit`` (``--workspace``), else ``$WGT_WORKSPACE``, else walk up from ``start``."""
        chosen = explicit or os.environ.get("WGT_WORKSPACE")
        if chosen:
            root = Path(chosen)
            if not (root / CONFIG_NAME).is_file():
                raise WorkspaceError(
                    _("{path}: not a wgt workspace (no {config}); run 'wgt init' there first").format(
                        path=root, config=CONFIG_NAME
                    )
                )
            return cls.open(root)
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / CONFIG_NAME).is_file():
                return cls.open(folder)
        raise WorkspaceError(
            _(
                "not inside a wgt workspace (no {config} in {path} or above); run 'wgt init' or pass --workspace DIR"
            ).format(config=CONFIG_NAME, path=here)
        )

    @classmethod
    def open(cls, root: Path) -> Workspace:
        from tracker.lock import settle

        settle(root)
        path = root / CONFIG_NAME
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise WorkspaceError(_("{path}: cannot read: {reason}").format(path=path, reason=exc)) from None
        return cls(root, parse_config(text, path))

    @classmethod
    def init(cls, root: Path, config: Config) -> Workspace:
        """Create ``wgt.toml``, ``drafts/`` and ``amendments/`` in ``root``."""
        if (root / CONFIG_NAME).exists():
            raise WorkspaceError(
                _("{path} already exists; this folder is already a workspace").format(path=root / CONFIG_NAME)
            )
        for lang in config.languages:
            check_language(lang)
        root.mkdir(parents=True, exist_ok=True)
        write_atomic(root / CONFIG_NAME, config.to_toml().encode())
        for sub in ("drafts", "amendments"):
            (root / sub).mkdir(exist_ok=True)
        return cls(root, config)

    # -- paths ------------------------------------------------------------------
    @property
    def drafts_dir(self) -> Path:
        return self.inside(self.root / "drafts")

    @property
    def amendments_dir(self) -> Path:
        return self.inside(self.root / "amendments")

    def inside(self, path: Path) -> Path:
        """``path`` resolved, refused if it (or a symlink on the way) leaves the workspace.

        Reading thousands of records from one folder resolves that folder once:
        each file then costs one ``lstat`` (is it a symlink?) instead of a full
        ``resolve`` of every component.
        """
        if path.is_absolute() and path.name not in ("", ".", ".."):
            folder = self._resolved_dirs.get(path.parent)
            if folder is None:
                folder = self._resolved_dirs[path.parent] = self._checked(path.parent.resolve(), path)
            candidate = folder / path.name
            if not candidate.is_symlink():
                return candidate  # a plain name in a folder already checked
        return self._checked(path.resolve(), path)

    def _checked(self, resolved: Path, path: Path) -> Path:
        if resolved != self.root and not str(resolved).startswith(self._root_prefix):
            raise WorkspaceError(
                _(
                    "{path}: leads outside the workspace {root} (a '../' or a symbolic link); "
                    "keep drafts/ and amendments/ as real folders inside the workspace"
                ).format(path=path, root=self.root)
            )
        return resolved

    def document_dir(self, slug: str) -> Path:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
            raise WorkspaceError(_("{slug!r} is not a document folder name").format(slug=slug))
        return self.inside(self.root / "drafts" / slug)

    def draft_path(self, slug: str, rev: int, lang: str) -> Path:
        return self.inside(self.document_dir(slug) / f"rev{rev}.{lang}.xml")

    def draft_files(self, slug: str) -> dict[int, dict[str, Path]]:
        """``{rev: {lang: path}}`` for every draft file of a document."""
        folder = self.document_dir(slug)
        found: dict[int, dict[str, Path]] = {}
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if match := DRAFT_NAME.match(path.name):
                    # A draft file symlinked elsewhere is refused like a symlinked folder.
                    found.setdefault(int(match.group(1)), {})[match.group(2)] = self.inside(path)
        return found

    def slugs(self) -> list[str]:
        folder = self.drafts_dir
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))

    @property
    def journal(self) -> Path:
        """The redo journal that makes multi-file writes atomic (see :mod:`tracker.storage`)."""
        from tracker.storage import JOURNAL_NAME

        return self.root / JOURNAL_NAME
