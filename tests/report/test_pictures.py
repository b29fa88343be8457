"""The three pictures: drawn from a report's Checks with matplotlib's object API only."""

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from reference import check
from reference.report import pictures
from reference.report.patterns import error_pattern
from reference.report.results import Check
from tests.report.learner_bugs import namespace_with

PNG = b"\x89PNG\r\n\x1a\n"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wrong():
    return check(namespace_with("column"), layer_dims=[5, 4, 3, 1], examples=6)


def test_every_picture_of_a_failing_report_is_a_figure_that_renders_to_png(wrong):
    figures = pictures.report_figures(wrong)
    kinds = [kind for kind, *_ in figures]
    # Taylor, step sizes, then one map per failing gradient tensor (JAX's, not again for FD or complex step).
    failing = {(c.function, c.target) for c in wrong.checks if c.passed is False and c.target.startswith("dW")}
    assert kinds == ["taylor", "steps"] + ["map"] * len(failing)
    for _, _, _, figure in figures:
        assert isinstance(figure, Figure)
        assert pictures.png_bytes(figure).startswith(PNG)


def test_the_taylor_picture_has_the_data_and_both_slope_guides(wrong):
    taylor = next(c for c in wrong.checks if c.oracle == "taylor")
    ax = pictures.taylor_figure(taylor).axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    assert any("h^1." in label and "FAIL" in label for label in labels)
    assert "slope 2: right gradient" in labels and "slope 1: wrong gradient" in labels
    data = ax.get_lines()[0]
    assert list(data.get_xdata()) == taylor.remainders["h"]


def test_the_step_size_picture_draws_three_estimates_and_the_hand_written_value(wrong):
    steps = next(c for c in wrong.checks if c.steps)
    figure = pictures.step_size_figure(steps)
    labels = [line.get_label() for line in figure.axes[0].get_lines()]
    for name in ("central", "forward", "complex step", "hand-written value"):
        assert any(label.startswith(name) for label in labels), (name, labels)


def test_a_one_column_stripe_survives_in_a_cat_sized_map():
    expected = np.random.RandomState(0).randn(20, 12288)
    actual = expected.copy()
    actual[:, 5000] *= 3  # one input of 12288 is wrong
    c = Check("L_model_backward", "dW1", "jax-grad", 0.1, 1e-10, False)
    c.errors, c.pattern = error_pattern("dW1", actual, expected)
    figure = pictures.error_map_figure(c)
    shown = figure.axes[0].get_images()[0].get_array()
    assert shown.shape[1] <= pictures.MAX_MAP_CELLS < 12288
    assert (shown.max(axis=0) > 0.1).sum() == 1  # the stripe is one block wide, not averaged away
    assert "column 5000" in c.pattern
    # ...and it is in the pixels: a vertical line of the colour map's top colour (viridis: yellow).
    pixels = np.asarray(Image.open(io.BytesIO(pictures.png_bytes(figure))).convert("RGB")).astype(int)
    yellow = (np.abs(pixels - [253, 231, 37]).sum(axis=2) < 60)
    columns = np.flatnonzero(yellow.sum(axis=0) > 100)  # taller than the map's 20 rows of ~1 px
    assert 1 <= len(columns) <= 4, columns
    box = figure.axes[0].get_position()  # where the map is, as fractions of the picture
    where = (columns.mean() / pixels.shape[1] - box.x0) / box.width
    assert abs(where - 5000 / 12288) < 0.01, where
    # Every block gets at least a pixel and a half, wherever the stripe falls.
    assert box.width * pixels.shape[1] / shown.shape[1] >= 1.5


def test_pictures_refuse_checks_without_their_data():
    bare = Check("L_model_backward", "all dW, db", "taylor", None, 0.5, None)
    with pytest.raises(ValueError):
        pictures.taylor_figure(bare)
    with pytest.raises(ValueError):
        pictures.step_size_figure(bare)


def test_drawing_leaves_the_callers_matplotlib_alone(tmp_path):
    """In a fresh interpreter: a backend and a dark style chosen by the caller, then the HTML report
    with its pictures; the backend, the style and pyplot's absence are unchanged."""
    script = textwrap.dedent("""
        import sys
        import matplotlib
        import matplotlib.style
        matplotlib.use("pdf")
        matplotlib.style.use("dark_background")
        before = (matplotlib.get_backend(), dict(matplotlib.rcParams))
        from reference import check
        from tests.report.learner_bugs import namespace_with
        report = check(namespace_with("row"), layer_dims=[5, 4, 3, 1], examples=6)
        html = report._repr_html_()
        assert html.count("<img") >= 3, html.count("<img")
        assert matplotlib.get_backend() == before[0] == "pdf", matplotlib.get_backend()
        changed = [k for k, v in matplotlib.rcParams.items() if str(before[1][k]) != str(v)]
        assert not changed, changed
        assert "matplotlib.pyplot" not in sys.modules
        print("untouched")
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                            cwd=str(tmp_path), env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "untouched"
