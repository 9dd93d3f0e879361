"""Delegations amend in Word (issue 13): what ``wgt render`` writes, and ``wgt amend from-word`` reads back.

* Requirement 1: every unit's paragraph carries its stable id as a bookmark and the
  file its symbol, revision, language and manifest hash as custom properties; a
  lost marker is matched by position and text, and the match reported.
* Requirement 2: tracked insertions, deletions, moves, inserted and deleted
  paragraphs, comments on changes, formatting-only revisions, changes in notes,
  the authors; one proposal per changed unit; ``--dry-run`` writes nothing.
* Requirement 3: a file edited without Track Changes gives the same proposals, flagged untracked.
* Requirement 4: an older revision's file makes stale-checked proposals; a file of another
  document, language or revision is refused by name; all proposals or none.
* Requirement 6: the DOCX metadata says what the document is, and nothing of python-docx's template.

The files are edited with :mod:`word_edits` (real WordprocessingML revisions);
LibreOffice's own files are in ``test_from_word_files.py``.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from amend_helpers import SLUG, SYMBOL, copy_bundled, ok, refused, snapshot, wgt
from lxml import etree
from word_edits import Editor, w

from tracker.documents import load_draft
from tracker.workspace import Workspace

CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
CORE = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dcterms": "http://purl.org/dc/terms/",
}


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_bundled(tmp_path / "ws")


def rendered(ws: Path, lang: str = "es", rev: int | None = None, symbol: str = SYMBOL) -> bytes:
    out = ws.parent / f"render-{lang}-{rev}.docx"
    ok(
        ws,
        "render",
        symbol,
        "--lang",
        lang,
        "--format",
        "docx",
        "-o",
        out,
        *(["--rev", str(rev)] if rev is not None else []),
    )
    return out.read_bytes()


def wid(ws: Path, label: str, lang: str = "es", symbol: str = SYMBOL) -> str:
    return load_draft(Workspace.open(ws), symbol, lang=lang).unit(label).wid


def unit_text(ws: Path, label: str, lang: str = "es", rev: int | None = None) -> str:
    return load_draft(Workspace.open(ws), SYMBOL, rev, lang).unit(label).text


def saved(tmp: Path, editor: Editor, name: str = "mx.docx") -> Path:
    path = tmp / name
    path.write_bytes(editor.save())
    return path


def records(ws: Path) -> dict[str, dict]:
    folder = ws / "amendments" / SLUG
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*-*.json"))}


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


# -- requirement 1 and 6: what the DOCX says it is ----------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_unit_is_bookmarked_and_the_file_names_its_revision(ws: Path, lang: str) -> None:
    data = rendered(ws, lang)
    names = [b.get(w("name")) for b in part(data, "word/document.xml").iter(w("bookmarkStart"))]
    units = load_draft(Workspace.open(ws), SYMBOL, lang=lang).units()
    assert names == ["wgt_" + u.wid.replace("-", "_") for u in units]
    assert all(len(name) <= 40 for name in names)
    custom = {p.get("name"): p[0].text for p in part(data, "docProps/custom.xml").iter(f"{CUSTOM}property")}
    manifest = (ws / "drafts" / SLUG / "rev0.manifest.json").read_bytes()
    assert custom == {
        "wgt.symbol": SYMBOL,
        "wgt.rev": "0",
        "wgt.lang": lang,
        "wgt.manifest": "sha256:" + hashlib.sha256(manifest).hexdigest(),
    }


def test_docx_metadata_says_what_the_document_is_and_nothing_of_the_template(ws: Path) -> None:
    data = rendered(ws, "es")
    core = part(data, "docProps/core.xml")
    draft = load_draft(Workspace.open(ws), SYMBOL, lang="es")
    title = next(u.text for u in draft.units() if u.kind == "docTitle")
    assert core.findtext("dc:creator", namespaces=CORE) == "CAJP/GT/TM"
    assert core.findtext("cp:lastModifiedBy", namespaces=CORE) == "CAJP/GT/TM"
    assert core.findtext("dc:title", namespaces=CORE) == f"{SYMBOL} {title}"
    assert core.findtext("dc:subject", namespaces=CORE) == SYMBOL
    date = draft.meta.date
    assert core.findtext("dcterms:created", namespaces=CORE) == f"{date}T00:00:00Z"
    assert core.findtext("dcterms:modified", namespaces=CORE) == f"{date}T00:00:00Z"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(name) for name in names if not name.endswith(".jpeg"))
    assert not [name for name in names if "thumbnail" in name or name.startswith("customXml/")]
    assert b"python-docx" not in everything and b"2013-12-23" not in everything
    assert b"Microsoft Macintosh Word" not in everything
    assert part(data, "docProps/app.xml").findtext("{*}Application") == "wgt"


def test_other_documents_keep_no_template_leftovers_either(ws: Path) -> None:
    propose_mx(ws)
    out = ws.parent / "compilation.docx"
    ok(ws, "compilation", SYMBOL, "--lang", "es", "--format", "docx", "-o", out)
    data = out.read_bytes()
    core = part(data, "docProps/core.xml")
    assert core.findtext("dc:creator", namespaces=CORE) not in ("python-docx", "", None)
    assert b"python-docx" not in data and "2013" not in etree.tostring(core).decode()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not [name for name in archive.namelist() if "thumbnail" in name]


def test_a_title_longer_than_word_keeps_fits_its_core_properties(tmp_path: Path, empty_ws, sources_dir) -> None:
    from tracker.documents import import_document

    title = ("Programa Interamericano para la Promoción de los Derechos Humanos de los Migrantes, " * 8).strip(" ,")
    import_document(empty_ws, sources_dir / "cajp-gt-tm-38-05.es.txt", SYMBOL, "es", date="2005-03-01", title=title)
    out = tmp_path / "long.docx"
    ok(empty_ws.root, "render", SYMBOL, "--lang", "es", "--format", "docx", "-o", out)
    core = part(out.read_bytes(), "docProps/core.xml")
    for key in ("dc:title", "dc:subject", "dc:creator"):
        assert 0 < len(core.findtext(key, namespaces=CORE)) <= 255


# -- requirement 2: tracked changes become proposals --------------------------------------------


def edited_file(ws: Path, tracked: bool = True) -> Path:
    """Mexico's Spanish file: op3 reworded (with a comment), a paragraph after op4, op9 deleted, op5 made bold."""
    editor = Editor(rendered(ws), author="Delegación de México")
    editor.replace(wid(ws, "op3"), "no puede constituir", "en ningún caso puede constituir", tracked, "Más preciso.")
    editor.insert_after(wid(ws, "op4"), "Alentar la cooperación consular entre los Estados.", tracked, "Falta.")
    editor.delete(wid(ws, "op9"), tracked)
    if tracked:
        editor.reformat(wid(ws, "op5"))
    return saved(ws.parent, editor)


