"""The faster ways the reading commands find things give what the plain ways give.

* a unit's text slot found by its tags is the one ``find("a:content/a:p")`` finds;
* the NFC check of a whole file at once names the same texts as the check node by node;
* the replay of the log is remembered again only once the log has grown enough.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tracker.akn.namespace import AKN_NS, NS, local
from tracker.akn.parsing import parse_file
from tracker.akn.rules import _not_nfc
from tracker.akn.slots import slot_of
from tracker.i18n import _
from tracker.trust import replayed

REPO = Path(__file__).resolve().parent.parent
REPO_DRAFTS = sorted((REPO / "drafts").rglob("*.xml"))
A = "{" + AKN_NS + "}"

_OLD_PATHS = {
    "formula": "a:p",
    "recitals": "a:intro/a:p",
    "recital": "a:p",
    "section": "a:heading",
    "subsection": "a:heading",
}


def slot_by_paths(unit: etree._Element) -> etree._Element | None:
    """The slot as it was found before, with ElementPath paths: the reference."""
    name = local(unit.tag)
    if name in ("p", "docTitle"):
        return unit
    path = _OLD_PATHS.get(name)
    if path is not None:
        return unit.find(path, NS)
    found = unit.find("a:content/a:p", NS)
    return found if found is not None else unit.find("a:intro/a:p", NS)


def nfc_node_by_node(root: etree._Element) -> list[str]:
    """Every node's texts checked one by one, as the rule did before: the reference."""
    out = []
    for element in root.iter():
        for text in (element.text, element.tail):
            if text and not unicodedata.is_normalized("NFC", text):
                out.append(_("text {text!r} is not Unicode NFC").format(text=text.strip()[:40]))
                break
    return out


NAMES = ["paragraph", "content", "p", "intro", "heading", "recital", "recitals", "formula", "section", "num", "i"]
CHARS = ["a", "e", " ", "\u0301", "\u0300", "\u0323", "\u00e9", "\u1100", "\u1161", "\u11a8", "\u212b", "\u0958"]


@st.composite
def trees(draw) -> etree._Element:
    """Small AKN trees of the elements slots are made of, with any texts (NFC or not) and comments."""
    text = st.lists(st.sampled_from(CHARS), max_size=4).map("".join)

    def grow(element: etree._Element, depth: int) -> None:
        element.text = draw(text)
        for _child in range(draw(st.integers(0, 3 if depth < 3 else 0))):
            if draw(st.integers(0, 5)) == 0:
                child = etree.Comment(draw(text).replace("-", "") or "c")
                element.append(child)
            else:
                child = etree.SubElement(element, A + draw(st.sampled_from(NAMES)))
                grow(child, depth + 1)
            child.tail = draw(text)

    root = etree.Element(A + draw(st.sampled_from(NAMES)))
    grow(root, 0)
    return root


@settings(max_examples=300, deadline=None)
@given(trees())
def test_a_slot_found_by_its_tags_is_the_one_the_paths_find(root):
    for element in root.iter(etree.Element):
        assert slot_of(element) is slot_by_paths(element)


@settings(max_examples=300, deadline=None)
@given(trees())
def test_the_whole_file_nfc_check_names_what_the_node_by_node_check_names(root):
    assert _not_nfc(root) == nfc_node_by_node(root)


