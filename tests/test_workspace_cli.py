"""The ``wgt`` command on a workspace: init, import, list, show, validate, discovery, and errors.

Every failure must be one clear line on stderr naming the thing, exit status 1, and leave
the workspace exactly as it was (compared byte for byte, folders included).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tracker.sources import source_texts
from tracker.workspace import Workspace

RES, REP, NOTE = "CAJP/GT/TM-38/05", "CAJP/GT/TM-41/05", "CAJP/GT/TM-11/04"


def on(ws: Workspace) -> list[str]:
    return ["--workspace", str(ws.root)]


def one_error_line(stderr: str, *needles: str) -> str:
    """The single ``Error: …`` line, which must mention every needle."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


# -- init --------------------------------------------------------------------------------------


def test_init_here_and_refuse_a_second_init(tmp_path, monkeypatch, run_cli, snapshot):
    folder = tmp_path / "group"
    folder.mkdir()
    monkeypatch.chdir(folder)
    code, out, err = run_cli("init", "--body", "CAJP/GT/TM", "--languages", "en,es")
    assert (code, err) == (0, "")
    assert "CAJP/GT/TM" in out
    assert sorted(p.name for p in folder.iterdir()) == [
        ".git",  # the group's repository (test_repo_commits.py)
        ".gitignore",
        "amendments",
        "drafts",
        "log.jsonl",
        "roster.json",
        "wgt.toml",
    ]
    assert "Founded by SEC with key SHA256:" in out
    ws = Workspace.open(folder)
    assert (ws.config.body, ws.config.languages) == ("CAJP/GT/TM", ["en", "es"])
    assert {code: p.role for code, p in ws.config.participants.items()} == {"SEC": "secretariat", "CHAIR": "chair"}

    before = snapshot(folder)
    code, out, err = run_cli("init", "--body", "CP/CAJP", "--languages", "en")
    assert code == 1
    one_error_line(err, "wgt.toml", "already")
    assert snapshot(folder) == before


def test_init_a_named_folder(tmp_path, run_cli):
    code, _, err = run_cli("init", tmp_path / "a" / "b", "--body", "CAJP/GT/TM")
    assert (code, err) == (0, "")
    assert Workspace.open(tmp_path / "a" / "b").config.languages == ["en", "es"]


# -- import, list, show, validate --------------------------------------------------------------


def test_import_english_then_spanish(empty_ws, run_cli, sources_dir):
    """Type guessed (no --type); the Spanish text takes the English text's date and ids."""
    ws = on(empty_ws)
    code, out, err = run_cli(
        *ws,
        "import",
        sources_dir / "cajp-gt-tm-38-05.en.txt",
        "--symbol",
        RES,
        "--lang",
        "en",
        "--date",
        "2004-05-03",
        "--title",
        "The Human Rights of All Migrant Workers and Their Families",
    )
    assert (code, err) == (0, "")
    assert "CAJP/GT/TM-38/05 rev. 0 (en, resolution): 60 units" in out
    assert "drafts/cajp-gt-tm-38-05/rev0.en.xml" in out
    spanish = [sources_dir / "cajp-gt-tm-38-05.es.txt", "--symbol", "CAJP/GT/TM-38/05", "--lang", "es"]
    code, out, err = run_cli(*ws, "import", *spanish)  # the text has no title, the English version one
    assert (code, out) == (1, "")
    one_error_line(err, "first difference at unit 1: en: title", "es: formula1")
    title = "Los derechos humanos de todos los trabajadores migratorios y de sus familias"
    code, out, err = run_cli(*ws, "import", *spanish, "--title", title)
    assert (code, err) == (0, "")
    assert "(es, resolution): 60 units" in out
    folder = empty_ws.root / "drafts" / "cajp-gt-tm-38-05"
    assert sorted(p.name for p in folder.iterdir()) == ["rev0.en.xml", "rev0.es.xml", "rev0.manifest.json"]
    code, out, err = run_cli(*ws, "show", RES, "--lang", "es", "--format", "json")
    assert code == 0
    assert json.loads(out)["lang"] == "es"


