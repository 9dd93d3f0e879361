"""Deterministic generator of realistic bilingual workspaces for the benchmarks.

``generate_workspace(root, units, proposals, seed)`` makes, under ``root`` (a temporary
folder, never the repository):

* ``sources/draft.en.txt`` and ``draft.es.txt``: a draft resolution of ``units`` units
  in the exact plain-text shape the importer reads (title, ``THE GENERAL ASSEMBLY,``,
  preambular paragraphs and ``CONSIDERING:`` groups, ``RESOLVES:``, numbered operative
  paragraphs with lettered sub-paragraphs, appendices with Roman-numbered items), the
  Spanish file line for line like the English one, paragraphs of 40–120 words;
* ``ws/``: a workspace made with the library (``Workspace.init``, ``import_document``
  for both languages), a first round of amendments against rev. 0 with 5 % of the units
  changed and issued as rev. 1 (``issue_revision``), then ``proposals`` open proposals
  from the 35 OAS delegations — replace, insert and delete words, new and deleted units,
  statements, some colliding, some written against rev. 0, some stale — half of them
  accepted, plus rejected and withdrawn ones and the chair's marks;
* ``keys/``: the participants' private keys (``WGT_KEYS_DIR``), registered in the roster;
* ``bench.json``: what was generated (counts, paths, timings).

Records are written either through the library's own functions one by one
(``writer="library"``: ``propose``, ``translate``, ``add_statement``, ``decide``,
``withdraw`` — far too slow for 20,000 proposals) or directly (``writer="direct"``) with
the same record, patch and signing functions those use (``Amendment``, ``make_patch``,
``text_hash``, ``apply_operation``, ``seal_new``/``seal_status``). Both follow one plan;
``equivalence_check`` proves they write the same records.

Everything that depends on the workspace's trust set-up (keys, signatures) is in
:func:`make_workspace` and :class:`DirectWriter` only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from bench import texts

SYMBOL = "CAJP/GT/TM-50/05"
BODY = "CAJP/GT/TM"
BODY_NAME = "Working Group on the Human Rights of Migrants (benchmark)"
DATE_REV0 = "2005-01-20"
DATE_REV1 = "2005-03-15"
DATE_REV2 = "2005-05-02"
LANGS = ("en", "es")
#: Default number of open proposals for each size (the issue: 500 to 20,000).
DEFAULT_PROPOSALS = {1000: 500, 10000: 10000, 40000: 20000}
#: The command rows' largest negotiation (issue 15): this many proposals on 10,000 units, full bench only.
MANY_PROPOSALS = 100_000
SPANISH_SPEAKING = set("AR BO CL CO CR CU DO EC SV GT HN MX NI PA PY PE UY VE".split())
#: The importer reads operative numbers of at most three digits and one letter per sub-paragraph.
MAX_OPERATIVE = 999
MAX_SUBS = 26
MAX_ITEMS = 30


def delegations() -> list[str]:
    from tracker.participants import OAS_MEMBER_STATES

    return sorted(OAS_MEMBER_STATES)


# ---------------------------------------------------------------------------
# Plain-text sources
# ---------------------------------------------------------------------------


def source_lines(units: int, seed: int) -> tuple[list[str], list[str], dict[str, int]]:
    """The English and Spanish lines of a draft with exactly ``units`` units, and its shape."""
    if units < 40:
        raise ValueError("a generated draft needs at least 40 units")
    rng = random.Random(f"sources-{seed}-{units}")
    annex_units = max(3, round(units * 0.08))
    # The same shares at every size (operative paragraphs stop at 999, the importer's three digits,
    # so larger drafts have more sub-paragraphs per paragraph): scaling compares like with like.
    op_units = min(round(units * 0.47), MAX_OPERATIVE * (MAX_SUBS - 4))
    pre_units = units - 3 - annex_units - op_units  # title, enacting and resolving formulas
    en: list[str] = []
    es: list[str] = []

    def line(pair: tuple[str, str], blank: bool = True) -> None:
        en.append(pair[0])
        es.append(pair[1])
        if blank:
            en.append("")
            es.append("")

    line(
        (
            f"The Human Rights of All Migrant Workers and Their Families (negotiating text of {units:,} units)",
            "Los derechos humanos de todos los trabajadores migratorios y de sus familias "
            f"(texto de negociación de {units:,} unidades)".replace(",", "."),
        )
    )
    line(("THE GENERAL ASSEMBLY,", "LA ASAMBLEA GENERAL,"))
    shape = {"recitals": 0, "groups": 0, "operative": 0, "subparagraphs": 0, "appendices": 0, "items": 0}
    left = pre_units
    while left > 0:
        size = rng.randint(2, 6)
        if left >= 3 and rng.random() < 0.3:
            size = min(size, left - 1)
            line(rng.choice(texts.GROUP_OPENERS))
            for _ in range(size):
                line(texts.recital(rng, grouped=True))
            left -= size + 1
            shape["groups"] += 1
            shape["recitals"] += size
        else:
            line(texts.recital(rng, grouped=False))
            left -= 1
            shape["recitals"] += 1
    line(("RESOLVES:", "RESUELVE:"), blank=False)
    paragraphs = min(MAX_OPERATIVE, max(1, op_units // 3))
    subs = [0] * paragraphs
    eligible = list(range(paragraphs))
    if (op_units - paragraphs) < 0.6 * paragraphs * MAX_SUBS:
        eligible = sorted(rng.sample(eligible, max(1, int(paragraphs * 0.6))))
    for _ in range(op_units - paragraphs):
        while True:
            i = rng.choice(eligible)
            if subs[i] < MAX_SUBS:
                subs[i] += 1
                break
    for i, count in enumerate(subs, start=1):
        body = texts.operative(rng, intro=count > 0)
        if rng.random() < 0.6:
            line((f"{i}.", f"{i}."), blank=False)
            line(body)
        else:
            line((f"{i}. {body[0]}", f"{i}. {body[1]}"))
        for j in range(count):
            letter = chr(ord("a") + j)
            sub = texts.subparagraph(rng)
            line((f"{letter}. {sub[0]}", f"{letter}. {sub[1]}"), blank=False)
        if count:
            line(("", ""), blank=False)
        shape["operative"] += 1
        shape["subparagraphs"] += count
    appendices = max(1, -(-annex_units // (MAX_ITEMS + 3)))
    left = annex_units
    for k in range(appendices):
        share = left // (appendices - k)
        left -= share
        items = max(1, share - 3)
        headings = share - 1 - items  # the APPENDIX line is a unit too
        name = ("APPENDIX", "APÉNDICE") if k == 0 else (f"ANNEX {k}", f"ANEXO {k}")
        line(name, blank=False)
        heads = [
            (
                "AGENDA FOR A SPECIAL MEETING OF THE WORKING GROUP",
                "TEMARIO PARA UNA REUNIÓN ESPECIAL DEL GRUPO DE TRABAJO",
            ),
            (
                f"(Approved by the Working Group in {rng.choice(texts.PLACES)})",
                f"(Aprobado por el Grupo de Trabajo en {rng.choice(texts.PLACES)})",
            ),
        ]
        for h in range(headings):
            line(heads[h % 2])
        for n in range(1, items + 1):
            item = texts.appendix_item(rng)
            line((f"{texts.roman(n)}. {item[0]}", f"{texts.roman(n)}. {item[1]}"))
        shape["appendices"] += 1
        shape["items"] += items
    return en, es, shape


def write_sources(folder: Path, units: int, seed: int) -> tuple[Path, Path, dict[str, int]]:
    """Write ``draft.en.txt`` and ``draft.es.txt`` (UTF-8) into ``folder``."""
    en, es, shape = source_lines(units, seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / "draft.en.txt", folder / "draft.es.txt"
    for path, lines in zip(paths, (en, es)):
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths[0], paths[1], shape


# ---------------------------------------------------------------------------
# The workspace (the one place that knows about keys and the roster)
# ---------------------------------------------------------------------------


def participants() -> dict:
    from tracker.participants import Participant
    from tracker.workspace import default_participants

    people = default_participants()
    people["SEC"] = Participant("SEC", "secretariat", "Technical Secretariat", "en")
    people["CHAIR"] = Participant("CHAIR", "chair", "Chair of the Working Group", "es")
    for code in delegations():
        people[code] = Participant(code, "delegation", None, "es" if code in SPANISH_SPEAKING else "en")
    return people


def make_workspace(root: Path, keys: Path):
    """A fresh workspace at ``root`` whose participants all have keys in ``keys`` (``WGT_KEYS_DIR``).

    Everything the trust layer needs is done here: if it changes (another key
    layout, a roster command), this is the function to adapt. The group is
    founded by SEC and every participant's key request approved, as a
    secretariat setting up a real group would.
    """
    from tracker.trust.governance import enroll, found
    from tracker.trust.keys import create_key, key_path
    from tracker.workspace import Config

    os.environ["WGT_KEYS_DIR"] = str(keys)
    people = participants()
    for code in people:
        if not key_path(code).exists():
            create_key(code, None)
    ws, _made = found(root, Config(BODY, list(LANGS), BODY_NAME, people), "SEC")
    for code in people:
        if code != "SEC":
            enroll(ws, code)
    return ws


# ---------------------------------------------------------------------------
# The plan: what every delegation proposes, and what becomes of it
# ---------------------------------------------------------------------------


@dataclass
class UnitInfo:
    wid: str
    kind: str
    label: str
    texts: dict[str, str]
    parent_key: str  # the parent element's path (one deletion per parent)
    deletable: bool
    editable: bool


@dataclass
class Planned:
    """One record to write: the proposal, its language versions and its fate."""

    id: str
    by: str
    kind: str  # modify | new-unit | delete-unit | statement
    base_rev: int
    lang: str
    unit: str | None = None
    after: str | None = None
    ops: dict = field(default_factory=dict)  # lang -> Operation (modify)
    texts: dict = field(default_factory=dict)  # lang -> text (new-unit, statement)
    fate: str = "proposed"  # accepted | proposed | rejected | withdrawn
    decided_in: int = 1  # the round in which the fate is decided
    cosponsors: list = field(default_factory=list)
    justification: str = ""
    tag: str = ""  # why it exists: changes-rev1, carried, stale, collides, single-language …
    region: int | None = None  # the third of the unit its words are in (plain open proposals)


def unit_infos(draft) -> list[UnitInfo]:
    """What the planner needs of each unit of a draft, through the public Draft/Unit API."""
    units = draft.units()
    wids = {u.wid for u in units}
    out = []
    for u in units:
        element = u.element
        parent = element.getparent()
        same = [c for c in parent if c.tag == element.tag and c.get("wId")]
        has_children = any(d.get("wId") in wids for d in element.iterdescendants() if d is not element)
        words = len(u.text.split())
        out.append(
            UnitInfo(
                u.wid,
                u.kind,
                u.label,
                {draft.meta.lang: u.text},
                parent.getroottree().getpath(parent),
                deletable=u.kind in ("recital", "paragraph", "subparagraph") and not has_children and len(same) >= 2,
                editable=u.kind in ("recital", "paragraph", "subparagraph") and words >= 20,
            )
        )
    return out


def merged_infos(drafts: dict) -> dict[str, UnitInfo]:
    """Units of a revision in both languages (the structures are aligned by wId)."""
    first, *others = (unit_infos(drafts[lang]) for lang in LANGS)
    infos = {u.wid: u for u in first}
    for other in others:
        for u in other:
            infos[u.wid].texts.update(u.texts)
    return infos


_WORD = re.compile(r"\S+")


#: Words a generated amendment may change: lower-case words and their commas, never a number, a
#: symbol, a date, a name or a bracket. Each language's span is drawn on its own, so anything that
#: must read the same in both (what ``rev issue``'s language check blocks on) is left alone.
_PLAIN = re.compile(r"[^\W\d_A-Z]+(?:[ ,;]+[^\W\d_A-Z]+)*")
#: Spanish month names are written in lower case: a span holding one would cut a date.
_MONTHS = {
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
}


def find_span(text: str, region: int, rng: random.Random) -> str | None:
    """Some plain words in the ``region``-th third of ``text`` (away from its edges), occurring once."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    n = len(words)
    lo, hi = region * n // 3 + 2, (region + 1) * n // 3 - 2
    if hi - lo < 2:
        return None
    for _ in range(8):
        i = rng.randrange(lo, hi - 1)
        for k in range(rng.randint(1, 3), hi - i + 1):
            span = text[words[i][0] : words[i + k - 1][1]]
            if not _PLAIN.fullmatch(span) or span.lower() != span or _MONTHS & set(re.findall(r"\w+", span)):
                break  # a longer span from here holds the same number, name or sign
            if text.count(span) == 1:
                return span
    return None


