"""Bad input, tried systematically (issue 5, requirement 4).

One table of hostile or broken inputs. Each row plants its input in a fresh copy of a
small workspace (or builds it next to it), runs one ``wgt`` command through the CLI and
expects the exact refusal: exit 1 with one ``Error:`` line holding a distinctive
substring (``validate`` prints one line per problem first), or exit 2 for click's own
usage errors. Nothing in the workspace, nor in the scratch folder beside it (where the
symlink rows point), may change.

The inputs that are *accepted* by choice (a BOM, CRLF line ends, NFD accents,
characters outside the BMP) and the workspace with 300 proposals on one unit follow the
table, with the choice stated where it is one.

The workspace: ``CAJP/GT/TM-50/06`` in English and Spanish (``México`` in pp2 and op3),
``CAJP/GT/TM-51/06`` in English only, and two signed proposals, MX-1 (Spanish, op3) and
US-1 (English, op1). Keys are the public demo keys (conftest).
"""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SOURCES_DIR, new_workspace
from forgery import forge_entry, forge_record, group_of, reseal, signer

from tracker.amendments.operations import Operation
from tracker.amendments.proposals import conflicts, propose
from tracker.amendments.record import Amendment
from tracker.documents import import_document, load_draft
from tracker.revisions import make_manifest
from tracker.workspace import Workspace

SYM = "CAJP/GT/TM-50/06"
SLUG = "cajp-gt-tm-50-06"
SYM_EN = "CAJP/GT/TM-51/06"  # English only: the Spanish rows import into it
SLUG_EN = "cajp-gt-tm-51-06"

EN = """Protection of Migrants in the Americas

THE GENERAL ASSEMBLY,

HAVING SEEN the report of the Permanent Council;

RECALLING the commitments made by México and the other member states;

RESOLVES:

1. To urge member states to protect the human rights of all migrants.

2. To request the General Secretariat to report on the implementation of this resolution.

3. To call on México and all member states to cooperate in good faith.
"""

ES = """Protección de los migrantes en las Américas

LA ASAMBLEA GENERAL,

VISTO el informe del Consejo Permanente;

RECORDANDO los compromisos asumidos por México y los demás Estados Miembros;

RESUELVE:

1. Instar a los Estados Miembros a proteger los derechos humanos de todos los migrantes.

2. Solicitar a la Secretaría General que informe sobre la aplicación de esta resolución.

3. Exhortar a México y a todos los Estados Miembros a cooperar de buena fe.
"""

EN_OTHER = EN.replace("Migrants in the Americas", "Refugees in the Americas").replace("good faith", "earnest")
OP3_ES = "Exhortar a México y a todos los Estados Miembros a cooperar de buena fe."
ES_OP2 = "2. Solicitar a la Secretaría General que informe sobre la aplicación de esta resolución.\n"
FIFTY_MB = 50 * 1024 * 1024

Snapshot = Callable[[Path], dict[str, "bytes | None"]]


# -- the workspace every row starts from ---------------------------------------------


def make_template(base: Path) -> Workspace:
    """The small workspace of the table (see the module's docstring) under ``base``."""
    ws = new_workspace(base / "ws")
    for name, text in (("en.txt", EN), ("es.txt", ES), ("other.txt", EN_OTHER)):
        (base / name).write_text(text, encoding="utf-8")
    import_document(ws, base / "en.txt", SYM, "en", date="2006-04-01", doc_type="resolution")
    import_document(ws, base / "es.txt", SYM, "es")
    import_document(ws, base / "other.txt", SYM_EN, "en", date="2006-04-02", doc_type="resolution")
    propose(
        ws, SYM, "MX", unit="op3", lang="es", operation=Operation("replace", "México", "los Estados Unidos Mexicanos")
    )
    propose(ws, SYM, "US", unit="op1", lang="en", operation=Operation("replace", "urge", "encourage"))
    return ws


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_template(tmp_path_factory.mktemp("hostile")).root


@pytest.fixture
def places(tmp_path: Path, template: Path) -> tuple[Path, Path]:
    """(a fresh copy of the workspace, an empty scratch folder outside it)."""
    ws = tmp_path / "ws"
    shutil.copytree(template, ws, symlinks=True)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return ws, scratch


# -- helpers the rows use to plant their input ---------------------------------------


def draft(ws: Path, lang: str = "en", slug: str = SLUG) -> Path:
    return ws / "drafts" / slug / f"rev0.{lang}.xml"


def record(ws: Path, amendment_id: str, slug: str = SLUG) -> Path:
    return ws / "amendments" / slug / f"{amendment_id}.json"


def body_of(ws: Path) -> bytes:
    """The English draft without its XML declaration (to put a prolog of our own in front)."""
    return draft(ws).read_bytes().split(b"?>", 1)[1]


#: Where a forged import puts the drafts the secretariat's key signs (an issued revision never changes).
SLUG_FORGED = "cajp-gt-tm-70-06"


def write_draft(ws: Path, data: bytes, *, resign: bool = False) -> None:
    """Replace the English draft; with ``resign``, the secretariat's key (as only someone holding it
    could) enters it instead as the draft of a new document, with a signed manifest and log entry:
    the rules and the schema must then still catch what is wrong."""
    if not resign:
        draft(ws).write_bytes(data)
        return
    folder = ws / "drafts" / SLUG_FORGED
    files = {"en": data, "es": draft(ws, "es").read_bytes()}
    manifest = make_manifest("CAJP/GT/TM-70/06", 0, "2006-04-01", signer("SEC"), group_of(ws), files, [])
    written = {folder / f"rev0.{lang}.xml": content for lang, content in files.items()}
    forge_entry(ws, "SEC", "import", {**written, folder / "rev0.manifest.json": manifest}, "CAJP/GT/TM-70/06")


def edit_draft(ws: Path, change: Callable[[bytes], bytes], *, resign: bool = False) -> None:
    write_draft(ws, change(draft(ws).read_bytes()), resign=resign)