def test_import_every_seed_through_the_cli(empty_ws, run_cli, sources_dir, snapshot):
    for text in source_texts(sources_dir):
        code, out, err = run_cli(*on(empty_ws), *text.import_args())
        assert (code, err) == (0, ""), err
        assert out.startswith(f"Imported {text.path} as {text.symbol} rev. 0 ({text.lang}, {text.doc_type})")
    files = [k for k, v in snapshot(empty_ws.root).items() if k.endswith(".xml")]
    assert files == [
        "drafts/cajp-gt-tm-11-04/rev0.en.xml",
        "drafts/cajp-gt-tm-38-05/rev0.en.xml",
        "drafts/cajp-gt-tm-38-05/rev0.es.xml",
        "drafts/cajp-gt-tm-41-05/rev0.en.xml",
        "drafts/cajp-gt-tm-41-05/rev0.es.xml",
    ]
    # No stray temporary files from the atomic writes.
    # no temporary file or journal is left; only the (empty) lock file stays
    # (git's own folder aside: the group's repository)
    left = sorted(
        p.relative_to(empty_ws.root).as_posix()
        for p in empty_ws.root.rglob(".*")
        if p.relative_to(empty_ws.root).parts[0] != ".git"
    )
    assert left == [".gitignore", ".wgt.lock"]


def test_list_table(seeded_ws, run_cli):
    code, out, err = run_cli(*on(seeded_ws), "list")
    assert (code, err) == (0, "")
    rows = [line.split() for line in out.strip().splitlines()]
    assert [row[:5] for row in rows] == [
        [NOTE, "note", "rev.", "0", "en"],
        [RES, "resolution", "rev.", "0", "en,es"],
        [REP, "report", "rev.", "0", "en,es"],
    ]
    assert out.splitlines()[1].endswith("The Human Rights of All Migrant Workers and Their Families")


def test_list_json(seeded_ws, run_cli):
    code, out, err = run_cli(*on(seeded_ws), "list", "--format", "json")
    assert (code, err) == (0, "")
    docs = json.loads(out)
    assert isinstance(docs, list)
    assert all({"symbol", "type", "latest_rev", "languages"} <= d.keys() for d in docs)
    assert [(d["symbol"], d["type"], d["latest_rev"], d["languages"]) for d in docs] == [
        (NOTE, "note", 0, ["en"]),
        (RES, "resolution", 0, ["en", "es"]),
        (REP, "report", 0, ["en", "es"]),
    ]


def test_list_of_an_empty_workspace(empty_ws, run_cli):
    assert run_cli(*on(empty_ws), "list", "--format", "json")[:2] == (0, "[]\n")
    code, out, _ = run_cli(*on(empty_ws), "list")
    assert code == 0
    assert "No documents yet" in out


