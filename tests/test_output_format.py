"""The format of a document written with ``-o FILE``: the extension decides, and a contradiction is refused.

``-o x.pdf --format txt`` used to write text into a ``.pdf``. Now, for every
command that writes a document (render, compare, compilation, annex, report):
without ``--format`` the extension of FILE names the format; a ``--format`` the
extension contradicts is refused naming both, and nothing is written; an
extension that names no format needs ``--format``; ``--paper`` is for PDF and
``[pdf] paper`` in ``wgt.toml`` sets its default. Run on the seeded workspace
(every bundled source imported) with rev. 1 of the resolution issued unchanged,
so that there is something to compare.
"""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tracker.amendments.consolidate import issue_revision
from tracker.workspace import Workspace

SYMBOL = "CAJP/GT/TM-38/05"
NOTE = "CAJP/GT/TM-11/04"
#: Each command that writes a document, with what it needs besides the symbol.
COMMANDS = {
    "render": ["render", SYMBOL],
    "compare": ["compare", SYMBOL, "--from", "0", "--to", "1"],
    "compilation": ["compilation", SYMBOL, "--date", "2005-03-18"],
    "annex": ["annex", SYMBOL],
    "report": ["report", SYMBOL, "--date", "2005-03-18"],
}


@pytest.fixture(scope="module")
def ws(_seeded_template: Path, tmp_path_factory) -> Path:
    """The seeded workspace with rev. 1 of the resolution issued (no proposal: the same text)."""
    root = tmp_path_factory.mktemp("issued") / "ws"
    shutil.copytree(_seeded_template, root)
    issue_revision(Workspace.open(root), SYMBOL, date="2005-03-01")
    return root


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("fmt", "name", "named"), [("md", "x.pdf", "pdf"), ("html", "x.docx", "docx")])
def test_a_format_the_extension_contradicts_is_refused(run_cli, ws, tmp_path, command, fmt, name, named):
    target = tmp_path / name
    code, out, err = run_cli("-C", ws, *COMMANDS[command], "--format", fmt, "-o", target)
    assert code == 2 and out == ""
    assert f"--format {fmt} does not match {target}, whose extension .{named} names {named}" in err
    assert not target.exists()


def test_text_into_a_pdf_is_refused(run_cli, ws, tmp_path):
    """The defect as it was reported: ``--format txt -o x.pdf`` wrote text into a .pdf."""
    target = tmp_path / "x.pdf"
    code, _, err = run_cli("-C", ws, "render", SYMBOL, "--format", "txt", "-o", target)
    assert code == 2 and "--format txt does not match" in err and "names pdf" in err
    assert not target.exists()


@pytest.mark.parametrize(
    ("command", "name", "starts"),
    [
        ("render", "x.txt", b"ORGANIZATION OF AMERICAN STATES"),
        ("render", "x.HTML", b"<!DOCTYPE html>"),
        ("render", "x.markdown", b"ORGANIZATION OF AMERICAN STATES  \n"),
        ("render", "x.docx", b"PK"),
        ("compare", "x.txt", b"ORGANIZATION OF AMERICAN STATES"),
        ("annex", "x.md", b"ORGANIZATION OF AMERICAN STATES  \n"),
        ("report", "x.htm", b"<!DOCTYPE html>"),
    ],
)
def test_the_extension_names_the_format(run_cli, ws, tmp_path, command, name, starts):
    target = tmp_path / name
    code, out, err = run_cli("-C", ws, *COMMANDS[command], "--lang", "en", "-o", target)
    assert code == 0, err
    data = target.read_bytes()
    assert data.startswith(starts), data[:80]
    assert b"\x1b[" not in data  # the redline written to a .txt file is plain text, never a terminal's colours