@pytest.mark.parametrize("path", REPO_DRAFTS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_the_repository_drafts_slots_and_texts_agree_with_the_plain_ways(path):
    root = parse_file(path).getroot()
    for element in root.iter(etree.Element):
        assert slot_of(element) is slot_by_paths(element)
    assert _not_nfc(root) == [] == nfc_node_by_node(root)


def test_one_text_out_of_nfc_is_named_even_among_a_whole_file_of_good_ones():
    root = parse_file(REPO_DRAFTS[0]).getroot()
    last = list(root.iter(A + "p"))[-1]
    last.text = "Me\u0301xico " + (last.text or "")
    found = _not_nfc(root)
    assert len(found) == 1 and "Me\u0301xico" in found[0]


def test_the_replay_is_remembered_again_only_after_the_log_grew_enough():
    data = b"x" * (3 * replayed.WORTH_IT)
    assert replayed.worth_remembering(None, data)  # nothing remembered (or not for this log)
    assert not replayed.worth_remembering((object(), len(data)), data)  # exactly this log
    assert not replayed.worth_remembering((object(), len(data) - 1000), data)  # one action since
    assert replayed.worth_remembering((object(), len(data) - replayed.WORTH_IT), data)


@pytest.mark.parametrize("layout", ["as written", "crlf", "no trailing newline"])
def test_a_private_key_as_wgt_writes_it_reads_without_the_pem_reader_as_the_reader_reads_it(layout):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from tracker.trust.keys import _plain_pkcs8, public_text

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    pem = {"as written": pem, "crlf": pem.replace(b"\n", b"\r\n"), "no trailing newline": pem.rstrip()}[layout]
    fast = _plain_pkcs8(pem)
    assert fast is not None
    assert fast.private_bytes_raw() == key.private_bytes_raw()
    assert public_text(fast) == public_text(serialization.load_pem_private_key(pem, password=None))


def test_any_other_key_file_is_left_to_the_pem_reader(tmp_path, monkeypatch):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key

    from tracker.errors import WgtError
    from tracker.trust.keys import _plain_pkcs8, load_private_key

    ec = generate_private_key(SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    for data in (ec, b"-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n", b"junk"):
        assert _plain_pkcs8(data) is None
    monkeypatch.setenv("WGT_KEYS_DIR", str(tmp_path))
    (tmp_path / "MX.pem").write_bytes(ec)
    with pytest.raises(WgtError, match="not an Ed25519 key"):
        load_private_key("MX")
    (tmp_path / "MX.pem").write_bytes(b"-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n")
    with pytest.raises(WgtError, match="not a usable private key"):
        load_private_key("MX")


def test_a_commit_writes_its_objects_at_the_fast_zlib_level_and_git_reads_them(tmp_path):
    import shutil
    import subprocess
    import zlib

    from tracker.repo import Person, Repo

    repo = Repo.create(tmp_path)
    text = b"".join(b'{"seq":%d,"act":"propose"}\n' % n for n in range(5000))
    (tmp_path / "log.jsonl").write_bytes(text)
    commit = repo.commit(["log.jsonl"], "one action", Person("Mexico", "mx@example.org"), 1_700_000_000)
    assert repo.read("log.jsonl", commit) == text
    blob = repo.git.revparse_single(f"{commit}:log.jsonl").id
    stored = (tmp_path / ".git" / "objects" / str(blob)[:2] / str(blob)[2:]).read_bytes()
    assert stored[:2] == b"\x78\x01"  # zlib's header for its fastest level
    assert zlib.decompress(stored).split(b"\0", 1)[1] == text
    if shutil.which("git"):
        shown = subprocess.run(["git", "-C", str(tmp_path), "show", f"{commit}:log.jsonl"], capture_output=True)
        assert shown.stdout == text
        assert subprocess.run(["git", "-C", str(tmp_path), "fsck", "--strict"], capture_output=True).returncode == 0


def test_a_remembered_replay_is_taken_only_as_written_and_only_for_its_log(tmp_path, monkeypatch):
    from tracker.trust.log import LogState

    monkeypatch.setenv("WGT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WGT_VERIFY_CACHE", raising=False)
    root = tmp_path / "ws"
    state = LogState()
    state.group, state.hashes = "sha256:group", ["sha256:a", "sha256:b"]
    data = b'{"entry": 1}\n' * (replayed.WORTH_IT // 10)
    replayed.remember(root, data, state)
    found = replayed.recall(root, data + b'{"entry": 2}\n')  # the log grew since: the state is good for its prefix
    assert found is not None and found[1] == len(data)
    assert (found[0].group, found[0].hashes) == (state.group, state.hashes)
    assert replayed.recall(root, b"X" + data[1:]) is None  # another log of the same length
    blob = replayed._path(root).read_bytes()
    for at in (0, 40, len(blob) - 1):  # the MAC, the remembered log's hash, the state itself
        replayed._path(root).write_bytes(blob[:at] + bytes([blob[at] ^ 1]) + blob[at + 1 :])
        assert replayed.recall(root, data) is None