def test_show_json_keys(seeded_ws, run_cli):
    code, out, err = run_cli(*on(seeded_ws), "show", RES, "--format", "json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert {"symbol", "rev", "lang", "units"} <= doc.keys()
    assert (doc["symbol"], doc["rev"], doc["lang"]) == (RES, 0, "en")  # the first working language
    seen: set[str] = set()
    for unit in doc["units"]:
        assert {"id", "eid", "num", "kind", "part", "parent", "text"} <= unit.keys()
        assert unit["part"] in ("preface", "preamble", "body", "annex")
        assert unit["num"] is None or re.fullmatch(r"(\d+|[a-z]|[IVX]+)\.", unit["num"])
        assert unit["parent"] is None or unit["parent"] in seen  # parents come first
        seen.add(unit["id"])
    nums = {u["label"]: u["num"] for u in doc["units"]}
    assert (nums["op7"], nums["op7.a"], nums["pp1"]) == ("7.", "a.", None)
    assert {u["part"] for u in doc["units"]} == {"preface", "preamble", "body", "annex"}


def test_show_ids(seeded_ws, run_cli):
    code, out, err = run_cli(*on(seeded_ws), "show", RES, "--lang", "es", "--ids")
    assert (code, err) == (0, "")
    units = json.loads(run_cli(*on(seeded_ws), "show", RES, "--lang", "es", "--format", "json")[1])["units"]
    tagged = [line for line in out.rstrip("\n").split("\n\n") if line.startswith("[")]
    assert len(tagged) == len(units) == 60
    for line, unit in zip(tagged, units):
        num = f"{unit['num']} " if unit["num"] else ""
        assert line == f"[{unit['label']} {unit['id']}] {num}{unit['text']}"
    assert "[op7.a sp-" in out
    english = json.loads(run_cli(*on(seeded_ws), "show", RES, "--format", "json")[1])["units"]
    assert [u["id"] for u in english] == [u["id"] for u in units]


def test_show_text_and_a_named_revision(seeded_ws, run_cli):
    code, out, _ = run_cli(*on(seeded_ws), "show", REP, "--lang", "es")
    assert code == 0
    assert out.startswith("I. INTRODUCCIÓN\n\n")
    assert "Grupo de Trabajo,1/ preparado por" in out
    assert out.endswith("4. Véanse los documentos (CAJP/GT/TM-24/05 rev. 7) y (CAJP/GT/TM-38/05 rev. 2)\n")
    assert run_cli(*on(seeded_ws), "show", "CAJP/GT/TM-41/05 rev. 0", "--lang", "es")[1] == out
    code, _, err = run_cli(*on(seeded_ws), "show", "CAJP/GT/TM-41/05 rev.3")
    assert code == 1
    one_error_line(err, "CAJP/GT/TM-41/05", "rev. 3")


def test_validate_ok(seeded_ws, run_cli, snapshot):
    before = snapshot(seeded_ws.root)
    code, out, err = run_cli(*on(seeded_ws), "validate")
    assert (code, err) == (0, "")
    assert out.startswith("Checked five draft files: all valid")
    assert snapshot(seeded_ws.root) == before


# -- finding the workspace ---------------------------------------------------------------------


def symbols_listed(run_cli, *args: str, env: dict[str, str] | None = None) -> list[str]:
    code, out, err = run_cli(*args, "list", "--format", "json", env=env)
    assert code == 0, err
    return [d["symbol"] for d in json.loads(out)]


def test_workspace_found_walking_up(seeded_ws, run_cli, monkeypatch):
    monkeypatch.chdir(seeded_ws.root / "drafts" / "cajp-gt-tm-38-05")
    assert symbols_listed(run_cli) == [NOTE, RES, REP]
    monkeypatch.chdir(seeded_ws.root / "amendments")
    assert symbols_listed(run_cli) == [NOTE, RES, REP]


def test_outside_any_workspace(tmp_path, run_cli, monkeypatch):
    (tmp_path / "nowhere").mkdir()
    monkeypatch.chdir(tmp_path / "nowhere")
    code, _, err = run_cli("list")
    assert code == 1
    one_error_line(err, "not inside a wgt workspace", "wgt init")


def test_workspace_option_and_environment_override_discovery(empty_ws, seeded_ws, run_cli, monkeypatch):
    monkeypatch.chdir(empty_ws.root)
    assert symbols_listed(run_cli) == []
    assert symbols_listed(run_cli, "--workspace", str(seeded_ws.root)) == [NOTE, RES, REP]
    assert symbols_listed(run_cli, "-C", str(seeded_ws.root)) == [NOTE, RES, REP]
    assert symbols_listed(run_cli, env={"WGT_WORKSPACE": str(seeded_ws.root)}) == [NOTE, RES, REP]
    # The option beats the environment.
    assert symbols_listed(run_cli, "--workspace", str(empty_ws.root), env={"WGT_WORKSPACE": str(seeded_ws.root)}) == []


def test_workspace_option_naming_no_workspace(tmp_path, run_cli):
    code, _, err = run_cli("--workspace", tmp_path, "list")
    assert code == 1
    one_error_line(err, str(tmp_path), "not a wgt workspace")
    code, _, err = run_cli("list", env={"WGT_WORKSPACE": str(tmp_path / "missing")})
    assert code == 1
    one_error_line(err, str(tmp_path / "missing"))


# -- errors: one line, exit 1, nothing written -------------------------------------------------


@pytest.fixture
def unchanged(seeded_ws, snapshot):
    """Asserts after the test that the seeded workspace is byte for byte as it was."""
    before = snapshot(seeded_ws.root)
    yield seeded_ws
    assert snapshot(seeded_ws.root) == before


def test_import_of_a_missing_file(unchanged, run_cli, tmp_path):
    missing = tmp_path / "no-such-text.txt"
    code, out, err = run_cli(*on(unchanged), "import", missing, "--symbol", "CAJP/GT/TM-50/05", "--lang", "en")
    assert (code, out) == (1, "")
    one_error_line(err, str(missing), "no such file")


def test_unknown_symbol(unchanged, run_cli):
    code, out, err = run_cli(*on(unchanged), "show", "CAJP/GT/TM-99/05")
    assert (code, out) == (1, "")
    one_error_line(err, "CAJP/GT/TM-99/05", "wgt list")


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["show", RES, "--lang", "fr"], ["'fr'", "en, es"]),
        (["show", NOTE, "--lang", "es"], ["'es'", "CAJP/GT/TM-11/04"]),
        (["import", "sources/cajp-gt-tm-38-05.es.txt", "--symbol", RES, "--lang", "xx"], ["unknown language 'xx'"]),
        (["import", "sources/cajp-gt-tm-38-05.es.txt", "--symbol", RES, "--lang", "fr"], ["'fr'", "working language"]),
    ],
)
def test_unknown_language(unchanged, run_cli, repo_root, args, needles):
    args = [str(repo_root / a) if a.startswith("sources/") else a for a in args]
    code, out, err = run_cli(*on(unchanged), *args)
    assert (code, out) == (1, "")
    one_error_line(err, *needles)