def test_a_pdf_from_every_command(run_cli, ws, tmp_path):
    """``-o x.pdf`` alone makes a PDF, with each document's own words in it."""
    for command, args in COMMANDS.items():
        target = tmp_path / f"{command}.pdf"
        code, out, err = run_cli("-C", ws, *args, "--lang", "es", "-o", target)
        assert code == 0, (command, err)
        assert f"(es, pdf) to {target}" in out
        reader = PdfReader(io.BytesIO(target.read_bytes()))
        assert reader.trailer["/Root"]["/Lang"] == "es"
        assert "ORGANIZACIÓN DE LOS ESTADOS" in reader.pages[0].extract_text()
        box = reader.pages[0].mediabox
        turned = (round(float(box.width)), round(float(box.height))) == (792, 612)
        assert turned == (command == "compilation")  # the compilation's columns: landscape Letter


def test_an_extension_that_names_no_format_needs_format(run_cli, ws, tmp_path):
    target = tmp_path / "x.weird"
    code, _, err = run_cli("-C", ws, "render", NOTE, "-o", target)
    assert code == 2 and not target.exists()
    assert (
        f"cannot tell the format of {target} from its extension .weird: give --format (html, docx, pdf, md, txt)" in err
    )
    code, _, err = run_cli("-C", ws, "render", NOTE, "--format", "md", "-o", target)
    assert code == 0 and target.read_text(encoding="utf-8").startswith("ORGANIZATION OF AMERICAN STATES")
    bare = tmp_path / "notes"  # no extension at all: the command's default format
    assert run_cli("-C", ws, "render", NOTE, "-o", bare)[0] == 0
    assert bare.read_text(encoding="utf-8").startswith("ORGANIZATION OF AMERICAN STATES")


def test_an_extension_the_command_does_not_write(run_cli, ws, tmp_path):
    target = tmp_path / "x.txt"
    code, _, err = run_cli("-C", ws, *COMMANDS["compilation"], "-o", target)
    assert code == 2 and not target.exists()
    assert f"{target} names txt, which this command does not write; its formats: html, docx, pdf, md" in err


def test_paper_is_for_pdf_and_wgt_toml_sets_it(run_cli, seeded_ws, tmp_path):
    ws = seeded_ws.root

    def size(*args: str) -> tuple[int, int]:
        target = tmp_path / "note.pdf"
        code, _, err = run_cli("-C", ws, "render", NOTE, *args, "-o", target)
        assert code == 0, err
        box = PdfReader(io.BytesIO(target.read_bytes())).pages[0].mediabox
        return round(float(box.width)), round(float(box.height))

    assert size() == (612, 792)  # US Letter, as the OAS template and the DOCX
    assert size("--paper", "a4") == (595, 842)
    config = ws / "wgt.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[pdf]\npaper = "a4"\n', encoding="utf-8")
    assert size() == (595, 842)
    assert size("--paper", "letter") == (612, 792)
    code, _, err = run_cli("-C", ws, "render", NOTE, "--paper", "a4", "-o", tmp_path / "x.html")
    assert code == 2 and "--paper sets the paper of a PDF; html has none" in err
    assert not (tmp_path / "x.html").exists()
    config.write_text(config.read_text(encoding="utf-8").replace('"a4"', '"legal"'), encoding="utf-8")
    code, _, err = run_cli("-C", ws, "render", NOTE, "-o", tmp_path / "y.pdf")
    assert code == 1 and f"{config}: [pdf] paper must be one of letter, a4, not 'legal'" in err


def test_pdf_needs_a_file_and_an_unwritable_file_is_one_line(run_cli, ws, tmp_path):
    code, out, err = run_cli("-C", ws, "render", NOTE, "--format", "pdf")
    assert code == 2 and out == "" and "PDF is a binary format: name the file to write with -o FILE." in err
    (tmp_path / "a-file").write_text("not a folder")
    target = tmp_path / "a-file" / "x.pdf"
    code, _, err = run_cli("-C", ws, "render", NOTE, "-o", target)
    assert code == 1 and str(target) in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_without_weasyprint_the_command_says_what_to_install(run_cli, ws, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    target = tmp_path / "x.pdf"
    code, _, err = run_cli("-C", ws, "render", NOTE, "-o", target)
    assert code == 1 and not target.exists()
    assert "PDF needs WeasyPrint" in err and "pip install weasyprint" in err and "Traceback" not in err
