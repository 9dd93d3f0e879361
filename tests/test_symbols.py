"""OAS document symbols: lenient parsing, canonical printing, slugs, and refusal of non-symbols."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import WgtError
from tracker.symbols import Symbol, parse_symbol


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("CAJP/GT/TM-38/05", "CAJP/GT/TM-38/05"),
        ("AG/RES 1928", "AG/RES. 1928"),
        ("AG/RES.1928", "AG/RES. 1928"),
        ("AG/RES. 2027 (XXXIV-O/04)", "AG/RES. 2027 (XXXIV-O/04)"),
        ("AG/RES 1928 (XXXIII-O/03)", "AG/RES. 1928 (XXXIII-O/03)"),
        ("AG/doc. 4376/05", "AG/doc.4376/05"),
        ("AG/doc.4376/05", "AG/doc.4376/05"),
        ("CP/doc.3844/04", "CP/doc.3844/04"),
        ("CP/CAJP-2038/03", "CP/CAJP-2038/03"),
        ("CAJP/GT/TM-38/05 rev.2", "CAJP/GT/TM-38/05 rev. 2"),
        ("CAJP/GT/TM-38/05 rev 2", "CAJP/GT/TM-38/05 rev. 2"),
        ("CAJP/GT/TM-38/05 rev2", "CAJP/GT/TM-38/05 rev. 2"),  # not a document "…-38-05-rev2"
        ("CAJP/GT/TM-38/05 Rev. 2", "CAJP/GT/TM-38/05 rev. 2"),
        ("CAJP/GT/TM-24/05, rev. 7", "CAJP/GT/TM-24/05 rev. 7"),
        ("  CAJP/GT/TM-24/05 \t rev.   7 ", "CAJP/GT/TM-24/05 rev. 7"),
        ("CAJP / GT / TM-38/05", "CAJP/GT/TM-38/05"),
        ("AG/doc.4265/04 add. 3 corr. 1", "AG/doc.4265/04 add. 3 corr. 1"),
        ("AG/doc.4265/04 add.3 corr.1", "AG/doc.4265/04 add. 3 corr. 1"),
        ("AG/doc.4265/04 ADD3 Corr1", "AG/doc.4265/04 add. 3 corr. 1"),
        ("AG/doc.4265/04 corr. 1 add. 3", "AG/doc.4265/04 add. 3 corr. 1"),
        ("AG/doc. 4265/04 add. 3 rev. 1 corr. 2", "AG/doc.4265/04 add. 3 corr. 2 rev. 1"),
        # The United Nations' symbols: suffixes joined with a slash, printed so.
        ("A/55/275/Add.1", "A/55/275/Add.1"),
        ("A/55/275 / add.1", "A/55/275/Add.1"),
        ("A/C.3/55/L.23/Rev.1", "A/C.3/55/L.23/Rev.1"),
        ("A/RES/54/166", "A/RES/54/166"),
        ("E/CN.4/2000/82", "E/CN.4/2000/82"),
        ("A/55/275/Add.1/Corr.2", "A/55/275/Add.1/Corr.2"),
    ],
)
def test_lenient_parsing_canonical_printing(text, canonical):
    symbol = parse_symbol(text)
    assert str(symbol) == canonical
    assert parse_symbol(canonical) == symbol


def test_parts():
    """An addendum and a corrigendum are documents of their own; a revision is a number of one."""
    symbol = parse_symbol("AG/doc. 4265/04 corr.1 add.3")
    assert symbol == Symbol("AG/doc.4265/04 add. 3 corr. 1", ())
    assert symbol.rev is None
    un = parse_symbol("A/55/275/Add.1/Rev.2")
    assert (un.base, un.rev, un.un, un.with_rev(3), un.with_rev(0)) == (
        "A/55/275/Add.1",
        2,
        True,
        "A/55/275/Add.1/Rev.3",
        "A/55/275/Add.1",
    )
    revised = parse_symbol("CAJP/GT/TM-38/05 rev.2")
    assert (revised.base, revised.rev, revised.suffixes) == ("CAJP/GT/TM-38/05", 2, (("rev", 2),))
    assert revised.with_rev(0) == "CAJP/GT/TM-38/05"
    assert revised.with_rev(3) == "CAJP/GT/TM-38/05 rev. 3"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("CAJP/GT/TM-38/05", "cajp-gt-tm-38-05"),
        ("CAJP/GT/TM-38/05 rev. 2", "cajp-gt-tm-38-05"),
        ("AG/RES 1928", "ag-res-1928"),
        ("AG/RES. 2027 (XXXIV-O/04)", "ag-res-2027-xxxiv-o-04"),
        ("AG/doc. 4376/05", "ag-doc-4376-05"),
        ("AG/doc.4265/04 add. 3 corr. 1", "ag-doc-4265-04-add-3-corr-1"),
        ("A/55/275/Add.1", "a-55-275-add-1"),
        ("A/55/275/Add.1/Rev.2", "a-55-275-add-1"),
        ("CP/CAJP-2038/03", "cp-cajp-2038-03"),
    ],
)
def test_slugs(text, slug):
    assert parse_symbol(text).slug == slug


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "CAJP/GT/TM",  # a body, not a document: no number
        "38/05",  # no body
        "CAJP-38-05",  # no slash
        "../../etc/passwd1",
        "CAJP/GT/TM-38/05; rm -rf /",
        "CAJP/GT/TM-38/05\x00",
        "CAJP/GT/TM-38/05 rev. 1 rev. 2",  # a suffix twice
        "/CAJP/GT/TM-38/05",
        "rev. 2",
    ],
)
def test_non_symbols_are_refused(text):
    with pytest.raises(WgtError, match=r"is not a document symbol|repeats a suffix"):
        parse_symbol(text)


# -- properties --------------------------------------------------------------------------------

#: Same examples on every run (no flaky CI), no example database written into the checkout.
settings.register_profile(
    "wgt-symbols",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow],
)
deterministic = settings.get_profile("wgt-symbols")

BODIES = ["CAJP/GT/TM", "CP/CAJP", "CAJP/GT/DIDH", "CIDI/GT", "CP/CSH"]
numbers = st.integers(min_value=1, max_value=9999)
years = st.integers(min_value=0, max_value=99).map(lambda y: f"{y:02d}")
spaces = st.sampled_from([" ", "  ", "\t", " \t "])


@st.composite
def symbol_spellings(draw: st.DrawFn) -> tuple[str, str]:
    """(a lenient spelling, the canonical spelling) of one valid symbol."""
    kind = draw(st.sampled_from(["body", "doc", "res"]))
    n, year = draw(numbers), draw(years)
    if kind == "body":
        body = draw(st.sampled_from(BODIES))
        canonical = f"{body}-{n}/{year}"
        lenient = canonical.replace("/", draw(st.sampled_from(["/", " / ", "/ "])), 1)
    elif kind == "doc":
        organ = draw(st.sampled_from(["AG", "CP"]))
        canonical = f"{organ}/doc.{n}/{year}"
        lenient = f"{organ}/doc.{draw(st.sampled_from(['', ' ', '  ']))}{n}/{year}"
    else:
        session = draw(st.sampled_from(["XXXIII-O/03", "XXXIV-O/04", "XXXV-O/05", "XXXII-E/06"]))
        tail = draw(st.sampled_from(["", f" ({session})"]))
        canonical = f"AG/RES. {n}{tail}"
        lenient = f"AG/RES{draw(st.sampled_from(['. ', '.', ' ']))}{n}{tail}"
    kinds = draw(st.lists(st.sampled_from(["add", "rev", "corr"]), unique=True, max_size=3))
    values = {k: draw(st.integers(min_value=1, max_value=30)) for k in kinds}
    for k in kinds:  # written in any order and any spelling …
        spelled = draw(st.sampled_from([k, k.upper(), k.capitalize()]))
        dot = draw(st.sampled_from([".", ". ", "", " "]))
        sep = draw(st.sampled_from([" ", ", ", "  "]))
        lenient += f"{sep}{spelled}{dot}{values[k]}"
    for k in ("add", "corr", "rev"):  # … printed in one order and one spelling: the document, then its revision
        if k in values:
            canonical += f" {k}. {values[k]}"
    lenient = draw(st.sampled_from(["", " ", "\t"])) + lenient + draw(st.sampled_from(["", " "]))
    return lenient, canonical


@deterministic
@given(symbol_spellings())
def test_every_spelling_prints_canonically(spellings):
    lenient, canonical = spellings
    symbol = parse_symbol(lenient)
    assert str(symbol) == canonical
    assert parse_symbol(canonical) == symbol


@deterministic
@given(symbol_spellings())
def test_canonical_form_is_a_fixed_point(spellings):
    symbol = parse_symbol(spellings[0])
    assert parse_symbol(str(symbol)) == symbol
    assert str(parse_symbol(str(symbol))) == str(symbol)


@deterministic
@given(symbol_spellings())
def test_slug_is_a_safe_folder_name_and_ignores_the_revision(spellings):
    symbol = parse_symbol(spellings[0])
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", symbol.slug)
    assert symbol.slug == parse_symbol(symbol.base).slug  # a revision is the same document
    assert symbol.rev == dict(symbol.suffixes).get("rev")


@deterministic
@given(st.text(alphabet="AGRESCPdocrevaddcor ./-()0123456789,\t", max_size=40))
def test_anything_accepted_has_a_stable_canonical_form(text):
    """Whatever the parser accepts, its printed form parses back to the same symbol."""
    try:
        symbol = parse_symbol(text)
    except WgtError:
        return
    assert parse_symbol(str(symbol)) == symbol
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", symbol.slug)
