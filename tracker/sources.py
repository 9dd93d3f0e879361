"""The bundled workspace and the real texts it is made from.

``sources/sources.toml`` lists each seed text with what the text does not say
(symbol, type, date, title). The bundled ``drafts/`` are exactly what importing
those texts gives; a test keeps the two from drifting apart.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tracker.errors import WorkspaceError
from tracker.i18n import _

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class SourceText:
    """One language version of one seed document."""

    symbol: str
    doc_type: str
    date: str
    lang: str
    path: Path
    title: str | None

    def import_args(self) -> list[str]:
        """The ``wgt import`` arguments that import this text."""
        args = ["import", str(self.path), "--symbol", self.symbol, "--lang", self.lang, "--type", self.doc_type]
        args += ["--date", self.date]
        if self.title:
            args += ["--title", self.title]
        return args


#: What a workspace consists of; copying the bundled one copies exactly these.
WORKSPACE_PARTS = ("wgt.toml", "roster.json", "log", "log.jsonl", "drafts", "amendments")


def copy_workspace(source: Path, target: Path) -> Path:
    """Copy the workspace at ``source`` (only its own files) to ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in WORKSPACE_PARTS:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, dirs_exist_ok=True)
        elif path.is_file():
            shutil.copy2(path, target / name)
    return target


def bundled_root() -> Path:
    """The bundled workspace: inside the installed package, or the source checkout."""
    packaged = resources.files("tracker") / "bundled"
    if packaged.is_dir() and (packaged / "wgt.toml").is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "wgt.toml").is_file():
        return checkout
    raise WorkspaceError(_("the bundled workspace is missing from this installation; reinstall wgt"))


def source_texts(sources_dir: Path) -> list[SourceText]:
    """Every seed text, original language first, in the order ``sources.toml`` lists them."""
    manifest = sources_dir / "sources.toml"
    data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    out = []
    for doc in data["document"]:
        original = doc.get("original", "en")
        langs = sorted(doc["files"], key=lambda lang: (lang != original, lang))
        for lang in langs:
            out.append(
                SourceText(
                    symbol=doc["symbol"],
                    doc_type=doc["type"],
                    date=doc["date"],
                    lang=lang,
                    path=sources_dir / doc["files"][lang],
                    title=doc.get("title", {}).get(lang),
                )
            )
    return out


def position_commands(sources_dir: Path) -> list[list[str]]:
    """The ``wgt`` commands that enter the seeds' positions (``sources/positions.toml``).

    Proposal and statement ids are not known in advance, so a translation step
    refers to the id the previous step printed as ``{id}``.
    """
    data = tomllib.loads((sources_dir / "positions.toml").read_text(encoding="utf-8"))
    steps: list[list[str]] = []
    for entry in data.get("statement", []):
        original = entry["original"]
        base = ["amend", "statement", entry["symbol"], "--by", entry["by"], "--lang", original]
        steps.append(
            base + (["--unit", entry["unit"]] if "unit" in entry else []) + ["--text", entry["texts"][original]]
        )
        for lang, text in entry["texts"].items():
            if lang != original:
                steps.append(["amend", "translate", "{id}", "--lang", lang, "--text", text])
    for entry in data.get("proposal", []):
        original = entry["original"]
        insert = entry["insert"]
        steps.append(
            [
                "amend",
                "propose",
                entry["symbol"],
                "--by",
                entry["by"],
                "--unit",
                entry["unit"],
                "--lang",
                original,
                "--insert",
                insert[original]["text"],
                "--after",
                insert[original]["after"],
                "--justification",
                entry["justification"],
            ]
        )
        for lang, spec in insert.items():
            if lang != original:
                steps.append(
                    ["amend", "translate", "{id}", "--lang", lang, "--insert", spec["text"], "--after", spec["after"]]
                )
    return steps
