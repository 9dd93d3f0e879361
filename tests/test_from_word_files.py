"""``wgt amend from-word`` on files LibreOffice wrote, and on hostile ones (issue 13).

* LibreOffice headless keeps what wgt writes into a DOCX (every unit's bookmark,
  the custom properties), and a file it edited — with Track Changes on, through
  a Basic macro, signed with the delegation's name; with it off; or a file
  edited here and saved again by it — becomes the right proposals.
* Hostile files — a zip bomb, XXE in a part, a missing part, a part that is not
  XML, 10,000 tracked changes, an OpenDocument file renamed ``.docx`` — are each
  refused with one clear line naming the file, and nothing is written.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from amend_helpers import SYMBOL, copy_bundled, ok, refused, wgt
from libreoffice import basic_string, convert, macro, run_macro, soffice
from lxml import etree
from word_edits import Editor, w

from tracker.documents import load_draft
from tracker.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_bundled(tmp_path / "ws")


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One LibreOffice user profile for the module's tests (its first start is the slow one)."""
    soffice()
    return tmp_path_factory.mktemp("libreoffice") / "profile"


def render(ws: Path, lang: str = "es") -> Path:
    out = ws.parent / f"rev0.{lang}.docx"
    ok(ws, "render", SYMBOL, "--lang", lang, "--format", "docx", "-o", out)
    return out


def unit(ws: Path, label: str, lang: str = "es"):
    return load_draft(Workspace.open(ws), SYMBOL, lang=lang).unit(label)


def proposals(out: str) -> list[list[str]]:
    return [line.split()[:3] for line in out.splitlines() if line.startswith("  MX-")]


# -- LibreOffice -------------------------------------------------------------------------------


def test_libreoffice_keeps_every_units_bookmark_and_the_properties(ws: Path, profile: Path) -> None:
    source = render(ws)
    again = convert(profile, source, ws.parent / "lo")
    with zipfile.ZipFile(again) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        custom = archive.read("docProps/custom.xml").decode("utf-8")
    names = {b.get(w("name")) for b in document.iter(w("bookmarkStart"))}
    units = load_draft(Workspace.open(ws), SYMBOL, lang="es").units()
    assert {"wgt_" + u.wid.replace("-", "_") for u in units} <= names
    for value in ("wgt.symbol", SYMBOL, "wgt.manifest", "wgt.lang"):
        assert value in custom
    message = refused(ws, "amend", "from-word", again, "--by", "MX")
    assert "holds no change to the text of CAJP/GT/TM-38/05 rev. 0 (es)" in message


def edit_macro(source: Path, target: Path, track: bool, op3: str, op4: str, op9: str) -> str:
    """Mexico's edits in LibreOffice: op3 reworded with a comment on it, a paragraph after op4, op9 deleted."""
    return macro(
        f"doc = Opened({basic_string(str(source))})",
        f"doc.RecordChanges = {'True' if track else 'False'}",
        f"Replace(doc, {basic_string(op3)}, {basic_string(op3.replace('no puede', 'en ningún caso puede'))})",
        'Comment(doc, "en ningún caso puede", "Más preciso.")',
        f'NewParagraphAfter(doc, {basic_string(op4)}, "Alentar la cooperación consular entre los Estados.")',
        f"DeleteParagraph(doc, {basic_string(op9)})",
        f"SaveDocx(doc, {basic_string(str(target))})",
    )


@pytest.mark.parametrize("track", [True, False], ids=["tracked", "untracked"])
def test_a_file_edited_in_libreoffice_becomes_the_right_proposals(ws: Path, profile: Path, track: bool) -> None:
    source, target = render(ws), ws.parent / "mx-libreoffice.docx"
    op3 = "no puede constituir una justificación"
    op4 = unit(ws, "op4").text[:40]
    op9 = unit(ws, "op9").text[:40]
    run_macro(profile, edit_macro(source, target, track, op3, op4, op9), author="Delegación de México")
    assert target.is_file(), "the macro failed"
    out = ok(ws, "amend", "from-word", target, "--by", "MX", "--dry-run")
    assert proposals(out) == [["MX-1", "op3", "modify"], ["MX-2", "after", "op4"], ["MX-3", "op9", "delete-unit"]]
    assert "[-no-]{+en ningún caso+} puede constituir" in out
    assert "justification: «Más preciso.»" in out
    assert "«Alentar la cooperación consular entre los Estados.»" in out
    if track:
        assert "revisions by: Delegación de México" in out and "warning" not in out
        assert "(untracked)" not in out
    else:
        assert all(line.endswith("(untracked)") for line in out.splitlines() if line.startswith("  MX-"))
    code, ids, err = wgt(ws, "amend", "from-word", target, "--by", "MX")
    assert code == 0, err
    assert ids == "MX-1\nMX-2\nMX-3\n"
    assert unit(ws, "op3").wid in ok(ws, "amend", "show", "MX-1")