def test_dry_run_lists_the_proposals_and_writes_nothing(ws: Path) -> None:
    path = edited_file(ws)
    before = snapshot(ws)
    out = ok(ws, "amend", "from-word", path, "--by", "MX", "--dry-run")
    assert snapshot(ws) == before
    assert "revisions by: Delegación de México" in out
    assert "warning" not in out  # the author names Mexico
    lines = [line.split() for line in out.splitlines() if line.startswith("  MX-")]
    assert [(line[0], line[1], line[2]) for line in lines] == [
        ("MX-1", "op3", "modify"),
        ("MX-2", "after", "op4"),
        ("MX-3", "op9", "delete-unit"),
    ]
    assert "[-no-]{+en ningún caso+} puede constituir" in out
    assert "justification: «Más preciso.»" in out and "justification: «Falta.»" in out
    assert "one formatting change listed and ignored (op5)" in out


def test_tracked_changes_become_signed_proposals_against_the_files_revision(ws: Path) -> None:
    path = edited_file(ws)
    code, out, err = wgt(ws, "amend", "from-word", path, "--by", "MX")
    assert code == 0, err
    assert out == "MX-1\nMX-2\nMX-3\n"
    assert "Proposed:" in err
    made = records(ws)
    assert [made[i]["kind"] for i in ("MX-1", "MX-2", "MX-3")] == ["modify", "new-unit", "delete-unit"]
    assert {made[i]["base_rev"] for i in made} == {0} and {made[i]["original_lang"] for i in made} == {"es"}
    assert made["MX-1"]["unit"] == wid(ws, "op3") and made["MX-1"]["justification"] == "Más preciso."
    assert made["MX-2"]["new_unit"]["after"] == wid(ws, "op4")
    assert made["MX-2"]["texts"]["es"]["text"] == "Alentar la cooperación consular entre los Estados."
    assert sorted(made["MX-3"]["texts"]) == ["en", "es"]  # a deletion applies in every language
    shown = ok(ws, "amend", "show", "MX-1")
    assert "[-no-]" in shown and "{+en ningún caso+}" in shown
    assert "verified" in ok(ws, "verify")
    log = [json.loads(line) for line in (ws / "log.jsonl").read_text(encoding="utf-8").splitlines()]
    assert log[-1]["act"] == "propose" and len(log[-1]["files"]) == 3  # one action for the whole file
    assert log[-1]["subject"] == "mx.docx: MX-1, MX-2, MX-3"


