"""The workspace: ``wgt.toml``, ``drafts/`` and ``amendments/``, found the way git finds a repo.

Files are named from the symbol (``drafts/cajp-gt-tm-38-05/rev0.en.xml``), never
typed by the user, and every path the tool touches is checked to stay inside the
workspace, so neither ``../`` in a name nor a symlinked folder can lead it out.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tracker.config_values import DEFAULT_TIMEZONE, config_table, parse_glossary, parse_timezone
from tracker.errors import WorkspaceError
from tracker.i18n import _
from tracker.issuing import IssuingSettings, parse_issuing
from tracker.paper import DEFAULT_PAPER, parse_pdf_table, pdf_table
from tracker.participants import OAS_MEMBER_STATES, ROLES, Participant
from tracker.storage import JOURNAL_NAME, is_real_folder, read_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAME = "wgt.toml"
DRAFT_NAME = re.compile(r"^rev(\d+)\.([a-z]{2})\.xml\Z")
KNOWN_LANGUAGES = ("en", "es", "fr", "pt")


@dataclass
class Config:
    """The body's symbol and name, its working languages, its participants and how it issues documents."""

    body: str
    languages: list[str]
    name: str = ""
    participants: dict[str, Participant] = field(default_factory=dict)
    #: ``[documents]``: symbols, header lines, place and chair of the documents written about a draft.
    documents: IssuingSettings = field(default_factory=IssuingSettings)
    #: ``[pdf] paper``: the paper PDFs are laid out on (:mod:`tracker.paper`).
    paper: str = DEFAULT_PAPER
    #: ``[body] timezone``: the IANA zone the body keeps its deadlines in.
    timezone: str = DEFAULT_TIMEZONE
    #: ``[glossary]``: English term → the Spanish agreed for it, which ``wgt check`` looks for.
    glossary: dict[str, str] = field(default_factory=dict)

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
            *([f"timezone = {_toml_str(self.timezone)}"] if self.timezone != DEFAULT_TIMEZONE else []),
            "",
            *self.documents.to_toml(_toml_str),
            *pdf_table(self.paper, _toml_str),
            *_glossary_table(self.glossary),
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


def _glossary_table(glossary: dict[str, str]) -> list[str]:
    if not glossary:
        return []
    return [
        "# Agreed term pairs: 'wgt check' flags a unit whose English has the term and whose Spanish lacks its pair.",
        "[glossary]",
        *(f"{_toml_str(term)} = {_toml_str(pair)}" for term, pair in glossary.items()),
        "",
    ]


def _toml_str(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def default_participants() -> dict[str, Participant]:
    """The secretariat and the chair every working group has."""
    return {
        "SEC": Participant("SEC", role="secretariat", name="Technical Secretariat"),
        "CHAIR": Participant("CHAIR", role="chair", name="Chair of the Working Group"),
    }


#: What a participant code looks like: MX, US, SEC, CHAIR, VICECHAIR (matched case-insensitively).
PARTICIPANT_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}\Z")
#: What wgt.toml may weigh (a body, its languages and a few dozen participants).
MAX_CONFIG_BYTES = 256 * 1024


def participant_code(code: object, where: object = "") -> str:
    """``code`` upper-cased, or a clear error when it cannot be a participant's code (``../x``, ``3``)."""
    text = code.strip().upper() if isinstance(code, str) else ""
    if not PARTICIPANT_CODE.match(text):
        prefix = f"{where}: " if where else ""
        raise WorkspaceError(
            prefix
            + _(
                "{code!r} is not a participant code; codes are 2 to 10 letters or digits, "
                "starting with a letter (MX, US, SEC, CHAIR)"
            ).format(code=code)
        )
    return text