@pytest.mark.parametrize(
    "args",
    [
        ["show", "hello"],
        ["show", "CAJP/GT/TM"],
        ["import", "sources/cajp-gt-tm-11-04.en.txt", "--symbol", "Note of Mexico", "--lang", "en"],
        ["import", "sources/cajp-gt-tm-11-04.en.txt", "--symbol", "../../CAJP-1", "--lang", "en"],
    ],
)
def test_a_symbol_that_does_not_parse(unchanged, run_cli, repo_root, args):
    args = [str(repo_root / a) if a.startswith("sources/") else a for a in args]
    symbol = args[1] if args[0] == "show" else args[3]
    code, out, err = run_cli(*on(unchanged), *args)
    assert (code, out) == (1, "")
    one_error_line(err, repr(symbol), "is not a document symbol")


def test_importing_a_language_twice_is_refused(unchanged, run_cli, sources_dir):
    code, _, err = run_cli(
        *on(unchanged), "import", sources_dir / "cajp-gt-tm-41-05.es.txt", "--symbol", REP, "--lang", "es"
    )
    assert code == 1
    one_error_line(err, "already exists in es", "drafts/cajp-gt-tm-41-05/rev0.es.xml")


def test_a_date_that_is_not_a_date(unchanged, run_cli, sources_dir):
    text = sources_dir / "cajp-gt-tm-11-04.en.txt"
    code, _, err = run_cli(
        *on(unchanged), "import", text, "--symbol", "CAJP/GT/TM-12/04", "--lang", "en", "--date", "9/7/2004"
    )
    assert code == 1
    one_error_line(err, "'9/7/2004'", "YYYY-MM-DD")


def corrupt(ws: Workspace, data: bytes, slug: str = "cajp-gt-tm-11-04") -> Path:
    path = ws.root / "drafts" / slug / "rev0.en.xml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def test_malformed_xml_in_a_draft(seeded_ws, run_cli, snapshot):
    path = seeded_ws.draft_path("cajp-gt-tm-11-04", 0, "en")
    corrupt(seeded_ws, path.read_bytes()[:-40])
    before = snapshot(seeded_ws.root)
    code, out, err = run_cli(*on(seeded_ws), "validate")
    assert code == 1
    problem = [line for line in err.splitlines() if str(path) in line]
    assert len(problem) == 1
    assert "malformed XML" in problem[0]
    assert err.strip().splitlines()[-1] == "Error: Found one problem in five draft files"
    code, out, err = run_cli(*on(seeded_ws), "show", NOTE)
    assert (code, out) == (1, "")
    one_error_line(err, str(path), "malformed XML")
    assert snapshot(seeded_ws.root) == before


def xxe_draft(valid: bytes, secret: Path) -> bytes:
    declaration, rest = valid.split(b"\n", 1)
    doctype = f'<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file://{secret}">]>'.encode()
    return declaration + b"\n" + doctype + b"\n" + rest.replace(b"<p>Chair of the Working Group</p>", b"<p>&xxe;</p>")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="x"><mainBody><p>&lol9;</p></mainBody></doc></akomaNtoso>