def test_untracked_edits_give_the_same_proposals_flagged_untracked(ws: Path) -> None:
    tracked = ok(ws, "amend", "from-word", edited_file(ws, tracked=True), "--by", "MX", "--dry-run")
    untracked = ok(ws, "amend", "from-word", edited_file(ws, tracked=False), "--by", "MX", "--dry-run")

    def proposals(out: str) -> list[str]:
        return [line.replace(" (untracked)", "") for line in out.splitlines() if line.startswith("  MX-")]

    assert proposals(untracked) == proposals(tracked)
    assert all(line.endswith("(untracked)") for line in untracked.splitlines() if line.startswith("  MX-"))
    assert not any("(untracked)" in line for line in tracked.splitlines())
    assert "no tracked changes: compared with rev. 0 paragraph by paragraph" in untracked
    assert "justification: «Más preciso.»" in untracked  # a comment in an untracked change still justifies it


def test_moved_words_and_a_moved_paragraph(ws: Path) -> None:
    editor = Editor(rendered(ws), author="México")
    # op4: "Fomentar el diálogo y la cooperación …" → "Fomentar la cooperación y el diálogo …", moved as Word tracks it.
    p = editor.paragraph(wid(ws, "op4"))
    run = editor.text_runs(p)[0]
    start = "Fomentar el diálogo y la cooperación"
    rest = run.find(w("t")).text.removeprefix(start)
    origin, destination = etree.Element(w("moveFrom"), editor._attrs()), etree.Element(w("moveTo"), editor._attrs())
    origin.append(_run("el diálogo y ", deleted=True))
    destination.append(_run(" y el diálogo"))
    for piece in (_run("Fomentar "), origin, _run("la cooperación"), destination, _run(rest)):
        run.addprevious(piece)
    p.remove(run)
    # op9 moved before op8: a moveFrom paragraph where it stood, a moveTo paragraph (without its marker) where it went.
    op9, op8 = editor.paragraph(wid(ws, "op9")), editor.paragraph(wid(ws, "op8"))
    moved = copy.deepcopy(op9)
    for marker in moved.findall(w("bookmarkStart")) + moved.findall(w("bookmarkEnd")):
        moved.remove(marker)
    _track_all(editor, moved, w("moveTo"))
    _track_all(editor, op9, w("moveFrom"))
    op8.addprevious(moved)
    out = ok(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "MX", "--dry-run")
    lines = [line.split()[:3] for line in out.splitlines() if line.startswith("  MX-")]
    assert lines == [["MX-1", "op4", "modify"], ["MX-2", "after", "op7.c"], ["MX-3", "op9", "delete-unit"]]
    assert "Fomentar [-el diálogo y la cooperación-]{+la cooperación y el diálogo+} entre" in out
    assert "(untracked)" not in out


