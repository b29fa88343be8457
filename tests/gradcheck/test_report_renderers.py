"""The text, Markdown and JSON renderings of any report: they never raise,
and they still say the verdict and name what failed.

Reports are drawn with no checks, only contract failures, INVALID points,
contract differences, very long names, NaN and inf numbers, multi-line and
unicode messages, and call graphs that name anything (cycles included).
"""

import json
import math
import re

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from reference.report.results import Check, Report
from reference.seed_functions import DA_CONVENTIONS, SEED_FUNCTIONS
from tests.pages import PAGE_WIDTH, right_after_the_header, verdict_of

ORACLES = ["jax-forward", "jax-vjp", "jax-grad", "central-fd", "directional-fd", "full-fd", "complex-step",
           "taylor", "update-rule", "contract"]

TEXT = st.text(st.characters(codec="utf-8"), max_size=200) | st.sampled_from(
    ["", "line one\nline two\n\nline four", "x" * 5000, "a|b*c_d`e<f>&[g]#\\h", "\r\n\t\x00\x1b[31m\u2028", "é∂ƒ☃🐍"])
NAMES = st.sampled_from(list(SEED_FUNCTIONS)) | TEXT
NUMBERS = st.none() | st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [0.0, -0.0, 1e-300, 1e300, math.nan, math.inf, -math.inf])
FRAME = st.fixed_dictionaries({"function": TEXT, "file": st.none() | TEXT, "cell": st.none() | st.integers(),
                               "line": st.none() | st.integers(), "source": st.none() | TEXT})
RAISED = st.none() | st.fixed_dictionaries({
    "type": TEXT, "message": TEXT, "file": st.none() | TEXT, "cell": st.none() | st.integers(),
    "line": st.none() | st.integers(), "source": st.none() | TEXT},
    optional={"frames": st.lists(FRAME | st.none() | TEXT, max_size=4)})
WORST = st.none() | st.fixed_dictionaries({"index": st.lists(st.integers(), max_size=3), "expected": NUMBERS,
                                            "actual": NUMBERS})

CHECKS = st.builds(
    Check, function=NAMES, target=TEXT, oracle=st.sampled_from(ORACLES) | TEXT, rel_error=NUMBERS,
    tolerance=NUMBERS, passed=st.sampled_from([True, False, None]), detail=TEXT, worst=WORST, measured=NUMBERS,
    differs=st.booleans(), raised=RAISED)
CONTRACT_FAILURES = st.builds(Check, function=NAMES, target=TEXT, oracle=st.just("contract"), rel_error=st.none(),
                              tolerance=st.none(), passed=st.just(False), detail=TEXT)

REPORTS = st.builds(
    Report, implementation=TEXT, network=st.lists(st.integers(), max_size=6), examples=st.integers(), data=TEXT,
    seed=st.integers(), checks=st.lists(CHECKS, max_size=25) | st.lists(CONTRACT_FAILURES, min_size=1, max_size=5),
    supplied=st.lists(NAMES, max_size=4), missing=st.lists(NAMES, max_size=4), notes=st.lists(TEXT, max_size=4),
    dA_convention=st.none() | st.sampled_from(list(DA_CONVENTIONS)) | TEXT,
    call_graph=st.dictionaries(NAMES, st.lists(NAMES, max_size=4), max_size=6))

VERDICT = re.compile(r"^(PASS: all|FAIL: \d+ of \d+ checks? failed\.|INCOMPLETE: |NOTHING CHECKED|NOTHING JUDGED)")


def _one_line(text):
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029\x85]", " ", text)


def _squeezed(text):
    """Text without its whitespace: what survives wrapping at any column."""
    return "".join(text.split())