"""


@pytest.mark.parametrize("attack", ["xxe", "billion-laughs"])
def test_entity_attacks_in_a_draft_are_refused(seeded_ws, run_cli, snapshot, tmp_path, attack):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4242\n")
    if attack == "xxe":
        valid = seeded_ws.draft_path("cajp-gt-tm-11-04", 0, "en").read_bytes()
        path = corrupt(seeded_ws, xxe_draft(valid, secret))
        symbol = NOTE
    else:
        path = corrupt(seeded_ws, BILLION_LAUGHS, slug="cajp-gt-tm-99-05")
        symbol = "CAJP/GT/TM-99/05"
    before = snapshot(seeded_ws.root)
    code, out, err = run_cli(*on(seeded_ws), "validate")
    assert code == 1
    (problem,) = [line for line in err.splitlines() if str(path) in line]
    code, out, err = run_cli(*on(seeded_ws), "show", symbol)
    assert (code, out) == (1, "")
    if attack == "xxe":  # a draft the log wrote, replaced: parsed safely, and refused
        assert "DOCTYPE or ENTITY" in problem
        one_error_line(err, str(path), "DOCTYPE")
    else:  # a file planted as a new document: never parsed, named as not the log's
        assert "not in the signed log" in problem
        one_error_line(err, "CAJP/GT/TM-99/05", "no document")
    assert "TOP-SECRET-4242" not in out + err
    assert snapshot(seeded_ws.root) == before


@pytest.mark.parametrize(
    ("encode", "needle"),
    [
        (lambda t: t.encode("latin-1", errors="replace"), "not UTF-8"),
        (lambda t: t.encode("cp1252", errors="replace"), "not UTF-8"),
        (lambda t: t.encode("utf-16"), "UTF-16"),  # with its BOM
        (lambda t: t.encode("utf-16-le"), "UTF-16"),  # without one
        (lambda t: t.encode("utf-16-be"), "UTF-16"),
    ],
    ids=["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be"],
)
def test_text_not_in_utf8_is_refused(unchanged, run_cli, sources_dir, tmp_path, encode, needle):
    text = (sources_dir / "cajp-gt-tm-41-05.es.txt").read_text(encoding="utf-8")
    source = tmp_path / "informe.txt"
    source.write_bytes(encode(text))
    code, out, err = run_cli(*on(unchanged), "import", source, "--symbol", "CAJP/GT/TM-50/05", "--lang", "es")
    assert (code, out) == (1, "")
    one_error_line(err, str(source), needle)


def test_a_bom_and_windows_line_ends_make_no_difference(empty_ws, seeded_ws, run_cli, sources_dir, tmp_path):
    text = (sources_dir / "cajp-gt-tm-41-05.es.txt").read_text(encoding="utf-8")
    windows = tmp_path / "informe.txt"
    windows.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    for lang, source in (("en", sources_dir / "cajp-gt-tm-41-05.en.txt"), ("es", windows)):
        code, _, err = run_cli(*on(empty_ws), "import", source, "--symbol", REP, "--lang", lang, "--date", "2005-05-18")
        assert code == 0, err
    made = empty_ws.draft_path("cajp-gt-tm-41-05", 0, "es").read_bytes()
    assert made == seeded_ws.draft_path("cajp-gt-tm-41-05", 0, "es").read_bytes()


def test_spanish_text_with_a_different_structure(empty_ws, run_cli, sources_dir, snapshot, tmp_path):
    code, _, err = run_cli(
        *on(empty_ws), "import", sources_dir / "cajp-gt-tm-38-05.en.txt", "--symbol", RES, "--lang", "en"
    )
    assert code == 0, err
    lines = (sources_dir / "cajp-gt-tm-38-05.es.txt").read_text(encoding="utf-8").split("\n")
    at = lines.index("5.")
    assert lines[at + 1].startswith("Instar a los Estados Miembros")
    del lines[at : at + 2]  # operative paragraph 5: its number line and its text line
    source = tmp_path / "resolucion.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    before = snapshot(empty_ws.root)
    code, out, err = run_cli(*on(empty_ws), "import", source, "--symbol", RES, "--lang", "es")
    assert (code, out) == (1, "")
    line = one_error_line(err, "does not have the structure", "unit 31")
    assert "en: op5 (paragraph 5.: 'To urge member states" in line
    assert "es: op6 (paragraph 6.: 'Reconocer con beneplácito" in line
    assert snapshot(empty_ws.root) == before
    assert not (empty_ws.root / "drafts" / "cajp-gt-tm-38-05" / "rev0.es.xml").exists()


def test_spanish_text_with_one_paragraph_too_many(empty_ws, run_cli, sources_dir, snapshot, tmp_path):
    code, _, _ = run_cli(
        *on(empty_ws), "import", sources_dir / "cajp-gt-tm-11-04.en.txt", "--symbol", NOTE, "--lang", "en"
    )
    assert code == 0
    lines = (sources_dir / "cajp-gt-tm-11-04.en.txt").read_text(encoding="utf-8").split("\n")
    lines.insert(1, "Un párrafo que el original no tiene.")
    source = tmp_path / "nota.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    before = snapshot(empty_ws.root)
    code, _, err = run_cli(*on(empty_ws), "import", source, "--symbol", NOTE, "--lang", "es")
    assert code == 1
    one_error_line(err, "unit 6", "en: (no more units)", "es: p6")
    assert snapshot(empty_ws.root) == before


def test_a_line_outside_any_paragraph_is_kept_and_named_in_the_summary(seeded_ws, run_cli, sources_dir, tmp_path):
    lines = (sources_dir / "cajp-gt-tm-38-05.en.txt").read_text(encoding="utf-8").split("\n")
    at = lines.index("10.") + 2
    lines.insert(at, "this line was wrapped by an e-mail program")
    source = tmp_path / "wrapped.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    code, out, err = run_cli(*on(seeded_ws), "import", source, "--symbol", "CAJP/GT/TM-50/05", "--lang", "en")
    assert code == 0, err
    assert f"8 outside any unit (0.4%) at lines {at + 1}" in out
    code, out, _ = run_cli(*on(seeded_ws), "show", "CAJP/GT/TM-50/05", "--lang", "en")
    assert "this line was wrapped by an e-mail program" in out


# -- hostile and inconsistent input that once slipped through ---


def test_utf16_draft_with_a_doctype_is_refused_cleanly(seeded_ws, run_cli, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4242\n")
    valid = seeded_ws.draft_path("cajp-gt-tm-11-04", 0, "en").read_bytes()
    attack = xxe_draft(valid, secret).replace(b"encoding='UTF-8'", b"encoding='UTF-16'").decode().encode("utf-16")
    corrupt(seeded_ws, attack)
    code, _, err = run_cli(*on(seeded_ws), "validate")  # today: lxml XMLSchemaValidateError escapes
    assert code == 1
    assert "DOCTYPE" in err


def test_doctype_after_a_long_comment_is_refused(seeded_ws, run_cli):
    valid = seeded_ws.draft_path("cajp-gt-tm-11-04", 0, "en").read_bytes()
    declaration, rest = valid.split(b"\n", 1)
    padding = b"<!--" + b" " * 5000 + b"-->"
    corrupt(seeded_ws, declaration + padding + b'<!DOCTYPE akomaNtoso SYSTEM "http://example.invalid/akn.dtd">' + rest)
    code, _, err = run_cli(*on(seeded_ws), "validate")  # today: exit 0, the DTD is silently ignored
    assert code == 1
    assert "DOCTYPE" in err


def test_failed_init_leaves_nothing_behind(tmp_path, run_cli):
    code, _, err = run_cli("init", tmp_path / "new", "--body", "CAJP/GT/TM", "--languages", "en,xx")
    assert code == 1
    one_error_line(err, "'xx'")
    assert not (tmp_path / "new").exists()


def test_title_option_never_drops_the_texts_own_title(empty_ws, run_cli, sources_dir, tmp_path):
    source = tmp_path / "titled.txt"
    text = (sources_dir / "cajp-gt-tm-38-05.en.txt").read_text(encoding="utf-8")
    source.write_text("Migrant Workers and Their Families\n\n" + text, encoding="utf-8")
    args = ["import", source, "--symbol", "CAJP/GT/TM-50/05", "--lang", "en", "--title", "Another Title"]
    code, _, err = run_cli(*on(empty_ws), *args)
    if code == 0:  # accepted: then no word of the text may be lost
        shown = run_cli(*on(empty_ws), "show", "CAJP/GT/TM-50/05")[1]
        assert "Migrant Workers and Their Families\n" in shown
    else:  # or refused, naming the conflict
        one_error_line(err, "title")