def _track_all(editor: Editor, p: etree._Element, tag: str) -> None:
    """Make every run of ``p`` and its mark part of one revision ``tag`` (moveFrom, moveTo)."""
    from word_edits import _mark

    _mark(p).append(etree.Element(tag, editor._attrs()))
    wrapper = etree.Element(tag, editor._attrs())
    runs = list(p.iterchildren(w("r")))
    runs[0].addprevious(wrapper)
    for run in runs:
        wrapper.append(run)
        if tag == w("moveFrom"):
            for t in run.iter(w("t")):
                t.tag = w("delText")


def _run(text: str, deleted: bool = False) -> etree._Element:
    run = etree.Element(w("r"))
    t = etree.SubElement(run, w("delText") if deleted else w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def test_a_lost_marker_is_matched_by_position_and_text_and_reported(ws: Path) -> None:
    editor = Editor(rendered(ws), author="México")
    editor.replace(wid(ws, "op5"), "Instar", "Exhortar")
    p = editor.paragraph(wid(ws, "op5"))
    for marker in p.findall(w("bookmarkStart")):
        p.remove(marker)
    out = ok(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "MX", "--dry-run")
    assert "op5 lost its marker; matched by position and text" in out
    assert [line.split()[:3] for line in out.splitlines() if line.startswith("  MX-")] == [["MX-1", "op5", "modify"]]


def test_a_paragraph_split_in_two_is_the_unit_and_a_new_one(ws: Path) -> None:
    editor = Editor(rendered(ws), author="México")
    p = editor.paragraph(wid(ws, "op4"))
    run = editor.text_runs(p)[0]
    text = run.find(w("t")).text
    cut = text.index(" con el fin de")
    run.find(w("t")).text = text[:cut] + "."
    second = etree.Element(w("p"))
    second.append(_run(text[cut + 1 :].capitalize()))
    p.addnext(second)
    from word_edits import _mark

    _mark(p).append(etree.Element(w("ins"), editor._attrs()))
    out = ok(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "MX", "--dry-run")
    lines = [line.split()[:4] for line in out.splitlines() if line.startswith("  MX-")]
    assert lines[0][:3] == ["MX-1", "op4", "modify"] and lines[1][:3] == ["MX-2", "after", "op4"]
    assert "(untracked)" in out  # the words were changed without Track Changes, only the split was tracked


def test_authors_are_shown_and_a_stranger_warned_of_or_refused(ws: Path) -> None:
    editor = Editor(rendered(ws), author="Juan Pérez")
    editor.replace(wid(ws, "op3"), "no puede constituir", "jamás puede constituir")
    path = saved(ws.parent, editor)
    out = ok(ws, "amend", "from-word", path, "--by", "MX", "--dry-run")
    assert "revisions by: Juan Pérez (2)" in out
    assert "warning: Juan Pérez is not MX" in out
    message = refused(ws, "amend", "from-word", path, "--by", "MX", "--strict-author")
    assert "mx.docx: holds changes by Juan Pérez, not by MX; with --strict-author" in message


def test_a_comment_not_on_a_change_is_listed_and_no_justification(ws: Path) -> None:
    editor = Editor(rendered(ws), author="México")
    editor.replace(wid(ws, "op3"), "no puede constituir", "jamás puede constituir")
    untouched = editor.text_runs(editor.paragraph(wid(ws, "op5")))[0]
    editor.comment(untouched, untouched, "¿Por qué este párrafo?")
    out = ok(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "MX", "--dry-run")
    assert "a comment not on a change ignored: «¿Por qué este párrafo?»" in out
    assert "justification" not in out


def test_a_change_to_a_footnote_is_listed_and_ignored(ws: Path) -> None:
    report = "CAJP/GT/TM-41/05"
    editor = Editor(rendered(ws, "es", symbol=report), author="México")
    notes = etree.fromstring(editor.parts["word/footnotes.xml"])
    note = next(n for n in notes.iter(w("footnote")) if int(n.get(w("id"))) > 0)
    body = [r for r in note.iter(w("r")) if r.find(w("t")) is not None][-1]
    inserted = etree.Element(w("ins"), editor._attrs())
    inserted.append(_run(" (nota revisada)"))
    body.addnext(inserted)
    editor.parts["word/footnotes.xml"] = etree.tostring(notes)
    reference = next(editor.body.iter(w("footnoteReference")))
    p = next(reference.iterancestors(w("p")))
    run = editor.text_runs(p)[0]
    run.find(w("t")).text = "Y " + run.find(w("t")).text  # the paragraph's own words, edited without tracking
    out = ok(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "MX", "--dry-run")
    assert "a change to its footnote ignored (notes are not amended)" in out and "(nota revisada)" in out
    assert len([line for line in out.splitlines() if line.startswith("  MX-")]) == 1


# -- requirement 4: older revisions, foreign files, all or nothing --------------------------------


def propose_mx(ws: Path) -> None:
    """Mexico's proposal on op3 in Spanish (MX-1)."""
    ok(
        ws,
        "amend",
        "propose",
        SYMBOL,
        "--by",
        "MX",
        "--unit",
        "op3",
        "--lang",
        "es",
        "--replace",
        "no puede",
        "--with",
        "nunca puede",
    )


def issue_rev1(ws: Path) -> None:
    propose_mx(ws)
    ok(ws, "amend", "translate", "MX-1", "--lang", "en", "--replace", "cannot", "--with", "can never")
    ok(ws, "amend", "accept", "MX-1", "--as", "CHAIR")
    ok(ws, "rev", "issue", SYMBOL, "--date", "2005-04-01")


def test_a_file_of_an_older_revision_makes_proposals_against_it_and_says_which_are_stale(ws: Path) -> None:
    old = rendered(ws, "es", rev=0)
    issue_rev1(ws)
    editor = Editor(old, author="México")
    editor.replace(wid(ws, "op3"), "no puede constituir", "jamás puede constituir")  # changed in rev. 1: stale
    editor.replace(wid(ws, "op4"), "Fomentar el diálogo", "Promover el diálogo")  # untouched since: applies
    code, out, err = wgt(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "MX")
    assert code == 0, err
    assert out == "MX-2\nMX-3\n"
    assert "the file is of rev. 0 (the latest is rev. 1)" in err
    assert "stale: MX-2 is stale in es" in err and "MX-3 is stale" not in err
    assert {r["base_rev"] for i, r in records(ws).items() if i in ("MX-2", "MX-3")} == {0}
    assert "stale: MX-2" in ok(ws, "conflicts", SYMBOL)


def foreign(ws: Path, tmp: Path, **properties: str) -> Path:
    """The rendered Spanish file with some custom properties changed."""
    editor = Editor(rendered(ws), author="México")
    editor.replace(wid(ws, "op3"), "no puede constituir", "jamás puede constituir")
    custom = etree.fromstring(editor.parts["docProps/custom.xml"])
    for prop in custom.iter(f"{CUSTOM}property"):
        key = prop.get("name").removeprefix("wgt.")
        if key in properties:
            prop[0].text = properties[key]
    editor.parts["docProps/custom.xml"] = etree.tostring(custom)
    return saved(tmp, editor, "foreign.docx")


@pytest.mark.parametrize(
    ("properties", "expected"),
    [
        ({"symbol": "CAJP/GT/TM-99/05"}, "is a revision of CAJP/GT/TM-99/05, a document this workspace does not hold"),
        ({"symbol": "no symbol\u202e!"}, "is a revision of no symbol!, a document this workspace does not hold"),
        ({"rev": "²"}, "says it is rev. ² of CAJP/GT/TM-38/05, which does not exist"),
        ({"rev": "7"}, "says it is rev. 7 of CAJP/GT/TM-38/05, which does not exist (revisions: 0)"),
        ({"lang": "fr"}, "says it is in 'fr', a language CAJP/GT/TM-38/05 rev. 0 does not have (en, es)"),
        ({"manifest": "sha256:" + "0" * 64}, "is not CAJP/GT/TM-38/05 rev. 0 as this workspace issued it"),
    ],
)
def test_a_file_of_another_document_revision_or_group_is_refused_by_name(
    ws: Path, tmp_path: Path, properties: dict[str, str], expected: str
) -> None:
    message = refused(ws, "amend", "from-word", foreign(ws, tmp_path, **properties), "--by", "MX")
    assert "foreign.docx: " in message and expected in message


def test_a_file_in_another_language_than_lang_is_refused(ws: Path) -> None:
    message = refused(ws, "amend", "from-word", edited_file(ws), "--by", "MX", "--lang", "en")
    assert "mx.docx: is the 'es' version of CAJP/GT/TM-38/05 rev. 0, not the 'en' one --lang names" in message


def test_a_word_file_wgt_did_not_render_is_refused(ws: Path, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Una propuesta cualquiera.")
    path = tmp_path / "other.docx"
    document.save(path)
    message = refused(ws, "amend", "from-word", path, "--by", "MX")
    assert "other.docx: is not a revision wgt rendered" in message


def test_nothing_is_written_unless_every_proposal_can_be_recorded(ws: Path) -> None:
    editor = Editor(rendered(ws), author="México")
    editor.replace(wid(ws, "op3"), "no puede constituir", "jamás puede constituir")  # fine alone
    editor.insert_after(wid(ws, "title"), "Un subtítulo nuevo.")  # a new unit cannot follow the title
    message = refused(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "MX")
    assert "mx.docx: paragraph" in message and "a new unit cannot follow title" in message


def test_an_unchanged_file_proposes_nothing(ws: Path, tmp_path: Path) -> None:
    path = tmp_path / "same.docx"
    path.write_bytes(rendered(ws, "en"))
    message = refused(ws, "amend", "from-word", path, "--by", "US")
    assert "same.docx: holds no change to the text of CAJP/GT/TM-38/05 rev. 0 (en)" in message


def test_new_paragraphs_after_the_same_unit_keep_their_order_in_the_revision(ws: Path) -> None:
    editor = Editor(rendered(ws, "en"), author="United States")
    anchor = wid(ws, "op4", "en")
    editor.insert_after(anchor, "Second new paragraph.")
    editor.insert_after(anchor, "First new paragraph.")  # inserted right after op4: it reads first
    code, out, err = wgt(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "US")
    assert code == 0, err
    for n, text in ((1, "Primer párrafo nuevo."), (2, "Segundo párrafo nuevo.")):
        ok(ws, "amend", "translate", f"US-{n}", "--lang", "es", "--text", text)
    ok(ws, "amend", "accept", "US-1", "US-2", "--as", "CHAIR")
    ok(ws, "rev", "issue", SYMBOL, "--date", "2005-04-01")
    assert [unit_text(ws, label, "en") for label in ("op5", "op6")] == ["First new paragraph.", "Second new paragraph."]
    assert [unit_text(ws, label, "es") for label in ("op5", "op6")] == [
        "Primer párrafo nuevo.",
        "Segundo párrafo nuevo.",
    ]


def test_a_paragraph_is_deleted_with_its_sub_paragraphs(ws: Path) -> None:
    editor = Editor(rendered(ws), author="México")
    editor.delete(wid(ws, "op7"))  # only the opening words "Encomendar al Consejo Permanente:"
    message = refused(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "MX")
    assert "op7 is deleted but not its sub-paragraphs (op7.a, op7.b, op7.c)" in message
    for label in ("op7.a", "op7.b", "op7.c"):
        editor.delete(wid(ws, label))
    out = ok(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "MX", "--dry-run")
    assert [line.split()[:3] for line in out.splitlines() if line.startswith("  MX-")] == [
        ["MX-1", "op7", "delete-unit"]
    ]


def test_a_new_paragraph_between_a_paragraph_and_its_sub_paragraphs_is_refused(ws: Path) -> None:
    editor = Editor(rendered(ws), author="México")
    editor.insert_after(wid(ws, "op7"), "Un inciso nuevo.")
    message = refused(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "MX")
    assert "is new and stands between op7 and its sub-paragraph op7.a" in message and "place it after op7.c" in message


def test_a_group_opener_cannot_lose_every_paragraph_under_it(ws: Path) -> None:
    editor = Editor(rendered(ws, "en"), author="United States")
    for label in ("pp3", "pp4", "pp5"):  # all of TAKING INTO ACCOUNT:, which is kept
        editor.delete(wid(ws, label, "en"))
    message = refused(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "US")
    assert "every paragraph under pp2 is deleted but not pp2 itself" in message
    editor.delete(wid(ws, "pp2", "en"))
    out = ok(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "US", "--dry-run")
    assert [line.split()[:3] for line in out.splitlines() if line.startswith("  US-")] == [
        ["US-1", "pp2", "delete-unit"]
    ]


def test_a_file_that_lost_every_marker_gives_the_same_proposals(ws: Path) -> None:
    path = edited_file(ws)
    marked = ok(ws, "amend", "from-word", path, "--by", "MX", "--dry-run")
    editor = Editor(path.read_bytes())
    for marker in list(editor.body.iter(w("bookmarkStart"))):
        marker.getparent().remove(marker)
    bare = ok(ws, "amend", "from-word", saved(ws.parent, editor, "bare.docx"), "--by", "MX", "--dry-run")

    def proposals(out: str) -> list[str]:
        return [line for line in out.splitlines() if line.startswith(("  MX-", "      justification"))]

    assert proposals(bare) == proposals(marked)
    assert "paragraphs lost their markers and were matched by position and their unchanged text (title, " in bare
    assert "op3 lost its marker; matched by position and text (" in bare


def test_what_wgt_prints_around_a_paragraph_is_not_its_text(ws: Path) -> None:
    ok(ws, "mark", SYMBOL, "op1", "agreed", "--as", "CHAIR")
    ok(ws, "mark", SYMBOL, "op2", "open", "--as", "CHAIR")
    issue_rev1(ws)
    data = rendered(ws, "es")
    editor = Editor(data, author="México")
    editor.append(wid(ws, "op1"), " Y en la vivienda.")  # typed after "(acordado)"
    editor.replace(wid(ws, "op2"), "artículo 36", "artículo 36, párrafo 1")  # inside the square brackets
    out = ok(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "MX", "--dry-run")
    assert "destinados al público.{+ Y en la vivienda.+}" in out
    assert "artículo 36{+, párrafo 1+} de la Convención de Viena." in out
    assert "acordado" not in out.split("Would propose")[1] and "]" not in out.split("Would propose")[1]
    editor = Editor(data, author="México")
    p = editor.paragraph(wid(ws, "op1"))
    mark = next(r for r in p.iterchildren(w("r")) if (r.findtext(w("t")) or "") == "(acordado)")
    p.remove(mark)
    message = refused(ws, "amend", "from-word", saved(ws.parent, editor), "--by", "MX")
    assert "(op1): what wgt prints around the paragraph's words ((acordado)) was changed" in message