def wids(ws: Path) -> list[str]:
    return re.findall(r'wId="([^"]+)"', draft(ws).read_text(encoding="utf-8"))


def rewrite_record(ws: Path, amendment_id: str, change: Callable[[dict], None]) -> None:
    path = record(ws, amendment_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def move_outside(ws: Path, scratch: Path, relative: str) -> None:
    """Move ``ws/relative`` into the scratch folder and leave a symlink to it behind."""
    inside = ws / relative
    outside = scratch / inside.name
    shutil.move(inside, outside)
    os.symlink(outside, inside)


def text_file(scratch: Path, data: bytes, name: str = "in.txt") -> Path:
    path = scratch / name
    path.write_bytes(data)
    return path


def import_args(path: Path, symbol: str = SYM_EN, lang: str = "es", *extra: str) -> list[str]:
    return ["import", str(path), "--symbol", symbol, "--lang", lang, *extra]


def propose_args(*operation: str, by: str = "MX", unit: str = "op3", lang: str = "es") -> list[str]:
    return ["amend", "propose", SYM, "--by", by, "--unit", unit, "--lang", lang, *operation]


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    )
    + b"]>\n<lolz>&lol9;</lolz>\n"
)


def xxe(ws: Path, _: Path) -> list[str]:
    doctype = b'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    write_draft(ws, doctype + body_of(ws).replace(b"THE GENERAL ASSEMBLY", b"&xxe;"))
    return ["show", SYM]


def external_dtd(ws: Path, _: Path) -> list[str]:
    write_draft(ws, b'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso SYSTEM "http://127.0.0.1:9/akn.dtd">' + body_of(ws))
    return ["show", SYM]


def parameter_entity(ws: Path, _: Path) -> list[str]:
    doctype = b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>'
    write_draft(ws, doctype + body_of(ws))
    return ["show", SYM]


def billion_laughs(ws: Path, _: Path) -> list[str]:
    write_draft(ws, BILLION_LAUGHS)
    return ["list"]


def xxe_utf16(ws: Path, _: Path) -> list[str]:
    # In UTF-16 the byte check cannot read "<!DOCTYPE"; the parsed tree's docinfo must catch it.
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    write_draft(ws, (text + body_of(ws).decode().replace("THE GENERAL ASSEMBLY", "&x;")).encode("utf-16"))
    return ["show", SYM]


def doctype_after_long_comment(ws: Path, _: Path) -> list[str]:
    prolog = b'<?xml version="1.0"?>\n<!--' + b"x" * 5000 + b'-->\n<!DOCTYPE akomaNtoso SYSTEM "http://127.0.0.1:9/a">'
    write_draft(ws, prolog + body_of(ws))
    return ["show", SYM]


def undeclared_entity(ws: Path, _: Path) -> list[str]:
    edit_draft(ws, lambda data: data.replace(b"THE GENERAL ASSEMBLY", b"&xxe;"))
    return ["show", SYM]


def fifty_mb_text_node(ws: Path, _: Path) -> list[str]:
    edit_draft(ws, lambda data: data.replace(b"THE GENERAL ASSEMBLY", b"A" * FIFTY_MB))
    return ["show", SYM]


def deep_nesting(ws: Path, _: Path) -> list[str]:
    write_draft(ws, b"<a>" * 100_000 + b"</a>" * 100_000)
    return ["show", SYM]


