"""The HTML pages in a real headless Chromium: what a reader sees, in light and dark themes.

Locally, without a Chromium, these tests skip and say why; in CI (CI=true) they
fail (.ci/run installs Debian's chromium). Screenshots are saved under the
test's temporary folder and their paths printed (pytest -s shows them).
"""

import os

import pytest

from manual_dnn_cli.main import main
from tests.report.chromium import Browser, find_chromium
from tests.report.learner_bugs import namespace_with

SMALL = ["--layers", "5,4,3,1", "--examples", "6"]

IMAGES_LOADED = """[...document.images].map(i => ({alt: i.alt, complete: i.complete, width: i.naturalWidth,
  shown: i.getBoundingClientRect().width}))"""
VERDICT = """(() => { const b = document.querySelector('.mdnn-badge'); const r = b.getBoundingClientRect();
  const s = getComputedStyle(b);
  return {text: b.innerText, top: r.top, height: r.height, inView: r.bottom <= innerHeight && r.top >= 0,
          visible: s.visibility === 'visible' && s.display !== 'none', colour: s.color,
          background: s.backgroundColor,
          verdict: document.querySelector('.mdnn-verdict').innerText}; })()"""
PAGE_COLOURS = "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable = find_chromium()
    if executable is None:
        reason = ("no Chromium found (looked for $CHROMIUM, chromium, chromium-browser, google-chrome): "
                  "install Debian's 'chromium' to run the browser tests")
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    profile = tmp_path_factory.mktemp("chromium-profile")
    browser = Browser(executable, str(profile))
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def report_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    page = folder / "gradcheck.html"
    assert main(["gradcheck", "--mutant", "dW-missing-1/m", "--html", str(page), *SMALL]) == 1
    return page


def _shoot(browser, session, path):
    width, height = browser.screenshot(session, str(path))
    print(f"\nscreenshot: {path} ({width}x{height} CSS pixels)")
    assert path.stat().st_size > 10_000
    return path


def test_the_report_page_shows_its_verdict_and_pictures_with_no_errors_and_no_network(browser, report_page):
    session = browser.open(report_page.as_uri())
    verdict = browser.evaluate(session, VERDICT)
    assert verdict["text"] == "FAIL" and verdict["visible"] and verdict["inView"] and verdict["height"] > 10
    assert "Root cause: linear_backward" in verdict["verdict"]
    assert verdict["colour"] == "rgb(255, 255, 255)" and verdict["background"] == "rgb(198, 40, 40)"
    cells = browser.evaluate(session, "[...document.querySelectorAll('td.mdnn-v')].map(c => "
                                      "[c.textContent, getComputedStyle(c).color])")
    assert {tuple(c) for c in cells} == {("PASS", "rgb(27, 127, 59)"), ("FAIL", "rgb(198, 40, 40)")}
    text = browser.evaluate(session, "document.body.innerText")
    assert "uniform: every entry is 5x JAX's" in text and "What failed" in text
    images = browser.evaluate(session, IMAGES_LOADED)
    assert len(images) >= 3
    assert all(i["complete"] and i["width"] > 0 and i["shown"] > 100 for i in images), images
    assert browser.evaluate(session, "document.querySelectorAll('script').length") == 0
    _shoot(browser, session, report_page.with_name("gradcheck-light.png"))
    assert browser.console_errors(session) == []
    fetched = [url for url in browser.requests(session) if not url.startswith(("file:", "data:"))]
    assert fetched == []


