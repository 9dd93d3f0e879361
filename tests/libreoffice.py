"""LibreOffice headless for the tests: converting a file, and editing one with a Basic macro.

``soffice`` runs with a user profile of the test's own (never the user's), made by
a first conversion; the macro is written into that profile's ``Standard``
library, and the profile's user name is set so that LibreOffice signs its tracked
changes with it. Tests that need LibreOffice call :func:`soffice` first, which
skips them, saying why, when it is not installed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

#: LibreOffice's first start in a new profile takes a few seconds; a conversion, one or two.
TIMEOUT = 180


def soffice() -> str:
    """The ``soffice`` program, or the test is skipped with the reason."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    return found


def _run(profile: Path, *args: str) -> None:
    """Run soffice in a session of its own, so that a hang (a macro's error dialog) kills all of it."""
    command = [soffice(), f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore", *args]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        output, _ = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise AssertionError(f"soffice did not finish in {TIMEOUT} s: {' '.join(args)}") from None
    assert process.returncode == 0, f"soffice failed ({process.returncode}): {output}"


def convert(profile: Path, source: Path, folder: Path) -> Path:
    """``source`` opened and saved again as DOCX by LibreOffice, into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    _run(profile, "--convert-to", "docx", "--outdir", str(folder), str(source))
    out = folder / (source.stem + ".docx")
    assert out.is_file(), f"soffice wrote no {out}"
    return out


_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
{code}
</script:module>
"""

_USER_NAME = """<item oor:path="/org.openoffice.UserProfile/Data"><prop oor:name="givenname" oor:op="fuse">\
<value>{name}</value></prop></item>
"""


def run_macro(profile: Path, basic: str, author: str | None = None) -> None:
    """Run the Basic ``Sub Main`` of ``basic`` in LibreOffice headless, as the user ``author``."""
    if not (profile / "user" / "basic" / "Standard").is_dir():  # a first start makes the profile
        scratch = profile.parent / "first-start"
        scratch.mkdir(exist_ok=True)
        (scratch / "empty.txt").write_text("\n", encoding="utf-8")
        convert(profile, scratch / "empty.txt", scratch)
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(
        _MODULE.format(code=escape(basic)), encoding="utf-8"
    )
    if author is not None:
        settings = profile / "user" / "registrymodifications.xcu"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(
            text.replace("</oor:items>", _USER_NAME.format(name=escape(author)) + "</oor:items>"), encoding="utf-8"
        )
    _run(profile, "macro:///Standard.Module1.Main")


def macro(*lines: str) -> str:
    """A Basic module whose ``Sub Main`` runs ``lines`` (with :data:`BASIC_HELPERS`); an error ends LibreOffice
    at once, rather than waiting, headless, on its error dialog."""
    body = "\n".join(f"  {line}" for line in lines)
    return f"{BASIC_HELPERS}\nSub Main\n  On Error GoTo Failed\n{body}\n  Exit Sub\nFailed:\n  StarDesktop.terminate()\nEnd Sub\n"


def basic_string(text: str) -> str:
    """``text`` as a Basic string literal."""
    return '"' + text.replace('"', '""') + '"'


#: Helpers the edit macros use: open hidden, find words, save as Word 2007–365 (.docx).
BASIC_HELPERS = """
Function Opened(path As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  Opened = StarDesktop.loadComponentFromURL(ConvertToURL(path), "_blank", 0, args())
End Function

Function Found(doc, words As String)
  sd = doc.createSearchDescriptor()
  sd.SearchString = words
  sd.SearchCaseSensitive = True
  Found = doc.findFirst(sd)
End Function

Sub Replace(doc, old As String, replacement As String)
  rd = doc.createReplaceDescriptor()
  rd.SearchString = old
  rd.ReplaceString = replacement
  rd.SearchCaseSensitive = True
  doc.replaceAll(rd)
End Sub

Sub Comment(doc, words As String, text As String)
  hit = Found(doc, words)
  note = doc.createInstance("com.sun.star.text.textfield.Annotation")
  note.Content = text
  hit.Text.insertTextContent(hit, note, True)
End Sub

Sub NewParagraphAfter(doc, words As String, text As String)
  hit = Found(doc, words)
  cursor = hit.Text.createTextCursorByRange(hit.End)
  cursor.gotoEndOfParagraph(False)
  hit.Text.insertControlCharacter(cursor, com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK, False)
  hit.Text.insertString(cursor, text, False)
End Sub

Sub DeleteParagraph(doc, words As String)
  hit = Found(doc, words)
  cursor = hit.Text.createTextCursorByRange(hit.Start)
  cursor.gotoStartOfParagraph(False)
  cursor.gotoNextParagraph(True)
  cursor.setString("")
End Sub

Sub SaveDocx(doc, path As String)
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = "FilterName"
  out(0).Value = "MS Word 2007 XML"
  doc.storeToURL(ConvertToURL(path), out())
  doc.close(True)
End Sub
"""
