"""``scripts/page-images``: every page of the PDF and DOCX documents wgt writes as a PNG anyone can look at.

Needs poppler's ``pdftoppm`` (and LibreOffice for DOCX), which ``.ci/run`` installs;
without them (another machine) the script's tests are skipped, not passed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tracker.akn.document import Draft
from tracker.render import render

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "page-images"
RESOLUTION = REPO / "drafts" / "cajp-gt-tm-38-05" / "rev0.es.xml"

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_one_png_per_page_of_a_pdf_in_a_folder(tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    pdf = documents / "render.es.pdf"
    pdf.write_bytes(render(Draft.load(RESOLUTION), "pdf"))
    (documents / "render.es.html").write_text("<p>not a page</p>")
    result = run("-r", "20", documents, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pages = len(PdfReader(pdf).pages)
    images = sorted(p.name for p in (tmp_path / "page-images").iterdir())
    assert len(images) == pages > 1 and all(name.startswith("render.es.pdf-") for name in images)
    assert all((tmp_path / "page-images" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for name in images)
    assert f"{pdf}: {pages} page(s)" in result.stdout


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_docx_is_laid_out_by_libreoffice(tmp_path: Path) -> None:
    docx = tmp_path / "render.es.docx"
    docx.write_bytes(render(Draft.load(RESOLUTION), "docx"))
    result = run("-r", "20", "-o", "out", docx, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    images = list((tmp_path / "out").glob("render.es.docx-*.png"))
    assert len(images) > 1


def test_what_is_not_a_document_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.html").write_text("<p>x</p>")
    result = run(tmp_path / "notes.html", cwd=tmp_path)
    assert result.returncode == 1 and "neither a PDF nor a Word (.docx) file" in result.stderr
    result = run(tmp_path / "missing.pdf", cwd=tmp_path)
    assert result.returncode == 1 and "no such file or folder" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(empty, cwd=tmp_path)
    assert result.returncode == 1 and "no .pdf or .docx file" in result.stderr
    assert not (tmp_path / "page-images").exists()
