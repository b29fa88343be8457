"""A passing report says how close its closest check came to its tolerance, or that every one was exact:
never the 1e+290x a relative error of 0 would make of it."""

from reference.report.html import report_fragment
from reference.report.results import Check, Report


def _report(*errors):
    report = Report("file.py", [3, 2, 1], 4, "synthetic", 0)
    report.checks = [Check("relu", f"A{k}", "jax-forward", e, 1e-10, True) for k, e in enumerate(errors)]
    return report


def test_every_check_exact_is_said_in_words():
    report = _report(0.0, 0.0)
    assert report.verdict_line().startswith("PASS: all 2 checks passed, every one exact.")
    assert "All 2 checks passed, every one exact." in report_fragment(report)


def test_the_closest_nonzero_error_sets_the_margin_beside_exact_ones():
    report = _report(0.0, 1e-14, 1e-16)
    assert report.verdict_line().startswith("PASS: all 3 checks passed, the closest 1.0e+04x under its tolerance.")
    assert "the closest 1e4× under its tolerance" in report_fragment(report)