def test_the_report_page_reads_in_the_dark_theme(browser, report_page):
    session = browser.open(report_page.as_uri(), dark=True)
    background, colour = browser.evaluate(session, PAGE_COLOURS)
    assert background == "rgb(15, 18, 23)" and colour == "rgb(230, 237, 243)"
    verdict = browser.evaluate(session, VERDICT)
    assert verdict["text"] == "FAIL" and verdict["colour"] == "rgb(255, 255, 255)"
    # The table's verdicts switch to lighter colours on the dark page.
    cells = browser.evaluate(session, "[...document.querySelectorAll('td.mdnn-v')].map(c => "
                                      "[c.textContent, getComputedStyle(c).color])")
    assert {tuple(c) for c in cells} == {("PASS", "rgb(86, 211, 100)"), ("FAIL", "rgb(255, 123, 114)")}
    _shoot(browser, session, report_page.with_name("gradcheck-dark.png"))
    assert browser.console_errors(session) == []


def test_the_fragment_follows_a_dark_jupyterlab_theme(browser, tmp_path):
    """JupyterLab marks its dark themes on <body>; the fragment inherits the text colour and lightens its verdicts."""
    from reference import check
    from reference.report.html import report_fragment

    fragment = report_fragment(check(namespace_with("row"), layer_dims=[5, 4, 3, 1], examples=6))
    page = tmp_path / "jupyterlab-dark.html"
    page.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
                    '<body data-jp-theme-light="false" style="background: #111111; color: #d4d4d4">'
                    f'<div class="jp-OutputArea-output">{fragment}</div></body></html>', encoding="utf-8")
    session = browser.open(page.as_uri())  # the page itself prefers light: only the theme's marker says dark
    colours = browser.evaluate(session, "[getComputedStyle(document.querySelector('.mdnn-report')).color, "
                                        "...[...document.querySelectorAll('td.mdnn-v-FAIL')].map(c => "
                                        "getComputedStyle(c).color)]")
    assert colours[0] == "rgb(212, 212, 212)" and set(colours[1:]) == {"rgb(255, 123, 114)"}
    assert all(i["width"] > 0 for i in browser.evaluate(session, IMAGES_LOADED))
    _shoot(browser, session, tmp_path / "jupyterlab-dark.png")
    assert browser.console_errors(session) == []


def test_a_learners_script_in_the_report_never_runs(browser, tmp_path):
    from reference import check
    from reference.report.html import report_page as page_of

    namespace = namespace_with("column")

    def linear_forward(A, W, b):
        raise ValueError("<script>window.pwned = 1; console.error('pwned')</script><img src=x onerror=pwned=2>")

    namespace["linear_forward"] = linear_forward
    report = check(namespace, layer_dims=[5, 4, 3, 1], examples=6)
    report.implementation = "<script>window.pwned = 3</script>"
    page = tmp_path / "hostile.html"
    page.write_text(page_of(report), encoding="utf-8")
    session = browser.open(page.as_uri())
    assert browser.evaluate(session, "typeof window.pwned") == "undefined"
    assert "<script>window.pwned = 1" in browser.evaluate(session, "document.body.innerText")  # shown as text
    assert browser.console_errors(session) == []
    assert [u for u in browser.requests(session) if not u.startswith(("file:", "data:"))] == []


def test_explain_typesets_its_equations_offline(browser, tmp_path, capsys):
    assert main(["explain", "--format", "html", "--layers", "3,2,1", "--examples", "2"]) == 0
    page = tmp_path / "explain.html"
    page.write_text(capsys.readouterr().out, encoding="utf-8")
    session = browser.open(page.as_uri())
    # A MathML fraction is laid out as a fraction: its numerator above its denominator.
    fraction = browser.evaluate(session, """(() => { const f = document.querySelector('mfrac');
      const [top, bottom] = [...f.children].map(c => c.getBoundingClientRect());
      return {equations: document.querySelectorAll('math').length, above: top.bottom <= bottom.top + 1,
              centred: Math.abs((top.left + top.right) / 2 - (bottom.left + bottom.right) / 2) < 2}; })()""")
    assert fraction["equations"] >= 10 and fraction["above"] and fraction["centred"], fraction
    _shoot(browser, session, tmp_path / "explain.png")
    assert browser.console_errors(session) == []
    assert [u for u in browser.requests(session) if not u.startswith(("file:", "data:"))] == []