def truncated(ws: Path, _: Path) -> list[str]:
    edit_draft(ws, lambda data: data[: len(data) // 2])
    return ["show", SYM]


def empty_draft(ws: Path, _: Path) -> list[str]:
    write_draft(ws, b"")
    return ["show", SYM]


def xinclude(ws: Path, _: Path) -> list[str]:
    # Well-formed, never expanded, and not what was signed.
    include = b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>'
    edit_draft(ws, lambda data: data.replace(b"THE GENERAL ASSEMBLY", include))
    return ["show", SYM]


def schema_violation(ws: Path, _: Path) -> list[str]:
    edit_draft(ws, lambda data: data.replace(b"<preface", b"<bogus/><preface", 1))
    return ["show", SYM]


def schema_violation_validate(ws: Path, scratch: Path) -> list[str]:
    schema_violation(ws, scratch)
    return ["validate"]


def schema_violation_resigned(ws: Path, _: Path) -> list[str]:
    edit_draft(ws, lambda data: data.replace(b"<preface", b"<bogus/><preface", 1), resign=True)
    return ["validate"]


def duplicate_wid(ws: Path, _: Path) -> list[str]:
    *_, second_last, last = wids(ws)
    edit_draft(ws, lambda data: data.replace(last.encode(), second_last.encode()), resign=True)
    return ["validate"]


def missing_wid(ws: Path, _: Path) -> list[str]:
    last = wids(ws)[-1]
    edit_draft(ws, lambda data: data.replace(f' wId="{last}"'.encode(), b""), resign=True)
    return ["validate"]


def missing_eid(ws: Path, _: Path) -> list[str]:
    edit_draft(ws, lambda data: data.replace(b' eId="para_3"', b""), resign=True)
    return ["validate"]


def nfd_in_draft(ws: Path, _: Path) -> list[str]:
    nfd = unicodedata.normalize("NFD", "México").encode()
    edit_draft(ws, lambda data: data.replace("México".encode(), nfd), resign=True)
    return ["validate"]


def draft_file_symlinked(ws: Path, scratch: Path) -> list[str]:
    move_outside(ws, scratch, f"drafts/{SLUG}/rev0.en.xml")
    return ["show", SYM]


def drafts_symlinked(ws: Path, scratch: Path) -> list[str]:
    move_outside(ws, scratch, "drafts")
    return ["list"]


def drafts_symlinked_import(ws: Path, scratch: Path) -> list[str]:
    move_outside(ws, scratch, "drafts")
    return import_args(text_file(scratch, EN.encode(), "new.txt"), "CAJP/GT/TM-60/06", "en")


def document_folder_symlinked(ws: Path, scratch: Path) -> list[str]:
    move_outside(ws, scratch, f"drafts/{SLUG}")
    return ["show", SYM]


def amendments_symlinked(ws: Path, scratch: Path) -> list[str]:
    move_outside(ws, scratch, "amendments")
    return propose_args("--replace", "buena fe", "--with", "mala fe", by="GT")


def amendment_file_symlinked(ws: Path, scratch: Path) -> list[str]:
    move_outside(ws, scratch, f"amendments/{SLUG}/MX-1.json")
    return ["amend", "list", SYM]


def manifest_damaged(ws: Path, _: Path) -> list[str]:
    (ws / "drafts" / SLUG / "rev0.manifest.json").write_text("{", encoding="utf-8")
    return ["show", SYM]


def manifest_missing(ws: Path, _: Path) -> list[str]:
    (ws / "drafts" / SLUG / "rev0.manifest.json").unlink()
    return ["show", SYM]


def config_damaged(ws: Path, _: Path) -> list[str]:
    (ws / "wgt.toml").write_text("[body\n", encoding="utf-8")
    return ["list"]


def roster_wrong_shape(ws: Path, _: Path) -> list[str]:
    # roster.json is a view of the signed log: editing it grants nothing, and verify names it.
    (ws / "roster.json").write_text("[]", encoding="utf-8")
    return ["verify"]


# Plain-text imports (into the English-only document unless said otherwise).


def es_text(ws: Path, scratch: Path, data: bytes, *extra: str) -> list[str]:
    return import_args(text_file(scratch, data), SYM_EN, "es", *extra)


def latin1(ws: Path, scratch: Path) -> list[str]:
    return es_text(ws, scratch, ES.encode("latin-1"))


def utf16_bom(ws: Path, scratch: Path) -> list[str]:
    return es_text(ws, scratch, ES.encode("utf-16"))


def utf16_no_bom(ws: Path, scratch: Path) -> list[str]:
    return es_text(ws, scratch, ES.encode("utf-16-le"))


def binary_file(ws: Path, scratch: Path) -> list[str]:
    return es_text(ws, scratch, b"\x89PNG\r\n\x1a\n" + bytes(range(256)))


def control_character(ws: Path, scratch: Path) -> list[str]:
    return es_text(ws, scratch, ES.replace("buena fe", "buena\x01fe").encode())


def nul_byte(ws: Path, scratch: Path) -> list[str]:
    return es_text(ws, scratch, ES.replace("Consejo", "Con\x00sejo").encode())


def zero_width_in_text(ws: Path, scratch: Path) -> list[str]:
    return es_text(ws, scratch, ES.replace("México", "Mé\u200bxico").encode())


def bidi_in_text(ws: Path, scratch: Path) -> list[str]:
    return es_text(ws, scratch, ES.replace("Instar", "\u202eInstar").encode())


def empty_text(ws: Path, scratch: Path) -> list[str]:
    return es_text(ws, scratch, b"")


def blank_text(ws: Path, scratch: Path) -> list[str]:
    return es_text(ws, scratch, b" \r\n\t\n\n")


def es_paragraph_removed(ws: Path, scratch: Path) -> list[str]:
    return es_text(ws, scratch, ES.replace(ES_OP2, "").encode())


def es_paragraph_added(ws: Path, scratch: Path) -> list[str]:
    return es_text(ws, scratch, (ES + "\n4. Agradecer a las delegaciones.\n").encode())


def es_recital_removed(ws: Path, scratch: Path) -> list[str]:
    return es_text(ws, scratch, ES.replace("VISTO el informe del Consejo Permanente;\n", "").encode())


def not_a_resolution(ws: Path, scratch: Path) -> list[str]:
    return import_args(
        text_file(scratch, b"Just some words.\nMore words.\n"), "CAJP/GT/TM-60/06", "en", "--type", "resolution"
    )


def shape_unknown(ws: Path, scratch: Path) -> list[str]:
    header_only = b"OEA/Ser.G\nCP/CAJP-2271/05\n14 April 2005\nOriginal: English\n"
    return import_args(text_file(scratch, header_only), "CAJP/GT/TM-60/06", "en")


def imported_twice(ws: Path, scratch: Path) -> list[str]:
    return import_args(text_file(scratch, EN.encode()), SYM, "en")


def missing_file(ws: Path, scratch: Path) -> list[str]:
    return import_args(scratch / "nowhere.txt")


def directory_as_file(ws: Path, scratch: Path) -> list[str]:
    return import_args(scratch)


def unknown_language(ws: Path, scratch: Path) -> list[str]:
    return import_args(text_file(scratch, EN.encode()), "CAJP/GT/TM-60/06", "xx")


def bad_date(ws: Path, scratch: Path) -> list[str]:
    return import_args(text_file(scratch, EN.encode()), "CAJP/GT/TM-60/06", "en", "--date", "2004-13-45")


def bad_type(ws: Path, scratch: Path) -> list[str]:
    return import_args(text_file(scratch, EN.encode()), "CAJP/GT/TM-60/06", "en", "--type", "bogus")


def import_by_delegation(ws: Path, scratch: Path) -> list[str]:
    return import_args(text_file(scratch, EN.encode()), "CAJP/GT/TM-60/06", "en", "--as", "MX")


def titled(title: str) -> Callable[[Path, Path], list[str]]:
    """Import the English text without its title line, giving ``title`` with --title."""

    def setup(ws: Path, scratch: Path) -> list[str]:
        untitled = EN.split("\n", 2)[2].encode()
        return import_args(text_file(scratch, untitled), "CAJP/GT/TM-60/06", "en", "--title", title)

    return setup


def title_twice(ws: Path, scratch: Path) -> list[str]:
    return import_args(text_file(scratch, EN.encode()), "CAJP/GT/TM-60/06", "en", "--title", "Another title")


def import_symbol_with_dotdot(ws: Path, scratch: Path) -> list[str]:
    return import_args(text_file(scratch, EN.encode()), "CAJP/GT/TM-50/06/../../../x", "en")


# Proposals.


def literal(*args: str) -> Callable[[Path, Path], list[str]]:
    return lambda ws, scratch: list(args)


def tampered_patch(ws: Path, _: Path) -> list[str]:
    def alter(data: dict) -> None:
        data["texts"]["es"]["patch"] = data["texts"]["es"]["patch"].replace("Unidos", "Desunidos")

    rewrite_record(ws, "MX-1", alter)
    return ["amend", "accept", "MX-1"]


def tampered_patch_resigned(ws: Path, _: Path) -> list[str]:
    # Made by its own author (holding MX's key) with a patch whose hunk lengths lie, and received by the
    # secretariat: signed and entered as the rules allow, so the patch check behind the signatures refuses it.
    # (Rewriting MX-1 itself would be refused earlier: a proposal never changes once made.)
    path = record(ws, "MX-1")
    amendment = Amendment.from_json(path.read_bytes(), str(path))
    amendment.id = "MX-7"
    amendment.texts["es"].patch = amendment.texts["es"].patch.replace("Unidos", "Desunidos")
    reseal(amendment, group_of(ws))
    forge_entry(ws, "SEC", "receive", {record(ws, "MX-7"): amendment.to_json()}, "MX-7")
    return ["amend", "show", "MX-7"]


def broken_json(ws: Path, _: Path) -> list[str]:
    path = record(ws, "MX-1")
    path.write_bytes(path.read_bytes()[:-40])
    return ["amend", "show", "MX-1"]


def json_array(ws: Path, _: Path) -> list[str]:
    record(ws, "MX-1").write_text("[]", encoding="utf-8")
    return ["amend", "list", SYM]


def forged_acceptance(ws: Path, _: Path) -> list[str]:
    change = {"status": "accepted", "by": "CHAIR", "at": "2006-04-03T00:00:00Z", "note": "", "signature": ""}
    rewrite_record(ws, "MX-1", lambda data: data["history"].append(change))
    return ["rev", "issue", SYM]


def renamed_record(ws: Path, _: Path) -> list[str]:
    record(ws, "MX-1").rename(record(ws, "MX-7"))
    return ["amend", "show", "MX-7"]


def copied_to_other_document(ws: Path, _: Path) -> list[str]:
    other = record(ws, "MX-1", SLUG_EN)
    other.parent.mkdir()
    shutil.copy(record(ws, "MX-1"), other)
    return ["verify"]  # readers never see a record the log did not write; verify names it


def retargeted_to_other_document(ws: Path, _: Path) -> list[str]:
    # US-1 re-signed by its author as a new proposal (US-9) on the other document: its base text is not there.
    path = record(ws, "US-1")
    amendment = Amendment.from_json(path.read_bytes(), str(path))
    amendment.document, amendment.id = SYM_EN, "US-9"
    forge_record(ws, amendment, "US", "propose")
    return ["amend", "show", "US-9"]


def unregistered_member_state(ws: Path, _: Path) -> list[str]:
    # Brazil's demo key is in WGT_KEYS_DIR but was never registered in this workspace's roster.
    assert (SOURCES_DIR / "demo-keys" / "BR.pem").is_file()
    return propose_args("--replace", "buena fe", "--with", "mala fe", by="BR")


@dataclass(frozen=True)
class Row:
    id: str
    setup: Callable[[Path, Path], list[str]]
    expect: str
    code: int = 1
    xfail: str | None = None


ROWS = [
    # -- drafts as XML: entities, DTDs, sizes, malformed files ----------------------
    Row("xxe-external-entity", xxe, "rev0.en.xml: refuses a DOCTYPE or ENTITY declaration"),
    Row("external-dtd", external_dtd, "rev0.en.xml: refuses a DOCTYPE or ENTITY declaration"),
    Row("external-parameter-entity", parameter_entity, "rev0.en.xml: refuses a DOCTYPE or ENTITY declaration"),
    Row("billion-laughs", billion_laughs, "rev0.en.xml: refuses a DOCTYPE or ENTITY declaration"),
    Row("xxe-in-utf16", xxe_utf16, "rev0.en.xml: refuses a DOCTYPE declaration (DTDs and entities"),
    Row("doctype-after-5kb-comment", doctype_after_long_comment, "rev0.en.xml: refuses a DOCTYPE declaration"),
    Row("undeclared-entity", undeclared_entity, "rev0.en.xml: malformed XML: Entity 'xxe' not defined"),
    Row("50mb-text-node", fifty_mb_text_node, "rev0.en.xml: refused: a text node of more than 10 MB (line"),
    Row("100k-deep-nesting", deep_nesting, "rev0.en.xml: refused: elements nested more than 256 deep"),
    Row("truncated-xml", truncated, "rev0.en.xml: malformed XML:"),
    Row("empty-draft", empty_draft, "rev0.en.xml: malformed XML: Document is empty"),
    Row("xinclude-not-signed", xinclude, "rev0.en.xml: changed since rev. 0 was signed by SEC on 2006-04-01"),
    # -- drafts that break the schema or wgt's rules ---------------------------------
    # An unsigned edit is caught by the manifest first; re-signed with the secretariat's
    # key, `validate` still names the file and the violation.
    Row("schema-violation-show", schema_violation, "rev0.en.xml: changed since rev. 0 was signed"),
    Row("schema-violation-validate", schema_violation_validate, "rev0.en.xml: changed since rev. 0 was signed"),
    Row("schema-violation-resigned", schema_violation_resigned, "rev0.en.xml: schema: line 36: Element"),
    Row("duplicate-wid-resigned", duplicate_wid, "rev0.en.xml: wId 'op-"),
    Row("missing-wid-resigned", missing_wid, "rev0.es.xml: its units differ from the en version from unit 8 on"),
    Row("missing-eid-resigned", missing_eid, "rev0.en.xml: unit op-"),
    Row("nfd-draft-resigned", nfd_in_draft, "text 'RECALLING the commitments made by Me\u0301xic' is not Unicode NFC"),
    Row("manifest-damaged", manifest_damaged, "rev0.manifest.json: damaged (not JSON: Expecting property name"),
    Row("manifest-missing", manifest_missing, "rev0.manifest.json: missing; the revision is not signed"),
    Row("config-damaged", config_damaged, "wgt.toml: not valid TOML"),
    Row(
        "roster-wrong-shape",
        roster_wrong_shape,
        "roster.json: not the file the signed log recorded last",
    ),
    # -- paths that lead out of the workspace ----------------------------------------
    Row("draft-file-symlinked-outside", draft_file_symlinked, "rev0.en.xml: leads outside the workspace"),
    Row(
        "drafts-symlinked-outside",
        drafts_symlinked,
        "/drafts/cajp-gt-tm-50-06/rev0.en.xml: leads outside the workspace",
    ),
    Row("drafts-symlinked-import", drafts_symlinked_import, "cajp-gt-tm-60-06: leads outside the workspace"),
    Row("document-folder-symlinked", document_folder_symlinked, f"/{SLUG}/rev0.en.xml: leads outside the workspace"),
    Row("amendments-symlinked-outside", amendments_symlinked, f"amendments/{SLUG}: leads outside the workspace"),
    Row(
        "amendment-file-symlinked-outside",
        amendment_file_symlinked,
        "MX-1.json: leads outside the workspace",
    ),
    Row("workspace-dotdot", literal("--workspace", "../../../nowhere", "list"), "not a wgt workspace (no wgt.toml)"),
    Row("amendment-id-dotdot", literal("amend", "show", "../../x"), "'../../x' is not an amendment id"),
    Row("amendment-id-with-path", literal("amend", "accept", "MX-1/../../x"), "'MX-1/../../x' is not an amendment"),
    Row("symbol-dotdot", literal("show", "CAJP/GT/../../etc/1"), "'CAJP/GT/../../etc/1' is not a document symbol"),
    Row("import-symbol-dotdot", import_symbol_with_dotdot, "'CAJP/GT/TM-50/06/../../../x' is not a document symbol"),
    Row("unit-dotdot", literal(*propose_args("--text", "x", unit="../../x")), "has no paragraph '../../x'"),
    Row("lang-dotdot", literal(*propose_args("--text", "x", lang="../x")), "rev. 0 has no '../x' version"),
    # -- plain-text files to import ---------------------------------------------------
    Row("latin-1-text", latin1, "in.txt: line 1: not UTF-8 (byte 0xf3); save the file as UTF-8"),
    Row("utf-16-with-bom", utf16_bom, "in.txt: is UTF-16; save it as UTF-8 and import again"),
    Row("utf-16-without-bom", utf16_no_bom, "in.txt: is UTF-16; save it as UTF-8 and import again"),
    Row("binary-file", binary_file, "in.txt: line 1: not UTF-8 (byte 0x89)"),
    Row(
        "control-character-in-text",
        control_character,
        "in.txt: line 15: contains the control or invisible character U+0001",
    ),
    Row("nul-in-text", nul_byte, "in.txt: line 5: contains the control or invisible character U+0000"),
    Row("zero-width-in-text", zero_width_in_text, "in.txt: line 7: contains the control or invisible character U+200B"),
    Row("bidi-override-in-text", bidi_in_text, "in.txt: line 11: contains the control or invisible character U+202E"),
    Row("empty-text", empty_text, "in.txt: the file has no text"),
    Row("blank-text", blank_text, "in.txt: the file has no text"),
    Row(
        "es-paragraph-removed",
        es_paragraph_removed,
        "the es text does not have the structure of the en text; first difference at unit 7",
    ),
    Row("es-paragraph-added", es_paragraph_added, "first difference at unit 9: en: (no more units) but es: op4"),
    Row("es-recital-removed", es_recital_removed, "first difference at unit 4"),
    Row("not-a-resolution", not_a_resolution, "in.txt: line 1: expected the enacting formula before this line"),
    Row("shape-unknown", shape_unknown, "in.txt: holds only a header block (OEA/Ser.G | CP/CAJP-2271/05 | "),
    Row("imported-twice", imported_twice, "CAJP/GT/TM-50/06 already exists in en"),
    Row("text-file-missing", missing_file, "nowhere.txt: no such file"),
    Row("directory-as-text-file", directory_as_file, "scratch: is a folder, not a file"),
    Row("unknown-language", unknown_language, "unknown language 'xx'; use one of en, es, fr, pt"),
    Row("bad-date", bad_date, "'2004-13-45' is not a date; write it as YYYY-MM-DD"),
    Row("bad-type", bad_type, "Invalid value for '--type': 'bogus' is not one of", code=2),
    Row(
        "title-control-character",
        titled("Protection\x01of Migrants"),
        "--title: line 1: contains the control or invisible character U+0001",
    ),
    Row(
        "title-bidi-override",
        titled("Protection of \u202eMigrants"),
        "--title: line 1: contains the control or invisible character U+202E",
    ),
    Row("title-given-twice", title_twice, "in.txt: line 1: the text already has a title ('Protection of Migrants"),
    Row("import-by-a-delegation", import_by_delegation, "only the secretariat imports documents; MX is not"),
    # -- proposed text ------------------------------------------------------------------
    Row(
        "zero-width-space",
        literal(*propose_args("--replace", "México", "--with", "Mé\u200bxico")),
        "the text contains an invisible control character U+200B",
    ),
    Row(
        "bidi-override",
        literal(*propose_args("--text", "Exhortar \u202eodnum\u202c a cooperar.")),
        "the text contains an invisible control character U+202E",
    ),
    Row(
        "bidi-isolate-insert",
        literal(*propose_args("--insert", "\u2066y\u2069", "--after", "México")),
        "the text contains an invisible control character U+2066",
    ),
    Row(
        "bom-inside-text",
        literal(*propose_args("--replace", "México", "--with", "\ufeffMéxico")),
        "the text contains an invisible control character U+FEFF",
    ),
    Row(
        "zero-width-joiner-in-old",
        literal(*propose_args("--replace", "Mé\u200dxico", "--with", "Mexico")),
        "the text contains an invisible control character U+200D",
    ),
    Row(
        "zero-width-in-statement",
        literal("amend", "statement", SYM, "--by", "MX", "--text", "a\u200bb"),
        "the statement contains an invisible control character U+200B",
    ),
    Row(
        "bidi-in-justification",
        literal(*propose_args("--replace", "México", "--with", "Mexico", "--justification", "x\u202ey")),
        "the justification contains an invisible control character U+202E",
    ),
    Row(
        "bidi-in-new-unit",
        literal(
            "amend", "propose", SYM, "--by", "MX", "--new-unit", "--after", "op3", "--text", "Nuevo \u200f párrafo."
        ),
        "the new paragraph contains an invisible control character U+200F",
    ),
    Row(
        "control-character-proposed",
        literal(*propose_args("--text", "Exhortar\x01 a cooperar.")),
        "the text contains U+0001, a control character or non-character",
    ),
    Row(
        "lone-surrogate-proposed",
        literal(*propose_args("--text", "Exhortar \ud800 a cooperar.")),
        "the text contains U+D800, a control character or non-character",
    ),
    Row(
        "non-character-proposed",
        literal(*propose_args("--replace", "fe", "--with", "fe\uffff")),
        "the text contains U+FFFF, a control character or non-character",
    ),
    # -- empty proposals ------------------------------------------------------------------
    # `--text ""` is no operation at all; only spaces is one that would empty the unit.
    Row(
        "empty-text-option",
        literal(*propose_args("--text", "")),
        "give exactly one of --replace/--with, --insert, --delete, --text, --edit",
    ),
    Row("blank-text-option", literal(*propose_args("--text", "  \t ")), "the proposal would leave op3 (es) empty"),
    Row(
        "replace-with-itself",
        literal(*propose_args("--replace", "México", "--with", "México")),
        "the proposal does not change op3 (es)",
    ),
    Row("text-unchanged", literal(*propose_args("--text", f"  {OP3_ES} ")), "the proposal does not change op3 (es)"),
    Row("delete-everything", literal(*propose_args("--delete", OP3_ES)), "the proposal would leave op3 (es) empty"),
    Row(
        "replace-missing-words",
        literal(*propose_args("--replace", "Canadá", "--with", "Chile")),
        "'Canadá' is not in op3 (es)",
    ),
    Row("empty-statement", literal("amend", "statement", SYM, "--by", "MX", "--text", ""), "the statement is empty"),
    Row(
        "blank-new-unit",
        literal("amend", "propose", SYM, "--by", "MX", "--new-unit", "--after", "op3", "--text", "  "),
        "the new paragraph's text is empty",
    ),
    # -- amendment files edited by hand, or put where they do not belong ------------------
    Row(
        "patch-edited-by-hand",
        tampered_patch,
        "MX-1.json: amendment MX-1 refused: its es text does not match MX's signature",
    ),
    Row("patch-edited-and-resigned", tampered_patch_resigned, "MX-7 (es): the patch is damaged:"),
    Row("record-json-broken", broken_json, "MX-1.json: damaged amendment record"),
    Row("record-json-array", json_array, "MX-1.json: damaged amendment record"),
    Row(
        "acceptance-forged",
        forged_acceptance,
        "MX-1.json: amendment MX-1 refused: status change 2 (accepted by CHAIR) is not signed",
    ),
    Row("record-renamed", renamed_record, "no amendment MX-7 in this workspace"),
    Row("patch-retargeted-to-other-document", retargeted_to_other_document, "has no paragraph 'op-"),
    Row(
        "patch-copied-to-other-document",
        copied_to_other_document,
        f"{SLUG_EN}/MX-1.json",
    ),
    # -- who, which document, which revision ----------------------------------------------
    Row(
        "unknown-delegation",
        literal(*propose_args("--text", "x", by="ZZ")),
        "unknown delegation 'ZZ': use the ISO 3166 code",
    ),
    Row(
        "unknown-cosponsor",
        literal(*propose_args("--replace", "México", "--with", "Mexico", "--cosponsor", "ZZ")),
        "unknown delegation 'ZZ'",
    ),
    Row("delegation-dotdot", literal(*propose_args("--text", "x", by="../x")), "unknown delegation '../x'"),
    Row("unknown-decider", literal("amend", "accept", "MX-1", "--as", "ZZ"), "unknown delegation 'ZZ'"),
    Row(
        "delegation-accepts",
        literal("amend", "accept", "MX-1", "--as", "MX"),
        "only the chair or the secretariat can accept proposals; MX is a delegation",
    ),
    Row(
        "withdraw-by-another",
        literal("amend", "withdraw", "MX-1", "--by", "US"),
        "MX-1 was proposed by MX; only MX can withdraw it",
    ),
    Row(
        "issue-by-a-delegation",
        literal("rev", "issue", SYM, "--as", "MX"),
        "only the secretariat issues revisions; MX is a delegation",
    ),
    Row("issue-bad-date", literal("rev", "issue", SYM, "--date", "yesterday"), "'yesterday' is not a date"),
    Row(
        "unregistered-member-state",
        unregistered_member_state,
        "register",
    ),
    Row("symbol-not-a-symbol", literal("show", "hello"), "'hello' is not a document symbol"),
    Row("symbol-repeated-suffix", literal("show", f"{SYM} rev. 1 rev. 2"), "repeats a suffix"),
    Row("symbol-unknown", literal("show", "CAJP/GT/TM-99/05"), "no document CAJP/GT/TM-99/05 in this workspace"),
    Row("revision-absent", literal("show", SYM, "--rev", "7"), "CAJP/GT/TM-50/06 has no rev. 7 (revisions: 0)"),
    Row("revision-absent-in-symbol", literal("show", f"{SYM} rev. 3"), "has no rev. 3 (revisions: 0)"),
    Row("revision-negative", literal("show", SYM, "--rev", "-1"), "has no rev. -1 (revisions: 0)"),
    Row(
        "revision-not-a-number",
        literal("show", SYM, "--rev", "x"),
        "Invalid value for '--rev': 'x' is not a valid integer",
        code=2,
    ),
    Row("language-absent", literal("show", SYM, "--lang", "fr"), "has no 'fr' version (languages: en, es)"),
    Row("unit-absent", literal(*propose_args("--text", "x", unit="op99")), "has no paragraph 'op99'"),
    Row("amendment-absent", literal("amend", "show", "MX-99"), "no amendment MX-99 in this workspace"),
    Row(
        "mark-unknown-status",
        literal("mark", SYM, "op1", "bogus"),
        "'bogus' is not one of 'agreed', 'ad-ref', 'open'",
        code=2,
    ),
]


def _params():
    for row in ROWS:
        marks = [pytest.mark.xfail(strict=True, reason=row.xfail)] if row.xfail else []
        yield pytest.param(row, id=row.id, marks=marks)


@pytest.mark.parametrize("row", _params())
def test_hostile_input_is_refused_and_nothing_changes(row: Row, places, run_cli, snapshot: Snapshot) -> None:
    ws, scratch = places
    args = row.setup(ws, scratch)
    if args[0] != "--workspace":
        args = ["--workspace", str(ws), *args]
    before = snapshot(ws), snapshot(scratch)
    code, out, err = run_cli(*args)
    lines = err.strip().splitlines()
    assert code == row.code, f"exit {code}, expected {row.code}: {out}{err}"
    assert lines and lines[-1].startswith("Error: "), err
    assert "Traceback" not in err
    if row.code == 1 and args[2] not in ("validate", "verify"):
        assert len(lines) == 1, f"expected one error line, got {err!r}"
    assert row.expect in err, f"expected {row.expect!r} in {err!r}"
    assert (snapshot(ws), snapshot(scratch)) == before, "a refused command changed files"


def test_the_table_is_big_enough() -> None:
    assert len(ROWS) >= 40
    assert len({row.id for row in ROWS}) == len(ROWS)


# -- the 50 MB text node, in a process of its own: refused without blowing up memory ---

PEAK_SCRIPT = """
import re, sys
from tracker.cli import cli

def peak():  # this process's own high-water mark (ru_maxrss would include the forking parent's)
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1)) * 1024

try:
    cli.main(["--workspace", sys.argv[1], "show", sys.argv[2]], standalone_mode=False)
except Exception as exc:
    print(exc)
print(peak())
"""


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux /proc")
def test_a_50mb_text_node_costs_little_more_than_the_file(places) -> None:
    ws, _ = places
    small = ws.parent / "small"
    shutil.copytree(ws, small, symlinks=True)
    fifty_mb_text_node(ws, ws)

    def peak(workspace: Path) -> tuple[str, int]:
        done = subprocess.run(
            [sys.executable, "-c", PEAK_SCRIPT, str(workspace), SYM], capture_output=True, text=True, check=True
        )
        message, peak = done.stdout.strip().rsplit("\n", 1)
        return message, int(peak)

    message, big = peak(ws)
    assert "refused: a text node of more than 10 MB" in message
    _, baseline = peak(small)
    # The file's own 50 MB must be read; refusing it must not cost another copy of it.
    assert big - baseline < 1.5 * FIFTY_MB, f"peak {big >> 20} MB against {baseline >> 20} MB for the small draft"


# -- inputs accepted by choice ---------------------------------------------------------


def units_of(run_cli, ws: Path, symbol: str, lang: str) -> list[tuple[str, str]]:
    code, out, err = run_cli("--workspace", ws, "show", symbol, "--lang", lang, "--format", "json")
    assert code == 0, err
    return [(u["id"], u["text"]) for u in json.loads(out)["units"]]


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        # Choice: a UTF-8 BOM (what Notepad writes) is accepted and dropped; no U+FEFF is stored.
        ("bom", lambda text: codecs.BOM_UTF8 + text.encode()),
        # Choice: Windows (CRLF) and old Mac (CR) line ends are accepted; they give the same units as LF.
        ("crlf", lambda text: text.replace("\n", "\r\n").encode()),
        ("cr", lambda text: text.replace("\n", "\r").encode()),
        # Choice: NFD text is accepted and stored NFC, so 'México' has one spelling in every draft.
        ("nfd", lambda text: unicodedata.normalize("NFD", text).encode()),
    ],
)
def test_accepted_encodings_give_the_same_units(name, encode, places, run_cli) -> None:
    ws, scratch = places
    path = text_file(scratch, encode(ES), f"{name}.txt")
    code, out, err = run_cli("--workspace", ws, *import_args(path, SYM_EN, "es"))
    assert code == 0, err
    stored = draft(ws, "es", SLUG_EN).read_text(encoding="utf-8")
    assert "\ufeff" not in stored and "\r" not in stored
    assert unicodedata.is_normalized("NFC", stored)
    reference = units_of(run_cli, ws, SYM, "es")
    imported = units_of(run_cli, ws, SYM_EN, "es")
    assert [text for _, text in imported] == [text for _, text in reference]
    assert [wid for wid, _ in imported] == [wid for wid, _ in units_of(run_cli, ws, SYM_EN, "en")]
    assert run_cli("--workspace", ws, "validate")[0] == 0


