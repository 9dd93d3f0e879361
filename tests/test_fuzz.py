"""Fuzzing (issue 5, requirement 5): arbitrary texts and edits through import → propose → accept → issue → render.

Laws checked on every example:

* nothing raises but the tool's own clear errors (:class:`~tracker.errors.WgtError`
  and its subclasses); anything else fails the test;
* every draft file written is valid against the Akoma Ntoso schema and wgt's rules, and
  ``verify`` finds every revision and record intact;
* the English and Spanish versions of every revision have the same units (``wId``s, in order);
* the redline between two revisions, applied, gives the later one: for every unit, the
  kept and inserted runs of its diff spell the later text, and the kept and deleted runs
  the earlier one;
* a refused command (import or proposal) writes nothing.

Deterministic (``derandomize=True``, no example database) and small: one short resolution
per example, 2–4 preambular and 3–6 operative paragraphs whose words mix accented
letters, curly quotes, no-break spaces and characters outside the BMP.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from conftest import new_workspace, tree_bytes
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tracker.akn.document import Draft
from tracker.akn.rules import rule_errors
from tracker.akn.schema import schema_errors
from tracker.amendments.consolidate import issue_revision
from tracker.amendments.operations import Operation
from tracker.amendments.proposals import add_statement, decide, mark, propose, translate
from tracker.compare import compare_revisions
from tracker.documents import draft_files, import_document, load_draft
from tracker.errors import WgtError
from tracker.render import FORMATS, render
from tracker.verify import verify_workspace
from tracker.workspace import Workspace

SYM = "CAJP/GT/TM-70/06"
SLUG = "cajp-gt-tm-70-06"
LANGS = ("en", "es")

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=25,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

T = TypeVar("T")

# -- what the texts are made of ---------------------------------------------------------

#: Latin letters with their accents (Basic Latin to IPA), plus what real drafts hold:
#: curly quotes, no-break spaces, and characters outside the Basic Multilingual Plane.
LETTER = st.one_of(
    st.characters(categories=("Lu", "Ll"), max_codepoint=0x2AF),
    st.sampled_from(["á", "é", "í", "ó", "ú", "ñ", "Ñ", "ü", "ç", "“", "”", "‘", "’", "\u00a0", "𝔐", "𝒜", "😀", "𠜎"]),
)
WORD = st.text(LETTER, min_size=1, max_size=8)
PHRASE = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
#: Characters that have broken tools before: controls, line and paragraph separators,
#: zero-width and bidirectional marks, BOM and non-characters, a combining accent.
NASTY = st.sampled_from(
    list("\x00\x01\x08\x0b\x0c\x1b\x1f\x7f\x85\t\r\n\u00a0\u0301\u200b\u200f\u2028\u202e\u2066\ufeff\ufffe\uffff")
)
#: Any text a person might paste: every code point that can be in a UTF-8 file, nasty ones often.
ANY_CHAR = st.one_of(st.characters(exclude_categories=("Cs",)), NASTY)
ANY_TEXT = st.text(ANY_CHAR, max_size=40)


def splice(draw, text: str, chars: st.SearchStrategy[str] = ANY_CHAR, least: int = 0) -> str:
    """``text`` with ``least`` to two characters slipped in anywhere (most of it stays ordinary)."""
    for _ in range(draw(st.integers(least, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(chars) + text[at:]
    return text


VERBS = {
    "en": ("RECALLING", "CONSIDERING", "NOTING", "REAFFIRMING"),
    "es": ("RECORDANDO", "CONSIDERANDO", "OBSERVANDO"),
}
FORMULA = {"en": ("THE GENERAL ASSEMBLY,", "RESOLVES:"), "es": ("LA ASAMBLEA GENERAL,", "RESUELVE:")}


@st.composite
def resolutions(draw) -> dict[str, str]:
    """The same small resolution in English and Spanish: same shape, words drawn apart."""
    preamble = draw(st.integers(2, 4))
    operative = draw(st.integers(3, 6))
    texts = {}
    for lang in LANGS:
        lines = [draw(PHRASE), "", FORMULA[lang][0], ""]
        lines += [f"{draw(st.sampled_from(VERBS[lang]))} {draw(PHRASE)};\n" for _ in range(preamble)]
        lines += [FORMULA[lang][1], ""]
        lines += [f"{n}. {draw(PHRASE)}.\n" for n in range(1, operative + 1)]
        texts[lang] = "\n".join(lines)
    return texts


#: One step of a negotiation; positions are fractions, mapped onto the real units and texts.
EDIT = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(
            ["replace", "insert", "delete", "text", "new-unit", "delete-unit", "statement", "mark"]
        ),
        "by": st.sampled_from(["MX", "US", "GT", "AR"]),
        "unit": st.floats(0, 1, exclude_max=True),
        "start": st.floats(0, 1, exclude_max=True),
        "length": st.integers(3, 14),
        "en": PHRASE,
        "es": PHRASE,
        "accept": st.booleans(),
    }
)


# -- the laws -------------------------------------------------------------------------------


def step(root: Path, name: str, action: Callable[..., T], *args, **kwargs) -> T | None:
    """Run one step: its result, or None when the tool refused it with its own clear error.

    A :class:`WgtError` must be one line and must leave every file as it was; any other
    exception propagates and fails the test.
    """
    before = tree_bytes(root)
    try:
        result = action(*args, **kwargs)
    except WgtError as exc:
        message = str(exc)
        assert message.strip() and "\n" not in message.strip(), f"an error must be one clear line: {message!r}"
        assert tree_bytes(root) == before, f"refused {name} changed the workspace: {message}"
        event(f"{name}: refused")
        return None
    event(f"{name}: done")
    return result


def check_files(ws: Workspace) -> None:
    """Every draft file schema- and rule-valid; the languages aligned; verify clean."""
    for path in sorted(ws.drafts_dir.rglob("*.xml")):
        root = Draft.from_bytes(path.read_bytes(), str(path)).root
        assert schema_errors(root) == [], path
        assert rule_errors(root) == [], path
    for rev, langs in draft_files(ws, SLUG).items():
        if len(langs) < len(LANGS):
            continue  # rev. 0 before its Spanish version was imported
        en, es = ([u.wid for u in load_draft(ws, SYM, rev, lang).units()] for lang in LANGS)
        assert en == es, f"rev. {rev}: the English and Spanish units differ"
    assert verify_workspace(ws)[1] == []


def check_redline(ws: Workspace, rev_from: int, rev_to: int) -> None:
    """The redline from ``rev_from`` to ``rev_to``, applied, gives ``rev_to`` (and unapplied, ``rev_from``)."""
    for lang in LANGS:
        old = {u.wid: u.text for u in load_draft(ws, SYM, rev_from, lang).units()}
        new_units = load_draft(ws, SYM, rev_to, lang).units()
        new = {u.wid: u.text for u in new_units}
        comparison = compare_revisions(ws, SYM, rev_from, rev_to, lang)
        kept = []
        for change in comparison.units:
            after = "".join(text for op, text in change.diff if op >= 0)
            before = "".join(text for op, text in change.diff if op <= 0)
            if change.status == "deleted":
                assert change.wid not in new and after == ""
            else:
                assert after == new[change.wid], f"{lang} {change.label}: the redline does not give the new text"
                kept.append(change.wid)
            if change.status == "inserted":
                assert change.wid not in old and before == ""
            else:
                assert before == old[change.wid], f"{lang} {change.label}: the redline does not start from the old text"
        assert kept == [u.wid for u in new_units], f"{lang}: the redline lost or reordered units"
        assert {c.wid for c in comparison.units} == set(old) | set(new)


def check_render(ws: Workspace, rev: int) -> None:
    for lang in LANGS:
        draft = load_draft(ws, SYM, rev, lang)
        for fmt in FORMATS:
            assert render(draft, fmt)


# -- negotiating one example ------------------------------------------------------------------


def new_example(texts: dict[str, str]) -> tuple[tempfile.TemporaryDirectory, Workspace | None]:
    """A workspace with the demo keys and the resolution imported (None if the import was refused)."""
    holder = tempfile.TemporaryDirectory(prefix="wgt-fuzz-")
    base = Path(holder.name)
    ws = new_workspace(base / "ws")
    for lang in LANGS:
        source = base / f"{lang}.txt"
        source.write_text(texts[lang], encoding="utf-8")
        kwargs = {"date": "2006-04-01", "doc_type": "resolution"} if lang == "en" else {}
        if step(ws.root, f"import {lang}", import_document, ws, source, SYM, lang, **kwargs) is None:
            return holder, None
    return holder, ws


def slice_of(text: str, start: float, length: int) -> str:
    at = int(start * len(text))
    return text[at : at + length]


def operations(kind: str, en_piece: str, es_piece: str, edit: dict) -> tuple[Operation, Operation]:
    """The English proposal and its Spanish translation for a replace/insert/delete/text edit."""
    if kind == "replace":
        return Operation("replace", en_piece, edit["en"]), Operation("replace", es_piece, edit["es"])
    if kind == "insert":
        return Operation("insert", new=edit["en"], anchor=en_piece), Operation(
            "insert", new=edit["es"], anchor=es_piece
        )
    if kind == "delete":
        return Operation("delete", en_piece), Operation("delete", es_piece)
    return Operation("text", new=edit["en"]), Operation("text", new=edit["es"])


def negotiate(ws: Workspace, edits: list[dict]) -> None:
    """Propose every edit in English, translate it into Spanish, accept some (collisions are refused)."""
    root = ws.root
    for edit in edits:
        kind, by = edit["kind"], edit["by"]
        units = load_draft(ws, SYM, None, "en").units()
        if kind in ("new-unit", "delete-unit"):  # paragraphs, not titles or formulas
            units = [u for u in units if u.kind in ("paragraph", "recital")]
        unit = units[int(edit["unit"] * len(units))]
        es_text = load_draft(ws, SYM, None, "es").unit(unit.wid).text
        if kind == "mark":
            step(root, "mark", mark, ws, SYM, unit.wid, ("agreed", "ad-ref", "open")[edit["length"] % 3], "CHAIR")
            continue
        if kind == "statement":
            record = step(root, "statement", add_statement, ws, SYM, by, unit=unit.wid, lang="en", text=edit["en"])
            translation = {"text": edit["es"]}
        elif kind == "new-unit":
            record = step(root, kind, propose, ws, SYM, by, unit=None, new_unit_text=edit["en"], after=unit.wid)
            translation = {"text": edit["es"]}
        elif kind == "delete-unit":
            record = step(root, kind, propose, ws, SYM, by, unit=unit.wid, delete_unit=True, lang="en")
            translation = None
        else:
            en_piece = slice_of(unit.text, edit["start"], edit["length"])
            es_piece = slice_of(es_text, edit["start"], edit["length"])
            en_op, es_op = operations(kind, en_piece, es_piece, edit)
            record = step(root, kind, propose, ws, SYM, by, unit=unit.wid, operation=en_op, lang="en")
            translation = {"operation": es_op}
        if record is None:
            continue
        if translation is not None and step(root, "translate", translate, ws, record.id, "es", **translation) is None:
            continue
        if edit["accept"] and kind != "statement":
            step(root, "accept", decide, ws, [record.id], "accepted", "CHAIR")


def run_round(ws: Workspace, edits: list[dict], rev: int, date: str) -> bool:
    """One negotiation round and the issue of ``rev``; True if it was issued. Laws checked throughout."""
    negotiate(ws, edits)
    check_files(ws)
    issued = step(ws.root, f"issue rev. {rev}", issue_revision, ws, SYM, date=date)
    check_files(ws)
    if issued is None:
        return False
    assert issued.rev == rev
    check_redline(ws, rev - 1, rev)
    check_render(ws, rev)
    return True


# -- the properties ------------------------------------------------------------------------------


@FUZZ
@given(texts=resolutions(), edits=st.lists(EDIT, min_size=1, max_size=4))
def test_negotiating_arbitrary_texts_keeps_the_laws(texts: dict[str, str], edits: list[dict]) -> None:
    holder, ws = new_example(texts)
    with holder:
        if ws is None:
            return
        check_files(ws)
        check_render(ws, 0)
        run_round(ws, edits, 1, "2006-05-01")


@FUZZ
@given(texts=resolutions(), first=st.lists(EDIT, min_size=1, max_size=3), second=st.lists(EDIT, min_size=1, max_size=3))
def test_two_rounds_redline_across_both_revisions(texts: dict[str, str], first: list[dict], second: list[dict]) -> None:
    """Rev. 2 built on rev. 1: the redline from rev. 0 straight to rev. 2 also gives rev. 2."""
    holder, ws = new_example(texts)
    with holder:
        if ws is None or not run_round(ws, first, 1, "2006-05-01"):
            return
        if run_round(ws, second, 2, "2006-06-01"):
            check_redline(ws, 0, 2)


#: Lines in the shapes the importers look for, to mix with arbitrary ones.
STRUCTURE = st.sampled_from(
    [
        "THE GENERAL ASSEMBLY,",
        "RESOLVES:",
        "TAKING INTO ACCOUNT:",
        "RECALLING its resolutions;",
        "1.",
        "2. To act.",
        "a. To renew.",
        "APPENDIX",
        "I. FIRST ITEM",
        "II.",
        "Washington, D.C., July 9, 2004",
        "The Permanent Mission presents its compliments.",
    ]
)


@st.composite
def mangled_texts(draw) -> str:
    """A generated resolution with arbitrary lines slipped in, lines dropped, odd characters in a line, any line ends."""
    lines = draw(resolutions())["en"].split("\n")
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.one_of(STRUCTURE, PHRASE, ANY_TEXT)))
    for _ in range(draw(st.integers(0, 2))):
        del lines[draw(st.integers(0, len(lines) - 1))]
    at = draw(st.integers(0, len(lines) - 1))
    lines[at] = splice(draw, lines[at])
    return draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)


@FUZZ
@given(
    text=st.one_of(mangled_texts(), st.lists(st.one_of(STRUCTURE, ANY_TEXT), max_size=12).map("\n".join)),
    doc_type=st.sampled_from([None, "resolution", "report", "note"]),
    title=st.one_of(st.none(), PHRASE, ANY_TEXT),
)
def test_importing_arbitrary_text_is_clean(text: str, doc_type: str | None, title: str | None) -> None:
    """Any text in any shape: imported as a valid draft (and again as its Spanish version), or refused writing nothing."""
    with tempfile.TemporaryDirectory(prefix="wgt-fuzz-") as folder:
        base = Path(folder)
        ws = new_workspace(base / "ws")
        source = base / "in.txt"
        source.write_bytes(text.encode("utf-8"))
        kwargs = {"date": "2006-04-01", "doc_type": doc_type, "title": title}
        if step(ws.root, "import en", import_document, ws, source, SYM, "en", **kwargs) is None:
            return
        step(ws.root, "import es", import_document, ws, source, SYM, "es", title=title)
        check_files(ws)


@pytest.fixture(scope="module")
def fixed_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    texts = {  # a fixed text: this property varies only what is proposed
        "en": "A title\n\nTHE GENERAL ASSEMBLY,\n\nRECALLING its resolutions;\n\nNOTING the report;\n\nRESOLVES:\n\n"
        "1. To urge México to act.\n\n2. To request a report.\n\n3. To thank the delegations.\n",
        "es": "Un título\n\nLA ASAMBLEA GENERAL,\n\nRECORDANDO sus resoluciones;\n\nOBSERVANDO el informe;\n\nRESUELVE:\n\n"
        "1. Instar a México a actuar.\n\n2. Solicitar un informe.\n\n3. Agradecer a las delegaciones.\n",
    }
    base = tmp_path_factory.mktemp("fuzz-fixed")
    ws = new_workspace(base / "ws")
    for lang in LANGS:
        (base / f"{lang}.txt").write_text(texts[lang], encoding="utf-8")
        import_document(ws, base / f"{lang}.txt", SYM, lang, date="2006-04-01", doc_type="resolution")
    return ws.root


@st.composite
def pasted(draw) -> str:
    """What a delegate might paste: ordinary words with an odd character or two slipped in (a control,
    a bidirectional mark, or a lone surrogate, as a command line undecodable as UTF-8 hands over),
    printable text with combining marks, or anything at all."""
    kind = draw(st.sampled_from(["spliced", "spliced", "printable", "any"]))
    if kind == "spliced":
        return splice(draw, draw(PHRASE), st.one_of(NASTY, st.characters(categories=("Cs",))), least=1)
    if kind == "printable":
        return draw(st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs")), max_size=30))
    return draw(ANY_TEXT)


@FUZZ
@given(
    kind=st.sampled_from(["replace", "insert", "text", "new-unit", "statement"]),
    target=st.sampled_from(["op1", "op2", "op3", "pp1", "title"]),
    en=pasted(),
    es=pasted(),
)
def test_arbitrary_proposal_text_is_refused_cleanly_or_issued_validly(
    fixed_example: Path, kind: str, target: str, en: str, es: str
) -> None:
    """Any characters at all in a proposal (controls, bidi marks, surrogates …): a clear refusal, or a valid rev. 1."""
    with tempfile.TemporaryDirectory(prefix="wgt-fuzz-") as folder:
        root = Path(folder) / "ws"
        shutil.copytree(fixed_example, root)
        ws = Workspace.open(root)
        if kind == "statement":
            record = step(root, kind, add_statement, ws, SYM, "MX", unit=target, lang="en", text=en)
            translation = {"text": es}
        elif kind == "new-unit":
            record = step(root, kind, propose, ws, SYM, "MX", unit=None, new_unit_text=en, after=target, lang="en")
            translation = {"text": es}
        else:
            texts = {lang: load_draft(ws, SYM, 0, lang).unit(target).text for lang in LANGS}
            edit = {"en": en, "es": es}
            en_op, es_op = operations(kind, texts["en"][:4], texts["es"][-3:], edit)
            record = step(root, kind, propose, ws, SYM, "MX", unit=target, operation=en_op, lang="en")
            translation = {"operation": es_op}
        if record is None or step(root, "translate", translate, ws, record.id, "es", **translation) is None:
            return
        if kind != "statement":
            step(root, "accept", decide, ws, [record.id], "accepted", "CHAIR")
        if step(root, "issue", issue_revision, ws, SYM, date="2006-05-01") is None:
            return
        check_files(ws)
        check_redline(ws, 0, 1)
        check_render(ws, 1)
