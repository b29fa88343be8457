"""The HTML report: verdict and root cause first, pictures inline, nothing fetched, everything escaped."""

import base64
import re

import pytest

import manual_dnn
from reference import check
from reference.report.html import report_fragment, report_page
from reference.report.markdown import escape_markdown
from tests.report.learner_bugs import namespace_with

SMALL = dict(layer_dims=[5, 4, 3, 1], examples=6)
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"

LEARNER = '''
import numpy as np

def linear_forward(A, W, b):
    return np.dot(W, A) + b, (A, W, b)

def linear_backward(dZ, cache):
    raise ValueError("{hostile}")

print("{hostile}")
raise RuntimeError("{hostile}")  # a top-level statement that fails, listed in the notes
'''


def _images(html):
    return re.findall(r"<img [^>]*>", html)


def _assert_offline(html):
    for fetch in ('src="http', "src='http", 'href="http', "@import", "url(", "<link", "<iframe", "<object"):
        assert fetch not in html, fetch
    assert all(tag.startswith('<img src="data:image/png;base64,') for tag in _images(html))


@pytest.fixture(scope="module")
def wrong():
    return check(namespace_with("uniform"), **SMALL)


def test_a_failing_report_starts_with_its_verdict_and_root_cause(wrong):
    html = report_fragment(wrong)
    verdict = html.index(">FAIL<")
    assert verdict < html.index("Root cause: <code>linear_backward</code>") < html.index("What failed")
    assert html.index("What failed") < html.index("Pictures") < html.index("Function by oracle")
    assert "uniform: every entry is 5x JAX&#x27;s" in html  # the pattern, per failing tensor
    assert re.search(r"dW\[\d+, \d+\]: hand-written", html)  # the worst entry
    assert "<details><summary>Every check" in html


def test_the_page_draws_one_map_per_failing_gradient(wrong):
    html = report_page(wrong)
    maps = {(c.function, c.target) for c in wrong.checks if c.passed is False and c.target.startswith("dW")}
    images = _images(html)
    assert len(images) == 2 + len(maps)
    assert any('alt="The Taylor test"' in i for i in images) and any('alt="The step size"' in i for i in images)
    _assert_offline(html)


def test_a_notebooks_report_draws_only_the_root_causes_maps_as_palette_pngs(wrong):
    html = report_fragment(wrong)
    maps = re.findall(r'alt="(Where [^"]+ is wrong)"', html)
    assert maps == ["Where linear_backward dW is wrong"], maps  # the root cause's; the others follow from it
    failing = {(c.function, c.target) for c in wrong.checks if c.passed is False and c.target.startswith("dW")}
    assert f"The maps of the {len(failing) - 1} other failing gradients are on the full page" in html
    for uri in re.findall(r'src="data:image/png;base64,([^"]+)"', html):
        assert base64.b64decode(uri)[25] == 3  # IHDR colour type 3: a palette PNG
    assert len(html) < len(report_page(wrong)) - 3 * 4000  # at least three maps of a few KB each left out


def test_a_passing_report_shows_the_taylor_and_step_size_pictures_and_its_margin():
    html = report_fragment(check(manual_dnn, **SMALL))
    assert ">PASS<" in html and "under its tolerance" in html and "Root cause" not in html
    assert len(_images(html)) == 2
    assert "× under" in html  # the margin in the table cells


def test_no_javascript_and_colours_for_both_themes(wrong):
    page = report_page(wrong)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<script" not in page.lower() and "javascript:" not in page.lower()
    assert "prefers-color-scheme: dark" in page and 'name="color-scheme" content="light dark"' in page
    _assert_offline(page)


def test_a_learners_names_messages_and_output_are_escaped(tmp_path):
    source = tmp_path / "<b>learner<i>.py"
    source.write_text(LEARNER.format(hostile=HOSTILE.replace('"', "'")))
    report = check(str(source), **SMALL)
    assert any("alert" in c.detail for c in report.checks)  # the message is in the data...
    assert any("RuntimeError" in note and "alert" in note for note in report.notes)
    for html in (report_fragment(report), report_page(report)):
        assert "<script" not in html.lower() and "<img src=x" not in html  # ...but never as markup
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
        assert "&lt;b&gt;learner&lt;i&gt;.py" in html and "<b>learner" not in html
        assert len(re.findall(r"<img ", html)) == len(_images(html))
        _assert_offline(html)


def test_markdown_escapes_markup_and_keeps_the_verdict(wrong):
    markdown = wrong._repr_markdown_()
    assert "Root cause: linear\\_backward" in markdown and "uniform" in markdown
    assert escape_markdown(HOSTILE).count("<") == 0 and "&lt;script&gt;" in escape_markdown(HOSTILE)


def test_what_the_root_cause_explains_is_folded_and_the_tables_too(wrong):
    html = report_fragment(wrong)
    root = html.index("Root cause: <code>linear_backward</code>")
    assert html.index('<details><summary><code>L_model_backward</code> ') > root
    assert re.search(r"<details><summary><code>L_model_backward</code> [^<]*explained by linear_backward</summary>",
                     html)
    assert "<details><summary>Function by oracle (" in html and "<h4>Function by oracle" not in html


def test_an_incomplete_file_says_so_first_with_its_near_miss(tmp_path):
    from reference.bug_zoo import seed_namespace

    namespace = {**seed_namespace(), "__name__": "__main__"}
    backward = namespace.pop("L_model_backward")
    namespace["L_model_backwards"] = type(backward)(backward.__code__, namespace, "L_model_backwards")
    namespace["L_model_backwards"].__module__ = "__main__"  # as a notebook's own cell defines it
    report = check(namespace, **SMALL)
    assert report.verdict == "INCOMPLETE" and not report.passed
    html = report_fragment(report)
    badge = html.index(">INCOMPLETE</span>")
    assert badge < html.index("Not found: <code>L_model_backward</code> (did you mean "
                              "<code>L_model_backwards</code>?)")
    assert re.findall(r'class="mdnn-badge"[^>]*>([A-Z]+)<', html) == ["INCOMPLETE"]