def test_an_nfd_title_is_stored_nfc(places, run_cli) -> None:
    """Choice: a decomposed --title is accepted and stored composed, like the text it heads."""
    ws, scratch = places
    path = text_file(scratch, EN.split("\n", 2)[2].encode())
    title = unicodedata.normalize("NFD", "Protección de los migrantes de México")
    code, _, err = run_cli("--workspace", ws, *import_args(path, "CAJP/GT/TM-60/06", "en", "--title", title))
    assert code == 0, err
    units = units_of(run_cli, ws, "CAJP/GT/TM-60/06", "en")
    assert units[0][1] == "Protección de los migrantes de México"
    assert unicodedata.is_normalized("NFC", units[0][1])


def test_nfd_accents_in_a_proposal_match_the_nfc_draft(places, run_cli) -> None:
    """`México` typed decomposed (e + U+0301) finds the composed `México` of the draft."""
    ws, _ = places
    nfd = unicodedata.normalize("NFD", "México")
    assert nfd != "México" and len(nfd) == 7
    code, out, err = run_cli(
        "--workspace", ws, *propose_args("--replace", nfd, "--with", unicodedata.normalize("NFD", "Méjico"), by="GT")
    )
    assert (code, out.strip()) == (0, "GT-1"), err
    stored = json.loads(record(ws, "GT-1").read_text(encoding="utf-8"))["texts"]["es"]
    assert stored["text"] == OP3_ES.replace("México", "Méjico")
    assert unicodedata.is_normalized("NFC", stored["patch"] + stored["text"])