def test_a_file_edited_here_and_saved_again_by_libreoffice_gives_the_same_proposals(ws: Path, profile: Path) -> None:
    editor = Editor(render(ws).read_bytes(), author="México")
    editor.replace(unit(ws, "op3").wid, "no puede constituir", "jamás puede constituir", comment="Más claro.")
    editor.insert_after(unit(ws, "op4").wid, "Un párrafo nuevo.", comment="Hace falta.")
    editor.delete(unit(ws, "op9").wid, comment="Sobra.")
    edited = ws.parent / "mx.docx"
    edited.write_bytes(editor.save())
    again = convert(profile, edited, ws.parent / "lo")
    mine = ok(ws, "amend", "from-word", edited, "--by", "MX", "--dry-run")
    theirs = ok(ws, "amend", "from-word", again, "--by", "MX", "--dry-run")
    assert theirs.splitlines()[1:] == mine.splitlines()[1:]  # the first line names the file
    assert theirs.count("justification:") == 3


# -- hostile files ------------------------------------------------------------------------------


def rezipped(data: bytes, change) -> bytes:
    """``data`` (a DOCX) with its parts changed by ``change(parts)``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in parts.items():
            archive.writestr(name, value)
    return out.getvalue()


def hostile(ws: Path, name: str, data: bytes) -> str:
    path = ws.parent / name
    path.write_bytes(data)
    message = refused(ws, "amend", "from-word", path, "--by", "MX")
    assert f"{name}: " in message
    return message


def test_a_zip_bomb_is_refused_unread(ws: Path) -> None:
    data = rezipped(render(ws).read_bytes(), lambda parts: parts.update({"word/media/bomb.bin": bytes(70 * 2**20)}))
    assert len(data) < 2**20  # 70 MB of zeros in under a megabyte
    assert "uncompressed, more than the 64 MB a Word document may be" in hostile(ws, "bomb.docx", data)


def test_xxe_in_a_part_is_refused(ws: Path) -> None:
    def plant(parts: dict[str, bytes]) -> None:
        xml = parts["word/document.xml"].decode("utf-8")
        head, _, body = xml.partition("?>")
        doctype = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        parts["word/document.xml"] = (
            head + "?>" + doctype + body.replace("LA ASAMBLEA", "&xxe; LA ASAMBLEA", 1)
        ).encode()

    message = hostile(ws, "xxe.docx", rezipped(render(ws).read_bytes(), plant))
    assert "word/document.xml: refuses a DOCTYPE or ENTITY declaration" in message


def test_a_missing_part_is_refused(ws: Path) -> None:
    data = rezipped(render(ws).read_bytes(), lambda parts: parts.pop("word/document.xml"))
    assert "a zip file without word/document.xml" in hostile(ws, "missing.docx", data)


def test_a_part_that_is_not_xml_is_refused(ws: Path) -> None:
    data = rezipped(render(ws).read_bytes(), lambda parts: parts.update({"docProps/custom.xml": b"\x00 not XML"}))
    assert "docProps/custom.xml: malformed XML" in hostile(ws, "garbage.docx", data)


def test_ten_thousand_tracked_changes_are_refused(ws: Path) -> None:
    editor = Editor(render(ws).read_bytes(), author="México")
    p = editor.paragraph(unit(ws, "op3").wid)
    for n in range(10_000):
        inserted = etree.SubElement(p, w("ins"), editor._attrs())
        etree.SubElement(etree.SubElement(inserted, w("r")), w("t")).text = f" {n}"
    message = hostile(ws, "many.docx", editor.save())
    assert "holds 10,000 tracked changes, more than the 5,000 one file of amendments may hold" in message


def test_an_opendocument_file_renamed_docx_is_refused(ws: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "content.xml", "<office:document-content xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0'/>"
        )
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    message = hostile(ws, "renamed.docx", out.getvalue())
    assert "is an OpenDocument file (.odt), not a Word document (.docx)" in message


def test_a_file_that_is_no_zip_at_all_is_refused(ws: Path) -> None:
    assert "not a zip package" in hostile(ws, "text.docx", "Llamar la atención …".encode())