class Planner:
    """Chooses proposals deterministically from ``seed``; keeps accepted ones free of collisions."""

    def __init__(self, seed: int, units: int, proposals: int) -> None:
        self.rng = random.Random(f"plan-{seed}-{units}-{proposals}")
        self.units = units
        self.proposals = proposals
        self.counters: dict[str, int] = {}
        codes = delegations()
        self.rng.shuffle(codes)
        self.codes = codes
        self.weights = [1 / (rank + 1) ** 0.6 for rank in range(len(codes))]  # some delegations are busier
        self.accepted_base: dict[str, int] = {}  # unit -> revision its accepted edits were written against
        self.accepted_regions: dict[str, set[int]] = {}
        self.accepted_spans: list[tuple[str, int, dict[str, str]]] = []  # unit, base rev, lang -> span
        self.reserved: set[str] = set()  # units an accepted deletion, new unit or statement relies on
        self.kept: set[str] = set()  # units no accepted edit or deletion touches in round 2 (timing targets)
        self.deleted_parents: set[str] = set()
        self.r1_spans: list[tuple[str, dict[str, str]]] = []
        self.r1_deleted: list[str] = []

    # -- helpers -------------------------------------------------------------
    def delegation(self) -> str:
        return self.rng.choices(self.codes, self.weights)[0]

    def new_id(self, by: str) -> str:
        self.counters[by] = self.counters.get(by, 0) + 1
        return f"{by}-{self.counters[by]}"

    def base(self, by: str, base_rev: int, kind: str, tag: str) -> Planned:
        lang = "es" if by in SPANISH_SPEAKING else "en"
        p = Planned("", by, kind, base_rev, lang, tag=tag)
        if self.rng.random() < 0.15:
            others = [c for c in self.codes if c != by]
            p.cosponsors = sorted(self.rng.sample(others, self.rng.randint(1, 3)))
        if self.rng.random() < 0.2:
            p.justification = (
                "Reforzar la protección de los migrantes."
                if lang == "es"
                else "To strengthen the protection of migrants."
            )
        return p

    def operations(self, info: UnitInfo, region: int, langs=LANGS, spans: dict | None = None):
        """One operation per language on the words of ``region`` (or on the given spans)."""
        from tracker.amendments.operations import Operation

        kind = self.rng.choice(["replace", "replace", "insert", "delete"])
        words = texts.amendment_words(self.rng)
        ops, used = {}, {}
        for lang in langs:
            span = spans[lang] if spans else find_span(info.texts[lang], region, self.rng)
            if span is None:
                return None, None
            new = words[LANGS.index(lang)]
            if kind == "replace" and new != span:
                ops[lang] = Operation("replace", old=span, new=new)
            elif kind in ("insert", "replace"):  # replacing words by themselves would change nothing
                ops[lang] = Operation("insert", new=new, anchor=span)
            else:
                ops[lang] = Operation("delete", old=span)
            used[lang] = span
        return ops, used

    def order(self, p: Planned) -> list[str]:
        return [p.lang, *(lang for lang in LANGS if lang != p.lang)]

    # -- round 1: against rev. 0 -----------------------------------------------
    def round1(self, infos: dict[str, UnitInfo]) -> list[Planned]:
        rng = self.rng
        units = list(infos.values())
        editable = [u for u in units if u.editable]
        rng.shuffle(editable)
        plan: list[Planned] = []
        n_changes = max(3, round(self.units * 0.05))
        n_new = max(1, n_changes // 20)
        n_del = max(1, n_changes // 20)
        used: set[str] = set()
        # Accepted in round 1 and incorporated in rev. 1: 5 % of the units change.
        for u in editable:
            if len(plan) >= n_changes - n_new - n_del:
                break
            p = self.base(self.delegation(), 0, "modify", "changes-rev1")
            ops, spans = self.operations(u, 0, self.order(p))
            if ops is None:
                continue
            p.unit, p.ops, p.fate = u.wid, ops, "accepted"
            used.add(u.wid)
            self.r1_spans.append((u.wid, spans))
            plan.append(p)
        for u in (u for u in units if u.deletable and u.wid not in used and u.parent_key not in self.deleted_parents):
            if n_del == 0:
                break
            p = self.base(self.delegation(), 0, "delete-unit", "changes-rev1")
            p.unit, p.fate = u.wid, "accepted"
            used.add(u.wid)
            self.deleted_parents.add(u.parent_key)
            self.r1_deleted.append(u.wid)
            plan.append(p)
            n_del -= 1
        anchors = [u for u in units if u.kind in ("paragraph", "recital") and u.wid not in used]
        for u in rng.sample(anchors, min(n_new, len(anchors))):
            plan.append(self.new_unit(u, 0, "accepted", "changes-rev1"))
            used.add(u.wid)
        for u in rng.sample([u for u in units if u.wid not in used], max(1, self.units // 200)):
            plan.append(self.statement(u, 0, "changes-rev1"))
        self.r1_used = used
        # Written against rev. 0, still open after rev. 1 (carried); half accepted in round 2.
        n_carried = round(self.proposals * 0.10)
        candidates = [u for u in editable if u.wid not in self.r1_deleted]
        rng.shuffle(candidates)
        accepted_goal = n_carried // 2
        for u in candidates:
            if accepted_goal == 0:
                break
            p = self.base(self.delegation(), 0, "modify", "carried")
            ops, spans = self.operations(u, 2, self.order(p))
            if ops is None or u.wid in self.accepted_base:
                continue
            p.unit, p.ops, p.fate, p.decided_in = u.wid, ops, "accepted", 2
            self.accept_edit(u.wid, 0, 2, spans)
            plan.append(p)
            accepted_goal -= 1
        stale_goal = (n_carried - n_carried // 2) * 2 // 5
        for wid, spans in self.r1_spans[:stale_goal]:  # the same words as a change rev. 1 made
            p = self.base(self.delegation(), 0, "modify", "stale")
            ops, _ = self.operations(infos[wid], 0, self.order(p), spans={lang: spans[lang] for lang in LANGS})
            p.unit, p.ops = wid, ops
            plan.append(p)
        for wid in self.r1_deleted[: max(0, stale_goal - len(self.r1_spans))]:
            p = self.base(self.delegation(), 0, "modify", "stale")
            ops, _ = self.operations(infos[wid], 1, [p.lang]) if infos[wid].editable else (None, None)
            if ops:
                p.unit, p.ops = wid, ops
                plan.append(p)
        carried_open = n_carried - sum(1 for p in plan if p.tag in ("carried", "stale"))
        for u in candidates[-carried_open:] if carried_open > 0 else []:
            p = self.base(self.delegation(), 0, "modify", "carried")
            langs = self.order(p) if rng.random() < 0.7 else [p.lang]
            ops, _ = self.operations(u, 1, langs)
            if ops is None:
                continue
            p.unit, p.ops = u.wid, ops
            plan.append(p)
        plan += self.closed(units, 0, round(self.proposals * 0.03))
        return self.shuffled(plan)

    # -- round 2: against rev. 1 ----------------------------------------------
    def round2(self, infos: dict[str, UnitInfo], carried: list[Planned]) -> list[Planned]:
        rng = self.rng
        units = [u for u in infos.values()]
        editable = [u for u in units if u.editable]
        plan: list[Planned] = []
        open_goal = self.proposals - len(carried)
        accept_goal = self.proposals // 2 - sum(1 for p in carried if p.fate == "accepted")
        n_new = max(1, accept_goal * 6 // 100)
        n_del = max(1, accept_goal * 6 // 100)
        # Forty units, chosen without the random stream, get no accepted edit or deletion here:
        # accepting an open proposal on one collides with nothing (bench/commands.py times it).
        # (Not units an edit carried from rev. 0 was accepted on, nor, below, ones a statement is on.)
        keepable = [u for u in editable if u.wid not in self.accepted_base]
        self.kept = {u.wid for u in keepable[:: max(1, len(keepable) // 40)][:40]}
        # Accepted deletions: leaves only, one per parent, nothing else accepted on them.
        deletable = [u for u in units if u.deletable and u.wid not in self.accepted_base and u.wid not in self.kept]
        rng.shuffle(deletable)
        for u in deletable:
            if n_del == 0:
                break
            if u.parent_key in self.deleted_parents:
                continue
            p = self.base(self.delegation(), 1, "delete-unit", "accepted")
            p.unit, p.fate = u.wid, "accepted"
            self.deleted_parents.add(u.parent_key)
            self.reserved.add(u.wid)
            plan.append(p)
            n_del -= 1
        anchors = [
            u for u in units if u.kind in ("paragraph", "subparagraph", "recital") and u.wid not in self.reserved
        ]
        for u in rng.sample(anchors, min(n_new, len(anchors))):
            plan.append(self.new_unit(u, 1, "accepted", "accepted"))
            self.reserved.add(u.wid)
        # Accepted word changes: at most one per third of a unit, all against one revision per unit.
        excluded = self.reserved | self.kept
        slots = [(u, r) for u in editable for r in range(3) if u.wid not in excluded]
        rng.shuffle(slots)
        goal = accept_goal - len(plan)
        for u, region in slots:
            if goal <= 0:
                break
            if self.accepted_base.get(u.wid, 1) != 1 or region in self.accepted_regions.get(u.wid, set()):
                continue
            p = self.base(self.delegation(), 1, "modify", "accepted")
            ops, spans = self.operations(u, region, self.order(p))
            if ops is None:
                continue
            p.unit, p.ops, p.fate = u.wid, ops, "accepted"
            self.accept_edit(u.wid, 1, region, spans)
            plan.append(p)
            goal -= 1
        # Open proposals: statements, collisions, single-language, structure, plain.
        statements = round(self.proposals * 0.05)
        colliding = round(self.proposals * 0.15)
        single = round(self.proposals * 0.10)
        structural = round(self.proposals * 0.05)
        free = [u for u in units if u.wid not in self.reserved and u.wid not in self.kept]
        for u in rng.sample(free, min(statements, len(free))):
            plan.append(self.statement(u if rng.random() < 0.9 else None, 1, "statement"))
        rev1_spans = [s for s in self.accepted_spans if s[1] == 1]
        for wid, _, spans in rng.sample(rev1_spans, min(colliding, len(rev1_spans))):
            p = self.base(self.delegation(), 1, "modify", "collides")
            ops, _ = self.operations(infos[wid], 0, self.order(p), spans=spans)
            p.unit, p.ops = wid, ops
            plan.append(p)
        for i in range(structural):
            u = rng.choice(units)
            if i % 2 == 0 and u.kind in ("paragraph", "subparagraph", "recital"):
                plan.append(self.new_unit(u, 1, "proposed", "structure"))
            elif u.deletable:
                p = self.base(self.delegation(), 1, "delete-unit", "structure")
                p.unit = u.wid
                plan.append(p)
        while len(plan) < open_goal:
            u = rng.choice(editable)
            p = self.base(self.delegation(), 1, "modify", "single-language" if single > 0 else "open")
            langs = [p.lang] if single > 0 else self.order(p)
            region = rng.randrange(3)
            ops, _ = self.operations(u, region, langs)
            if ops is None:
                continue
            single -= 1
            p.unit, p.ops, p.region = u.wid, ops, region
            plan.append(p)
        plan += self.closed(units, 1, round(self.proposals * 0.03))
        return self.shuffled(plan)

    # -- building blocks -------------------------------------------------------
    def accept_edit(self, wid: str, base_rev: int, region: int, spans: dict[str, str]) -> None:
        self.accepted_base[wid] = base_rev
        self.accepted_regions.setdefault(wid, set()).add(region)
        self.accepted_spans.append((wid, base_rev, spans))

    def new_unit(self, anchor: UnitInfo, base_rev: int, fate: str, tag: str) -> Planned:
        p = self.base(self.delegation(), base_rev, "new-unit", tag)
        maker = {"recital": texts.recital, "subparagraph": texts.subparagraph}.get(anchor.kind, texts.operative)
        pair = maker(self.rng, False) if anchor.kind == "recital" else maker(self.rng)
        p.after, p.fate = anchor.wid, fate
        p.texts = {lang: pair[LANGS.index(lang)] for lang in self.order(p)}
        return p

    def statement(self, unit: UnitInfo | None, base_rev: int, tag: str) -> Planned:
        from babel import Locale

        by = self.delegation()
        p = self.base(by, base_rev, "statement", tag)
        names = [Locale.parse(lang).territories.get(by, by) for lang in LANGS]
        pair = texts.statement(self.rng, *names)
        p.unit = unit.wid if unit else None
        p.texts = {lang: pair[LANGS.index(lang)] for lang in self.order(p)}
        p.cosponsors, p.justification = [], ""
        if unit is not None:
            self.reserved.add(unit.wid)
        return p

    def closed(self, units: list[UnitInfo], base_rev: int, count: int) -> list[Planned]:
        """Rejected and withdrawn proposals (not open: conflicts and rev issue skip them)."""
        out = []
        editable = [u for u in units if u.editable]
        while len(out) < count:
            u = self.rng.choice(editable)
            p = self.base(self.delegation(), base_rev, "modify", "closed")
            ops, _ = self.operations(u, self.rng.randrange(3), [p.lang])
            if ops is None:
                continue
            p.unit, p.ops = u.wid, ops
            p.fate = "rejected" if len(out) % 3 else "withdrawn"
            out.append(p)
        return out

    def fresh_targets(self, plan: list[Planned], units: list[str], marked: set[str], count: int = 40) -> dict:
        """Proposals and units on which one decision each can be timed: accepted, withdrawn, marked.

        Acceptable: plain open proposals against rev. 1 in both languages whose third of the
        unit no accepted edit touches, on a unit no accepted deletion or new unit relies on
        (so accepting it collides with nothing), one per unit. With ten proposals per unit
        every third of every free unit has an accepted edit: forty units kept free of
        accepted edits in round 2 (:attr:`kept`) still give targets. The benchmark of
        the commands (``bench/commands.py``) takes a different one in each repetition.
        """
        accept, seen = [], set()
        for p in plan:
            if len(accept) == count:
                break
            if (
                p.tag == "open"
                and p.fate == "proposed"
                and p.kind == "modify"
                and p.base_rev == 1
                and len(p.ops) == len(LANGS)
                and p.unit not in self.reserved
                and p.unit not in seen
                and self.accepted_base.get(p.unit, 1) == 1
                and (p.unit in self.kept or p.region not in self.accepted_regions.get(p.unit, set()))
            ):
                accept.append(p.id)
                seen.add(p.unit)
        chosen = set(accept)
        withdraw = [[p.id, p.by] for p in plan if p.fate == "proposed" and p.kind == "modify" and p.id not in chosen]
        free = [wid for wid in units if wid not in marked]
        return {"accept": accept, "withdraw": withdraw[:count], "mark": free[:count]}

    def shuffled(self, plan: list[Planned]) -> list[Planned]:
        """Creation order interleaves delegations; ids follow it (MX-1, MX-2 …)."""
        self.rng.shuffle(plan)
        for p in plan:
            p.id = self.new_id(p.by)
        return plan


# ---------------------------------------------------------------------------
# Writers: the library one proposal at a time, or the same records directly
# ---------------------------------------------------------------------------


class LibraryWriter:
    """Through ``tracker.amendments.proposals`` exactly as ``wgt amend`` does (slow; small sizes)."""

    name = "library"

    def __init__(self, ws) -> None:
        self.ws = ws

    def create(self, p: Planned) -> None:
        from tracker.amendments.proposals import add_statement, propose, translate

        common = {"cosponsors": tuple(p.cosponsors), "justification": p.justification, "lang": p.lang}
        order = [p.lang, *(lang for lang in (p.ops or p.texts) if lang != p.lang)]
        if p.kind == "modify":
            record = propose(self.ws, SYMBOL, p.by, unit=p.unit, operation=p.ops[p.lang], **common)
            for lang in order[1:]:
                translate(self.ws, record.id, lang, operation=p.ops[lang], by="SEC")
        elif p.kind == "new-unit":
            record = propose(self.ws, SYMBOL, p.by, unit=None, new_unit_text=p.texts[p.lang], after=p.after, **common)
            for lang in order[1:]:
                translate(self.ws, record.id, lang, text=p.texts[lang], by="SEC")
        elif p.kind == "delete-unit":
            record = propose(self.ws, SYMBOL, p.by, unit=p.unit, delete_unit=True, **common)
        else:
            record = add_statement(self.ws, SYMBOL, p.by, unit=p.unit, lang=p.lang, text=p.texts[p.lang])
            for lang in order[1:]:
                translate(self.ws, record.id, lang, text=p.texts[lang], by="SEC")
        if record.id != p.id:
            raise AssertionError(f"the library gave {record.id} where the plan expected {p.id}")

    def decide(self, p: Planned) -> None:
        from tracker.amendments.proposals import decide, withdraw

        if p.fate == "withdrawn":
            withdraw(self.ws, p.id, p.by)
        elif p.fate in ("accepted", "rejected"):
            decide(self.ws, [p.id], p.fate, "CHAIR")

    def finish(self) -> None:
        pass


class DirectWriter:
    """The same records built with the library's record, patch and signing functions, written at once."""

    name = "direct"

    def __init__(self, ws) -> None:
        from tracker.amendments.store import AmendmentStore
        from tracker.trust.state import read_log

        self.ws = ws
        self.store = AmendmentStore(ws)
        self.infos: dict[int, dict[str, UnitInfo]] = {}
        self.records: dict[str, object] = {}
        self.clock = dt.datetime(2005, 2, 1, 9, 0, tzinfo=dt.timezone.utc)
        self.state = read_log(ws)
        self.group = self.state.group
        self._signers: dict[str, object] = {}
        self.lines: list[bytes] = []
        self.files: dict[Path, bytes] = {}

    def tick(self) -> str:
        self.clock += dt.timedelta(seconds=37)
        return self.clock.isoformat().replace("+00:00", "Z")

    def create(self, p: Planned) -> None:
        from tracker.akn.build import make_wid
        from tracker.amendments.authenticity import seal_new, seal_text
        from tracker.amendments.operations import apply_operation
        from tracker.amendments.proposals import NEW_UNIT_KIND
        from tracker.amendments.record import Amendment, LanguageText, StatusChange, text_hash
        from tracker.patches import make_patch

        at = self.tick()
        record = Amendment(
            id=p.id,
            document=SYMBOL,
            by=p.by,
            kind=p.kind,
            unit=p.unit,
            base_rev=p.base_rev,
            original_lang=p.lang,
            created=at,
            invited=list(p.cosponsors),
            justification=p.justification,
            history=[StatusChange("proposed", p.by, at)],
        )
        infos = self.infos[p.base_rev]
        if p.kind == "modify":
            for lang, op in p.ops.items():
                base = infos[p.unit].texts[lang]
                proposal = apply_operation(base, op, p.unit)
                record.texts[lang] = LanguageText(text_hash(base), make_patch(base, proposal), proposal, op.describe())
        elif p.kind == "new-unit":
            kind = NEW_UNIT_KIND[infos[p.after].kind]
            record.unit = p.after
            record.new_unit = {"after": p.after, "kind": kind, "wid": make_wid(kind, f"{SYMBOL}|{p.id}", set())}
            for lang, body in p.texts.items():
                record.texts[lang] = LanguageText(text_hash(""), make_patch("", body), body, {"op": "new-unit"})
        elif p.kind == "delete-unit":
            for lang in LANGS:
                base = infos[p.unit].texts[lang]
                record.texts[lang] = LanguageText(text_hash(base), make_patch(base, ""), "", {"op": "delete-unit"})
        else:
            for lang, body in p.texts.items():
                record.texts[lang] = LanguageText(text=body, operation={"op": "statement"})
        # Proposed in its own language by the delegation, then translated by the secretariat:
        # the log records each step as its actor's entry, as the library would.
        translations = {
            lang: record.texts.pop(lang) for lang in list(record.texts) if lang != p.lang and p.kind != "delete-unit"
        }
        seal_new(record, self.signer(p.by), self.group)
        self.entry(p.by, "statement" if p.kind == "statement" else "propose", record)
        for lang, version in translations.items():
            record.texts[lang] = version
            seal_text(record, lang, self.signer("SEC"), self.group)
            self.entry("SEC", "translate", record)
        self.records[p.id] = record

    def decide(self, p: Planned) -> None:
        from tracker.amendments.authenticity import seal_status

        record = self.records[p.id]
        if p.fate in ("accepted", "rejected", "withdrawn"):
            actor = p.by if p.fate == "withdrawn" else "CHAIR"
            record.change_status(p.fate, actor)
            record.history[-1].at = self.tick()
            seal_status(record, self.signer(actor), self.group)
            self.entry(actor, {"accepted": "accept", "rejected": "reject", "withdrawn": "withdraw"}[p.fate], record)

    def signer(self, code: str):
        from tracker.trust.keys import load_private_key
        from tracker.trust.signing import Signer

        if code not in self._signers:
            self._signers[code] = Signer(code, load_private_key(code))
        return self._signers[code]

    def entry(self, by: str, act: str, record) -> None:
        """The log entry of one action on ``record`` (checked as any reader checks it), kept for :meth:`finish`."""
        from tracker.trust.actions import entry_line
        from tracker.trust.state import read_log

        if not self.lines:  # a new batch: the library may have written entries since (rev issue)
            self.state = read_log(self.ws)
        path = self.store.path_of(record)
        data = record.to_json()
        line = entry_line(self.state, self.signer(by), by, act, record.id, {}, self.ws, {path: data})
        self.state.apply(line, vouched=True)
        self.lines.append(line)
        self.files[path] = data

    def finish(self) -> None:
        """Write every record made or changed since the last call, and their log entries (the folder is fresh)."""
        from tracker.trust.log import LOG_NAME

        for path, data in self.files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        with open(self.ws.root / LOG_NAME, "ab") as log:
            log.write(b"".join(line + b"\n" for line in self.lines))
        self.files, self.lines = {}, []
        self.ws.cache.clear()


# ---------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------


@contextmanager
def fast_unit_lookups():
    """Generation only: remember each Draft's units so that issuing rev. 1 is not O(records x units).

    ``issue_revision`` looks every amendment's unit up in a fresh list of all units;
    for the 2,000 amendments of rev. 1 of a 40,000-unit draft that alone takes hours.
    This memoizes ``Draft.units()`` per Draft object (the drafts it reads are never
    changed in place) and looks stable ids up in a dict. Measurements never use it;
    the equivalence check compares rev. 1 made with it to rev. 1 made without it.
    """
    from tracker.akn.document import Draft

    original_units, original_unit = Draft.units, Draft.unit
    memo: dict[int, tuple] = {}

    def known(draft):
        hit = memo.get(id(draft))
        if hit is None or hit[0] is not draft:
            units = original_units(draft)
            hit = memo[id(draft)] = (draft, units, {u.wid: u for u in units})
        return hit

    def units(self):
        return list(known(self)[1])

    def unit(self, ref):
        found = known(self)[2].get(ref.strip())
        return found if found is not None else original_unit(self, ref)

    Draft.units, Draft.unit = units, unit
    try:
        yield
    finally:
        Draft.units, Draft.unit = original_units, original_unit


def load_revision(ws, rev: int) -> dict:
    from tracker.documents import load_draft

    return {lang: load_draft(ws, SYMBOL, rev, lang) for lang in LANGS}


def generate_workspace(
    root: Path, units: int, proposals: int | None = None, seed: int = 1, writer: str = "direct", log=None
) -> dict:
    """Generate sources, workspace, keys and ``bench.json`` under ``root``; returns the info."""
    from tracker.amendments.consolidate import issue_revision
    from tracker.amendments.store import AmendmentStore
    from tracker.documents import import_document
    from tracker.symbols import parse_symbol
    from tracker.trust.actions import Action

    proposals = proposals if proposals is not None else DEFAULT_PROPOSALS.get(units, max(50, units // 2))
    say = log or (lambda message: None)
    started = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = round(now - since, 2)
        say(f"  {name}: {timings[name]:.1f} s")
        return now

    root.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    en_path, es_path, shape = write_sources(root / "sources", units, seed)
    t = lap("sources", t)
    ws = make_workspace(root / "ws", root / "keys")
    t = lap("workspace and keys", t)
    for path, lang in ((en_path, "en"), (es_path, "es")):
        import_document(ws, path, SYMBOL, lang, date=DATE_REV0, doc_type="resolution")
    t = lap("import rev. 0 (en, es)", t)
    rev0 = load_revision(ws, 0)
    infos0 = merged_infos(rev0)
    if len(infos0) != units:
        raise AssertionError(f"the generated draft has {len(infos0)} units, not {units}")
    planner = Planner(seed, units, proposals)
    out = LibraryWriter(ws) if writer == "library" else DirectWriter(ws)
    if isinstance(out, DirectWriter):
        out.infos[0] = infos0
    round1 = planner.round1(infos0)
    for p in round1:
        out.create(p)
    for p in round1:
        if p.decided_in == 1:
            out.decide(p)
    out.finish()
    t = lap(f"round 1: {len(round1)} records ({writer})", t)
    with fast_unit_lookups() if writer == "direct" else nullcontext():
        issued = issue_revision(ws, SYMBOL, date=DATE_REV1)
    t = lap(f"rev. 1 issued ({len(issued.incorporated)} amendments, {len(issued.statements)} statements)", t)
    rev1 = load_revision(ws, 1)
    infos1 = merged_infos(rev1)
    if isinstance(out, DirectWriter):
        out.infos[1] = infos1
        # records of round 1 still open are rewritten when decided
        store = AmendmentStore(ws)
        for p in round1:
            if p.decided_in == 2:
                out.records[p.id] = store.get(p.id)
    carried = [
        p for p in round1 if p.fate in ("proposed", "accepted") and p.kind != "statement" and p.tag != "changes-rev1"
    ]
    round2 = planner.round2(infos1, carried)
    for p in round2:
        out.create(p)
    for p in [*(p for p in carried if p.decided_in == 2), *round2]:
        out.decide(p)
    out.finish()
    t = lap(f"round 2: {len(round2)} records ({writer})", t)
    slug = parse_symbol(SYMBOL).slug
    marks = AmendmentStore(ws)
    rng = random.Random(f"marks-{seed}")
    chosen = rng.sample(sorted(infos1), min(60, max(5, units // 200)))
    for i, wid in enumerate(chosen):
        with Action(ws, "CHAIR", "mark", wid) as action:
            marks.mark(action, slug, wid, ("agreed", "ad-ref", "open")[i % 3])
    t = lap(f"marks ({len(chosen)})", t)
    targets = planner.fresh_targets(round2, sorted(infos1), set(chosen))
    every = [*round1, *round2]
    open_now = [p for p in every if p.fate in ("proposed", "accepted") and p.tag != "changes-rev1"]
    info = {
        "symbol": SYMBOL,
        "slug": slug,
        "units": units,
        "proposals": proposals,
        "seed": seed,
        "writer": writer,
        "shape": shape,
        "root": str(root),
        "workspace": str(ws.root),
        "keys": str(root / "keys"),
        "sources": {"en": str(en_path), "es": str(es_path)},
        "latest_rev": 1,
        "counts": {
            "records": len(every),
            "round1_incorporated": len(issued.incorporated) + len(issued.statements),
            "open": len(open_now),
            "accepted": sum(p.fate == "accepted" for p in open_now),
            "open_rev0_based": sum(p.base_rev == 0 for p in open_now),
            "statements_open": sum(p.kind == "statement" for p in open_now),
            "by_tag": {tag: sum(p.tag == tag for p in open_now) for tag in sorted({p.tag for p in open_now})},
            "kinds": {
                k: sum(p.kind == k for p in open_now) for k in ("modify", "new-unit", "delete-unit", "statement")
            },
            "rejected": sum(p.fate == "rejected" for p in every),
            "withdrawn": sum(p.fate == "withdrawn" for p in every),
            "delegations": len({p.by for p in every}),
        },
        "targets": targets,
        "timings": timings,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (root / "bench.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return info


# ---------------------------------------------------------------------------
# Checks: both writers agree; the generator is deterministic
# ---------------------------------------------------------------------------

_VOLATILE = {"created", "at", "signature"}


def _normal(value):
    """A record's JSON with timestamps and signatures left out (they depend on the clock)."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items() if k not in _VOLATILE}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def records_of(ws_root: Path) -> dict[str, dict]:
    return {
        p.relative_to(ws_root).as_posix(): _normal(json.loads(p.read_text(encoding="utf-8")))
        for p in sorted((ws_root / "amendments").rglob("*.json"))
        if p.name != "marks.json"
    }


def equivalence_check(base: Path, units: int = 240, proposals: int = 48, seed: int = 7) -> list[str]:
    """Generate one small workspace with each writer; the problems found (empty when equivalent)."""
    from tracker.amendments.store import AmendmentStore
    from tracker.workspace import Workspace

    problems: list[str] = []
    made = {}
    for writer in ("library", "direct"):
        info = generate_workspace(base / writer, units, proposals, seed, writer=writer)
        made[writer] = info
    lib, direct = (Path(made[w]["workspace"]) for w in ("library", "direct"))
    a, b = records_of(lib), records_of(direct)
    if len(a) < proposals:
        problems.append(f"only {len(a)} records were written")
    if set(a) != set(b):
        problems.append(
            f"different record files: only library {sorted(set(a) - set(b))[:5]}, only direct {sorted(set(b) - set(a))[:5]}"
        )
    for name in sorted(set(a) & set(b)):
        if a[name] != b[name]:
            diff = [k for k in a[name] if a[name].get(k) != b[name].get(k)]
            problems.append(f"{name}: fields differ: {diff}")
    for writer, folder in (("library", lib), ("direct", direct)):
        os.environ["WGT_KEYS_DIR"] = made[writer]["keys"]
        try:  # every signature verifies when the library reads the records back
            AmendmentStore(Workspace.open(folder)).all()
        except Exception as exc:
            problems.append(f"{writer}: records do not load: {exc}")
    for rev in (0, 1):
        for lang in LANGS:
            name = f"drafts/{made['direct']['slug']}/rev{rev}.{lang}.xml"
            if (lib / name).read_bytes() != (direct / name).read_bytes():
                problems.append(f"{name} differs between the writers")
    return problems


def determinism_check(base: Path, units: int = 240, proposals: int = 48, seed: int = 3) -> list[str]:
    """The same seed gives the same sources, drafts and records (timestamps and signatures aside)."""
    infos = [generate_workspace(base / f"run{i}", units, proposals, seed) for i in (1, 2)]
    problems = []
    roots = [Path(i["root"]) for i in infos]
    for rel in (
        "sources/draft.en.txt",
        "sources/draft.es.txt",
        *(f"ws/drafts/{infos[0]['slug']}/rev{r}.{lang}.xml" for r in (0, 1) for lang in LANGS),
    ):
        if (roots[0] / rel).read_bytes() != (roots[1] / rel).read_bytes():
            problems.append(f"{rel} differs between two runs with seed {seed}")
    if records_of(roots[0] / "ws") != records_of(roots[1] / "ws"):
        problems.append(f"amendment records differ between two runs with seed {seed}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--proposals", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--writer", choices=["direct", "library"], default="direct")
    parser.add_argument("--dir", type=Path, help="Where to generate (default: a new temporary folder, kept).")
    parser.add_argument(
        "--check", action="store_true", help="Check both writers agree and the output is deterministic."
    )
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory(prefix="wgt-bench-check-") as tmp:
            problems = equivalence_check(Path(tmp) / "eq") + determinism_check(Path(tmp) / "det")
        for problem in problems:
            print("FAIL:", problem)
        print("generator check:", "ok" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    root = args.dir or Path(tempfile.mkdtemp(prefix="wgt-bench-"))
    if root.exists() and any(root.iterdir()):
        shutil.rmtree(root)
    info = generate_workspace(root, args.units, args.proposals, args.seed, args.writer, log=print)
    print(json.dumps(info["counts"], indent=2))
    print(f"generated in {info['seconds']} s: {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
