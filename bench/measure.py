"""One measurement in a fresh process: ``python bench/measure.py OP PARAMS.json``.

Imports what the operation needs, then times the operation itself and prints one
JSON line ``{"seconds": …, "info": {…}}``. The parent process measures the whole
process (wall time, peak RSS through ``wait4``). Operations:

* ``floor``: lxml parse + strict schema validation (``tracker.akn.schema.akn_schema``)
  + serialization of the given XML files (the written ones also written to disk), and
  ``json.loads`` / ``json.dumps`` of the given JSON files — everything held in memory
  at once, as the operation holds it;
* ``rev-issue``, ``conflicts``, ``compare``, ``import``, ``render``: the library's
  public functions, as the CLI calls them;
* ``xmldiff``: the peer, ``xmldiff.main.diff_trees`` with ``uniqueattrs=['wId']``
  (optionally its XML redline formatter, or ``fast_match``);
* ``naive``: one diff-match-patch diff and patch over the whole document text.

This file imports nothing from ``bench`` so that a measurement pays for nothing else.
With ``BENCH_PROFILE=FILE`` the operation runs under cProfile (stopped after
``BENCH_PROFILE_LIMIT`` seconds) and the stats are written to FILE.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

WGT_NS = "https://wgt.oas.example/ns/1.0"


def op_floor(p: dict) -> dict:
    from lxml import etree

    from tracker.akn.schema import akn_schema

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    out = Path(p["out"])
    written = set(p.get("xml_written", []))
    held = []
    schema = akn_schema()
    invalid = 0
    for name in [*p.get("xml_read", []), *p.get("xml_written", [])]:
        tree = etree.parse(name, parser)
        if not schema.validate(tree):
            invalid += 1
        data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
        if name in written:
            (out / Path(name).name).write_bytes(data)
        held.append((tree, data))
    json_written = set(p.get("json_written", []))
    for name in [*p.get("json_read", []), *p.get("json_written", [])]:
        raw = Path(name).read_bytes()
        # The workspace's log is JSON lines: one value per line.
        value = [json.loads(line) for line in raw.splitlines()] if name.endswith(".jsonl") else json.loads(raw)
        if name in json_written:
            data = (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
            (out / f"{len(held)}-{Path(name).name}").write_bytes(data)
        held.append(value)
    return {"files": len(held), "invalid": invalid}


def op_rev_issue(p: dict) -> dict:
    from tracker.amendments.consolidate import issue_revision
    from tracker.workspace import Workspace

    def run():
        ws = Workspace.open(Path(p["ws"]))
        return issue_revision(ws, p["symbol"], date=p["date"])

    result = timed(run)
    return {"incorporated": len(result.incorporated), "statements": len(result.statements)}


def op_conflicts(p: dict) -> dict:
    from tracker.amendments.proposals import conflicts
    from tracker.workspace import Workspace

    def run():
        ws = Workspace.open(Path(p["ws"]))
        return conflicts(ws, p["symbol"])

    collisions, stale = timed(run)
    return {"collisions": len(collisions), "stale": len(stale)}


def op_compare(p: dict) -> dict:
    from tracker.compare import compare_revisions
    from tracker.workspace import Workspace

    def run():
        ws = Workspace.open(Path(p["ws"]))
        return compare_revisions(ws, p["symbol"], p["from"], p["to"], p["lang"])

    comparison = timed(run)
    changed = sorted(u.wid for u in comparison.changed)
    if p.get("changed_out"):
        Path(p["changed_out"]).write_text(json.dumps(changed), encoding="utf-8")
    statuses: dict[str, int] = {}
    for u in comparison.changed:
        statuses[u.status] = statuses.get(u.status, 0) + 1
    return {"units": len(comparison.units), "changed": len(changed), "statuses": statuses}


def op_import(p: dict) -> dict:
    from tracker.documents import import_document
    from tracker.workspace import Workspace

    def run():
        ws = Workspace.open(Path(p["ws"]))
        return import_document(ws, Path(p["source"]), p["symbol"], p["lang"], date=p["date"], doc_type="resolution")

    _, draft = timed(run)
    return {"units": len(draft.units())}


def op_render(p: dict) -> dict:
    from tracker.documents import load_draft
    from tracker.render import render
    from tracker.workspace import Workspace

    def run():
        ws = Workspace.open(Path(p["ws"]))
        draft = load_draft(ws, p["symbol"], p["rev"], p["lang"])
        result = render(draft, p["format"])
        data = result if isinstance(result, bytes) else result.encode("utf-8")
        Path(p["out"]).write_bytes(data)
        return len(data)

    return {"bytes": timed(run)}


def op_xmldiff(p: dict) -> dict:
    from lxml import etree
    from xmldiff import formatting, main

    options = {"uniqueattrs": ["wId"]}
    if p.get("fast_match"):
        options["fast_match"] = True

    def run():
        left, right = etree.parse(p["left"]), etree.parse(p["right"])
        # Our files declare the wgt namespace on each metadata element; xmldiff's
        # formatter cannot resolve such prefixes, so it is declared once at the root.
        for tree in (left, right):
            etree.cleanup_namespaces(tree, top_nsmap={"wgt": WGT_NS})
        formatter = formatting.XMLFormatter(normalize=formatting.WS_BOTH) if p.get("formatter") else None
        return left, main.diff_trees(left, right, diff_options=options, formatter=formatter)

    left, result = timed(run)
    info = {"output_chars" if isinstance(result, str) else "actions": len(result)}
    if p.get("changed_out") and not isinstance(result, str):
        original = etree.parse(p["left"])
        etree.cleanup_namespaces(original, top_nsmap={"wgt": WGT_NS})
        changed, moved = xmldiff_units(original, result)
        Path(p["changed_out"]).write_text(json.dumps(sorted(changed)), encoding="utf-8")
        info.update(changed=len(changed), moved_units=len(moved))
    return info


UNIT_TAGS = {"recital", "recitals", "paragraph", "subparagraph", "section", "subsection", "formula", "docTitle"}


def xmldiff_units(left, actions) -> tuple[set[str], set[str]]:
    """The units whose words, footnotes or existence xmldiff's actions change (renumbering aside).

    The actions are replayed on the left tree one by one (each names nodes in the
    tree as the previous ones left it) and each is attributed to the unit (the
    nearest element with a ``wId``) it touches. Changes to numbers, eIds, note
    markers, metadata and indentation are renumbering and bookkeeping, not changes;
    a unit xmldiff moves is reported apart.
    """
    from xmldiff import actions as a
    from xmldiff.patch import Patcher

    patcher = Patcher()
    changed: set[str | None] = set()
    moved: set[str] = set()
    fresh: list = []  # elements inserted by the actions (kept alive: lxml keeps their identity)
    fresh_ids: set[int] = set()

    def local(node) -> str:
        return node.tag.rpartition("}")[2] if isinstance(node.tag, str) else ""

    def unit_of(node):
        for element in (node, *node.iterancestors()):
            if local(element) == "meta":
                return None
            if element.get("wId"):
                return element.get("wId")
        return None

    def is_fresh(node) -> bool:
        return any(id(e) in fresh_ids for e in (node, *node.iterancestors()))

    def differs(action) -> bool:
        return (action.text or "").strip() != (getattr(action, "oldtext", None) or "").strip()

    root = left.getroot()
    spaces = action_namespaces(root)
    patcher._nsmap = spaces  # what Patcher.patch() would set
    for action in actions:
        path = getattr(action, "node", None) or getattr(action, "target", None)
        found = root.xpath(path, namespaces=spaces) if path else []
        node = found[0] if found else None
        if node is None or is_fresh(node):
            if isinstance(action, a.InsertAttrib) and action.name == "wId":
                changed.add(action.value)  # a new unit
            patcher.handle_action(action, root)
            continue
        if isinstance(action, a.UpdateTextIn) and local(node) != "num" and differs(action):
            changed.add(unit_of(node))
        elif isinstance(action, a.UpdateTextAfter) and differs(action):
            parent = node.getparent()
            changed.add(unit_of(parent if parent is not None else node))
        elif isinstance(action, a.InsertNode) and action.tag.rpartition("}")[2] not in UNIT_TAGS | {"num"}:
            changed.add(unit_of(node))
        elif isinstance(action, a.InsertAttrib) and action.name == "wId":
            changed.add(action.value)
        elif isinstance(action, a.UpdateAttrib) and action.name == "wId":
            changed.update((node.get("wId"), action.value))
        elif isinstance(action, a.DeleteNode):
            changed.add(node.get("wId") or unit_of(node))
        elif isinstance(action, a.MoveNode):
            if node.get("wId"):
                moved.add(node.get("wId"))
            else:
                changed.add(unit_of(node))
        patcher.handle_action(action, root)
        if isinstance(action, a.InsertNode):
            inserted = node[action.position] if action.position < len(node) else node[-1]
            fresh.append(inserted)
            fresh_ids.add(id(inserted))
        elif isinstance(action, a.MoveNode) and not node.get("wId"):
            changed.add(unit_of(node))
    changed.discard(None)
    return changed, moved


def action_namespaces(root) -> dict:
    spaces = {k: v for k, v in root.nsmap.items() if k}
    spaces.setdefault("wgt", WGT_NS)
    return spaces


def op_naive(p: dict) -> dict:
    from diff_match_patch import diff_match_patch
    from lxml import etree

    def whole_text(path: str) -> str:
        root = etree.parse(path).getroot()
        body = root[0]
        parts = [
            etree.tostring(child, method="text", encoding="unicode")
            for child in body
            if not child.tag.endswith("}meta")
        ]
        return "".join(parts)

    def run():
        before, after = whole_text(p["left"]), whole_text(p["right"])
        dmp = diff_match_patch()
        dmp.Diff_Timeout = p.get("timeout", 1.0)
        diffs = dmp.diff_main(before, after)
        dmp.diff_cleanupSemantic(diffs)
        patch_text = dmp.patch_toText(dmp.patch_make(before, diffs))
        result, applied = dmp.patch_apply(dmp.patch_fromText(patch_text), before)
        return before, after, diffs, result, applied

    before, after, diffs, result, applied = timed(run)
    changed_chars = sum(len(text) for op, text in diffs if op != 0)
    return {
        "chars": len(before),
        "changed_chars": changed_chars,
        "hunks_applied": f"{sum(applied)}/{len(applied)}",
        "reproduced": result == after,
    }


# ---------------------------------------------------------------------------

_TIMES: list[float] = []


def timed(fn):
    """Run ``fn`` (the operation proper), under cProfile when asked; record its duration."""
    profile_to = os.environ.get("BENCH_PROFILE")
    started = time.perf_counter()
    if not profile_to:
        result = fn()
        _TIMES.append(time.perf_counter() - started)
        return result
    import cProfile
    import signal

    class Stop(BaseException):
        pass

    def stop(signum, frame):
        raise Stop

    limit = int(float(os.environ.get("BENCH_PROFILE_LIMIT", "0")))
    signal.signal(signal.SIGALRM, stop)
    profiler = cProfile.Profile()
    if limit:
        signal.alarm(limit)
    profiler.enable()
    try:
        result = fn()
    except Stop:
        result = None
    finally:
        profiler.disable()
        signal.alarm(0)
        profiler.dump_stats(profile_to)
    _TIMES.append(time.perf_counter() - started)
    if result is None:
        print(json.dumps({"seconds": _TIMES[-1], "info": {"profile": "stopped at the time limit"}}))
        sys.exit(0)
    return result


OPS = {
    "floor": op_floor,
    "rev-issue": op_rev_issue,
    "conflicts": op_conflicts,
    "compare": op_compare,
    "import": op_import,
    "render": op_render,
    "xmldiff": op_xmldiff,
    "naive": op_naive,
}


def main() -> int:
    op, params = sys.argv[1], json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    if op == "floor":
        import lxml.etree  # noqa: F401  (imports are not the floor's work)

        import tracker.akn.schema  # noqa: F401

        info = timed(lambda: op_floor(params))
    else:
        info = OPS[op](params)
    print(json.dumps({"seconds": _TIMES[-1], "info": info}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