def test_characters_outside_the_bmp_round_trip(places, run_cli) -> None:
    """Astral characters (mathematical letters, emoji, CJK extension B) go through propose → issue unchanged."""
    ws, _ = places
    astral = "𝔐𝔦𝔤𝔯𝔞𝔫𝔱𝔰 😀 𠜎"

    def ok(*args: str) -> str:
        code, out, err = run_cli("--workspace", ws, *args)
        assert code == 0, err
        return out

    amendment = ok(*propose_args("--insert", astral, "--after", "todos los migrantes", by="GT", unit="op1")).strip()
    assert astral in ok("amend", "show", amendment)
    ok("amend", "translate", amendment, "--lang", "en", "--insert", astral, "--after", "all migrants")
    ok("amend", "accept", amendment)
    ok("amend", "reject", "MX-1", "US-1")
    ok("rev", "issue", SYM, "--date", "2006-05-01")
    workspace = Workspace.open(ws)
    assert load_draft(workspace, SYM, 1, "es").unit("op1").text.endswith(f"todos los migrantes {astral}.")
    assert load_draft(workspace, SYM, 1, "en").unit("op1").text.endswith(f"all migrants {astral}.")
    assert "verified" in ok("verify")
    assert ok("validate").startswith("Checked five draft files: all valid")