def parse_config(text: str, path: Path) -> Config:
    """Read ``wgt.toml``; one clear error naming the file for anything missing, mistyped or repeated."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WorkspaceError(_("{path}: not valid TOML: {reason}").format(path=path, reason=exc)) from None
    except RecursionError:
        raise WorkspaceError(_("{path}: not valid TOML: nested too deeply").format(path=path)) from None
    body = config_table(data.get("body", {}), "[body]", path)
    symbol = body.get("symbol")
    if not isinstance(symbol, str) or not symbol.strip():
        raise WorkspaceError(_('{path}: [body] needs a symbol, e.g. symbol = "CAJP/GT/TM"').format(path=path))
    name = body.get("name", "")
    languages = body.get("languages", ["en", "es"])
    if not isinstance(name, str):
        raise WorkspaceError(_("{path}: [body] name must be a string").format(path=path))
    if not isinstance(languages, list) or not languages or not all(isinstance(lang, str) for lang in languages):
        raise WorkspaceError(_('{path}: [body] languages must be a list such as ["en", "es"]').format(path=path))
    for lang in languages:
        check_language(lang, path)
    if len(set(languages)) != len(languages):
        raise WorkspaceError(_("{path}: [body] languages names a language twice").format(path=path))
    participants: dict[str, Participant] = {}
    spelled: dict[str, str] = {}
    for raw_code, entry in config_table(data.get("participants", {}), "[participants]", path).items():
        code = participant_code(raw_code, path)
        if code in participants:
            raise WorkspaceError(
                _("{path}: participant {code} is listed twice (as {first!r} and {second!r}); codes ignore case").format(
                    path=path, code=code, first=spelled[code], second=raw_code
                )
            )
        entry = config_table(entry, f"[participants] {raw_code}", path)
        role = entry.get("role")
        if role is not None and role not in ROLES:
            raise WorkspaceError(
                _("{path}: participant {code} has unknown role {role!r}; use one of {roles}").format(
                    path=path, code=code, role=role, roles=", ".join(ROLES)
                )
            )
        for field_name in ("name", "language"):
            if entry.get(field_name) is not None and not isinstance(entry[field_name], str):
                raise WorkspaceError(
                    _("{path}: participant {code}: {field} must be a string").format(
                        path=path, code=code, field=field_name
                    )
                )
        spelled[code] = raw_code
        # No role in wgt.toml means "as the signed roster says"; a role given there must agree with it.
        participants[code] = Participant(code, role or "", entry.get("name"), entry.get("language"))
    documents = parse_issuing(data.get("documents"), path, list(languages))
    paper = parse_pdf_table(data.get("pdf"), path)
    timezone = parse_timezone(body.get("timezone"), path)
    glossary = parse_glossary(data.get("glossary"), path)
    return Config(symbol, list(languages), name, participants, documents, paper, timezone, glossary)


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
        self._real_folders: set[Path] = {self.root}
        self._root_prefix = os.path.join(str(self.root), "")
        #: What the layers above read once per workspace object (the replayed log, say), by name.
        self.cache: dict[str, object] = {}

    # -- finding and creating -------------------------------------------------
    @classmethod
    def find(cls, explicit: str | os.PathLike[str] | None = None, start: Path | None = None) -> Workspace:
        """``explicit`` (``--workspace``), else ``$WGT_WORKSPACE``, else walk up from ``start``."""
        chosen = explicit or os.environ.get("WGT_WORKSPACE")
        if chosen:
            root = Path(chosen)
            if not os.path.lexists(root / CONFIG_NAME):
                raise WorkspaceError(
                    _("{path}: not a wgt workspace (no {config}); run 'wgt init' there first").format(
                        path=root, config=CONFIG_NAME
                    )
                )
            return cls.open(root)
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if os.path.lexists(folder / CONFIG_NAME):
                return cls.open(folder)
        raise WorkspaceError(
            _(
                "not inside a wgt workspace (no {config} in {path} or above); run 'wgt init' or pass --workspace DIR"
            ).format(config=CONFIG_NAME, path=here)
        )

    @classmethod
    def open(cls, root: Path) -> Workspace:
        """The workspace at ``root``, its ``wgt.toml`` read (never through a link)."""
        path = root / CONFIG_NAME
        data = read_file(path, MAX_CONFIG_BYTES, WorkspaceError)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise WorkspaceError(
                _("{path}: not UTF-8 (byte {offset}); save it as UTF-8").format(path=path, offset=exc.start)
            ) from None
        return cls(root, parse_config(text, path))

    @classmethod
    def create(cls, root: Path, config: Config) -> Workspace:
        """Make ``root`` with ``drafts/`` and ``amendments/`` for a workspace of ``config``.

        The group itself is founded above this layer (:func:`tracker.trust.governance.found`),
        which writes ``wgt.toml`` together with the founding entry of the log.
        """
        if os.path.lexists(root / CONFIG_NAME):
            raise WorkspaceError(
                _("{path} already exists; this folder is already a workspace").format(path=root / CONFIG_NAME)
            )
        for lang in config.languages:
            check_language(lang)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(
                _("{path}: cannot make the folder: {reason}").format(path=root, reason=exc.strerror or exc)
            ) from None
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

    def relative(self, path: Path) -> str:
        """``path`` relative to the root, with forward slashes (how the log names files)."""
        return Path(os.path.relpath(path, self.root)).as_posix()

    def inside(self, path: Path) -> Path:
        """``path`` (absolute, or relative to the root), refused unless it stays in the workspace without a link.

        Every folder on the way from the root must be a real folder and the file
        itself must not be a link: git stores links, and a link that points back
        inside the workspace (a document folder linked to another) is as wrong as
        one that points out. Folders already checked are remembered, so reading
        thousands of records from one folder costs one ``lstat`` per record.
        """
        absolute = Path(os.path.normpath(path if path.is_absolute() else self.root / path))
        text = str(absolute)
        if absolute != self.root and not text.startswith(self._root_prefix):
            raise WorkspaceError(self._outside(path))
        folder = absolute.parent
        if folder not in self._real_folders:
            self._check_folders(folder, path)
        if os.path.islink(absolute):
            raise WorkspaceError(self._outside(path))
        return absolute

    def _check_folders(self, folder: Path, path: Path) -> None:
        chain = []
        while folder not in self._real_folders:
            chain.append(folder)
            folder = folder.parent
        for step in reversed(chain):
            try:
                mode = os.lstat(step).st_mode
            except FileNotFoundError:
                return  # not made yet: nothing on the way can be a link
            except OSError as exc:
                raise WorkspaceError(
                    _("{path}: cannot read: {reason}").format(path=step, reason=exc.strerror or exc)
                ) from None
            if not stat.S_ISDIR(mode):
                raise WorkspaceError(self._outside(path) if stat.S_ISLNK(mode) else self._not_folder(step))
            self._real_folders.add(step)

    def _outside(self, path: Path) -> str:
        return _(
            "{path}: leads outside the workspace {root} (a '../' or a symbolic link); "
            "keep drafts/ and amendments/ as real folders inside the workspace"
        ).format(path=path, root=self.root)

    def _not_folder(self, path: Path) -> str:
        return _("{path}: should be a folder but is a file; restore it from git").format(path=path)

    def document_dir(self, slug: str) -> Path:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
            raise WorkspaceError(_("{slug!r} is not a document folder name").format(slug=slug))
        return self.inside(self.root / "drafts" / slug)

    def draft_path(self, slug: str, rev: int, lang: str) -> Path:
        return self.inside(self.document_dir(slug) / f"rev{rev}.{lang}.xml")

    def draft_files_on_disk(self, slug: str) -> dict[int, dict[str, Path]]:
        """``{rev: {lang: path}}`` for every draft file of a document found in its folder."""
        folder = self.document_dir(slug)
        found: dict[int, dict[str, Path]] = {}
        if is_real_folder(folder):
            for path in sorted(folder.iterdir()):
                if match := DRAFT_NAME.match(path.name):
                    # A draft file symlinked elsewhere is refused like a symlinked folder.
                    found.setdefault(int(match.group(1)), {})[match.group(2)] = self.inside(path)
        return found

    def slugs_on_disk(self) -> list[str]:
        folder = self.drafts_dir
        if not is_real_folder(folder):
            return []
        return sorted(p.name for p in folder.iterdir() if is_real_folder(p) and not p.name.startswith("."))

    def refuse_managed_output(self, path: Path) -> None:
        """Refuse ``-o FILE`` when FILE is one of the files wgt keeps (a draft, a record, the roster, the log …)."""
        absolute = Path(os.path.abspath(path))
        try:
            relative = absolute.resolve().relative_to(self.root)
        except (ValueError, OSError):
            return  # outside the workspace: the user's own business
        parts = relative.parts
        if parts and (parts[0] in (*MANAGED_FOLDERS, LOG_FOLDER) or (len(parts) == 1 and parts[0] in MANAGED_FILES)):
            raise WorkspaceError(
                _("{path}: is a file wgt keeps in this workspace ({name}); write the document elsewhere").format(
                    path=path, name=relative.as_posix()
                )
            )

    @property
    def journal(self) -> Path:
        """The redo journal that makes multi-file writes atomic (see :mod:`tracker.storage`)."""
        return self.root / JOURNAL_NAME


#: Folders and top-level files wgt manages: ``-o`` never writes over them.
MANAGED_FOLDERS = ("drafts", "amendments", "key-requests")
#: The folder of the log's sealed segments (:mod:`tracker.trust.logfiles`): managed, but read only by the log's reader.
LOG_FOLDER = "log"
MANAGED_FILES = (CONFIG_NAME, "roster.json", "log.jsonl", ".wgt.lock", ".wgt-journal.json", ".gitignore")
