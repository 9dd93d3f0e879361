"""The negotiation story of ``wgt demo``, built once per session, and readers for the documents it writes.

``story(tmp_path_factory)`` copies the repository's workspace (wgt.toml,
roster.json, drafts/, amendments/) and runs the demo's own story on it — rev. 1
and rev. 2 of CAJP/GT/TM-38/05, amendments of every status, statements, marks —
which ends by writing the five documents in English and Spanish into
``documents/``. Tests read those files, or a copy of the workspace they may change.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import zipfile
from pathlib import Path

import docx
from lxml import etree
from lxml import html as lxml_html

from tracker import i18n
from tracker.cli.demo import Narrator, _documents, _story
from tracker.sources import copy_workspace

REPO_ROOT = Path(__file__).resolve().parent.parent
SYMBOL = "CAJP/GT/TM-38/05"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_NS = {"w": W[1:-1]}
_BUILT: dict[str, Path] = {}


def story(tmp_path_factory) -> Path:
    """The story workspace, built on first use and shared by every test module (read it, never change it)."""
    if "story" not in _BUILT:
        root = copy_workspace(REPO_ROOT, tmp_path_factory.mktemp("story") / "ws")
        with contextlib.redirect_stdout(io.StringIO()):
            tell = Narrator(verbose=False)
            _story(tell, root)
            _documents(tell, root, root / "documents")
        _BUILT["story"] = root
    return _BUILT["story"]


def story_workspace(tmp_path_factory) -> Path:
    """As a fixture: ``ws = pytest.fixture(scope="module", name="ws")(story_workspace)``."""
    return story(tmp_path_factory)


def clean_language_environment(monkeypatch) -> None:
    """As an autouse fixture: the shell running pytest must not choose the UI language or the catalogs."""
    for variable in (*i18n.UI_LANGUAGE_VARIABLES, i18n.LOCALES_VARIABLE):
        monkeypatch.delenv(variable, raising=False)


def copy_of(root: Path, dest: Path) -> Path:
    """A copy of a workspace a test may change (its documents left behind)."""
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns("documents", "site", ".wgt.lock"))
    return dest


def page(source: str | Path):
    """An HTML document parsed with lxml.html (a path, or the markup itself)."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    return lxml_html.fromstring(text)


def by_class(tree, name: str, tag: str = "*") -> list:
    return tree.xpath(f'.//{tag}[contains(concat(" ", normalize-space(@class), " "), " {name} ")]')


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def texts(elements) -> list[str]:
    return [text_of(e) for e in elements]


def docx_parts(data: bytes) -> tuple[docx.document.Document, dict[str, etree._Element]]:
    """The document through python-docx, and every XML part parsed, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: etree.fromstring(z.read(name)) for name in z.namelist() if name.endswith(".xml")}
    return docx.Document(io.BytesIO(data)), parts


def paragraph_texts(document: docx.document.Document) -> list[str]:
    """Every paragraph python-docx sees, the body's and the tables' cells'."""
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                out += [p.text for p in cell.paragraphs]
    return out


def accepted_text(paragraph: etree._Element, accept: bool = True) -> str:
    """A paragraph's text once every tracked change is accepted (or rejected), as Word would leave it."""
    out = []
    for node in paragraph.iter(f"{W}t", f"{W}delText"):
        inside = {a.tag for a in node.iterancestors(f"{W}ins", f"{W}del")}
        if f"{W}del" in inside if accept else f"{W}ins" in inside:
            continue
        out.append(node.text or "")
    return "".join(out)