# -- a huge number of amendments on one unit ---------------------------------------------

MANY = 300


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """op3 holds 300 distinct words; 298 MX proposals each replace one of them, US-1 replaces
    w010 (colliding with MX-10) and US-2 deletes w199–w201 (colliding with MX-199..201)."""
    base = tmp_path_factory.mktemp("crowded")
    ws = new_workspace(base / "ws")
    words = " ".join(f"w{i:03d}" for i in range(1, MANY + 1))
    (base / "en.txt").write_text(
        EN.replace("To call on México and all member states to cooperate in good faith.", f"To consider {words}."),
        encoding="utf-8",
    )
    import_document(ws, base / "en.txt", SYM, "en", date="2006-04-01", doc_type="resolution")
    for i in range(1, MANY - 1):
        propose(ws, SYM, "MX", unit="op3", lang="en", operation=Operation("replace", f"w{i:03d}", f"v{i:03d}"))
    propose(ws, SYM, "US", unit="op3", lang="en", operation=Operation("replace", "w010", "x010"))
    propose(ws, SYM, "US", unit="op3", lang="en", operation=Operation("delete", "w199 w200 w201"))
    return ws.root


def test_conflicts_among_300_proposals_on_one_unit_are_quick_and_exact(crowded: Path, run_cli) -> None:
    ws = Workspace.open(crowded)
    started = time.perf_counter()
    collisions, stale = conflicts(ws, SYM)
    elapsed = time.perf_counter() - started
    assert {(c.first, c.second, c.text) for c in collisions} == {
        ("MX-10", "US-1", "w010"),
        ("MX-199", "US-2", "w199"),
        ("MX-200", "US-2", "w200"),
        ("MX-201", "US-2", "w201"),
    }
    assert stale == {}
    assert elapsed < 5, f"conflicts took {elapsed:.1f} s for {MANY} proposals"
    code, out, err = run_cli("--workspace", crowded, "conflicts", SYM, "--format", "json")
    assert code == 0, err
    assert len(json.loads(out)["collisions"]) == 4
    code, out, _ = run_cli("--workspace", crowded, "amend", "list", SYM, "--status", "proposed", "--format", "json")
    assert len(json.loads(out)) == MANY


def test_accepting_two_colliding_proposals_among_300_is_refused(
    crowded: Path, tmp_path: Path, run_cli, snapshot: Snapshot
) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(crowded, ws)
    before = snapshot(ws)
    code, out, err = run_cli("--workspace", ws, "amend", "accept", "MX-10", "US-1")
    assert code == 1
    assert (
        err
        == "Error: cannot accept: MX-10 and US-1 both change 'w010' in op3 (en). Reject one, or ask for a compromise text\n"
    )
    assert snapshot(ws) == before
    # Two that do not collide are accepted.
    code, out, err = run_cli("--workspace", ws, "amend", "accept", "MX-10", "MX-11")
    assert (code, out) == (0, "MX-10 accepted\nMX-11 accepted\n"), err