@given(REPORTS)
def test_the_text_report_never_raises_and_leads_with_its_verdict(report):
    page = report.to_text()
    line = verdict_of(page)
    assert VERDICT.match(line) and right_after_the_header(page), page
    assert max(map(len, page.splitlines())) <= PAGE_WIDTH
    assert line.startswith("FAIL") == (report.verdict == "FAIL")
    assert line.startswith("PASS") == report.passed
    for cause in report.root_causes:  # each root cause is named in the verdict
        assert _squeezed(_one_line(str(cause))) in _squeezed(line)
    assert page.splitlines()[-1].startswith("Next: ") or page.splitlines()[-1].startswith("  ")
    whole = _squeezed(report.to_text(verbose=True))
    assert _squeezed(_one_line(report.verdict_line())) in whole
    for c in report.checks:
        if c.passed is False:  # the whole report shows every failure
            assert _squeezed(f"FAIL {_one_line(c.function)} ") in whole


@given(REPORTS)
def test_the_markdown_report_never_raises_and_its_table_keeps_its_columns(report):
    markdown = report.to_markdown()
    rows = [line for line in markdown.splitlines() if line.startswith("|")]
    if report.checks:
        unescaped = [len(re.findall(r"(?<!\\)(?:\\\\)*\|", row)) for row in rows]
        assert len(set(unescaped)) == 1 and len(rows) >= 3, rows
    else:
        assert rows == []
    verdict = markdown.splitlines()[2]  # after the header and a blank line
    assert verdict.startswith("**") and verdict.endswith("**")
    assert ("FAIL" in verdict.split(":")[0]) == (report.verdict == "FAIL")


def _refuse(constant):
    raise ValueError(f"not strict JSON: {constant}")


@given(REPORTS)
def test_the_json_report_is_strict_json_with_the_reports_facts(report):
    data = json.loads(report.to_json(), parse_constant=_refuse)
    assert data["passed"] is report.passed
    assert data["root_causes"] == [str(c) for c in report.root_causes]
    assert data["root_cause"] == (data["root_causes"][0] if data["root_causes"] else None)
    assert len(data["checks"]) == len(report.checks)
    for drawn, shown in zip(report.checks, data["checks"]):
        assert shown["verdict"] == drawn.verdict and shown["differs"] is drawn.differs
        rel = drawn.rel_error
        assert shown["rel_error"] == (rel if rel is not None and math.isfinite(rel) else None)


def test_a_report_of_contract_failures_only_renders(tmp_path):
    """The report that crashed: every check a contract check (a file with one function that raises)."""
    report = Report("one_function.py", [5, 4, 3, 1], 6, "synthetic", 0, checks=[
        Check("linear_backward", "call", "contract", None, None, False,
              "raised NotImplementedError: todo (in one_function.py, line 3: raise NotImplementedError('todo'))")])
    assert verdict_of(report.to_text()) == "FAIL: 1 of 1 check failed. Root cause: linear_backward. Fix it first."
    assert "raised NotImplementedError: todo" in report.to_markdown()
    assert json.loads(report.to_json())["root_causes"] == ["linear_backward"]


def test_an_empty_report_says_nothing_was_checked():
    report = Report("empty.py", [5, 1], 2, "synthetic", 0)
    assert verdict_of(report.to_text()) == "NOTHING CHECKED: none of the course's functions was found."
    assert not report.passed and json.loads(report.to_json())["checks"] == []


REACHES = settings(phases=[Phase.generate], max_examples=2000, database=None)  # found is enough: no shrinking


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
def test_the_strategies_reach_the_reports_that_matter():
    for reaches in (lambda r: r.checks and all(c.oracle == "contract" for c in r.checks),
                    lambda r: not r.checks,
                    lambda r: any(c.passed is None and not c.differs for c in r.checks),
                    lambda r: any(c.differs for c in r.checks) and any(c.passed is False for c in r.checks),
                    lambda r: any(c.rel_error is not None and math.isnan(c.rel_error) for c in r.checks),
                    lambda r: any(c.rel_error is not None and math.isinf(c.rel_error) for c in r.checks),
                    lambda r: any("\n" in c.detail for c in r.checks),
                    lambda r: any(len(c.function) > 1000 for c in r.checks),
                    lambda r: len(r.root_causes) >= 2):
        find(REPORTS, reaches, settings=REACHES)
