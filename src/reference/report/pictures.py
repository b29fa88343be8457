"""The three pictures of gradient checking, drawn from a report's Checks.

- ``taylor_figure``: the Taylor remainder |J(θ + hv) − J(θ) − h gᵀv| against h,
  log-log, with slope-1 and slope-2 guides: a right gradient follows slope 2,
  a wrong one slope 1.
- ``step_size_figure``: the error of three numerical derivatives of one
  gradient entry against their step h: the central difference's "V"
  (truncation ~h², rounding ~ε/h, best near ε^(1/3)), the forward
  difference's, and the complex step's flat line.
- ``error_map_figure``: a failing tensor's per-entry relative error as a heat
  map, the pattern named in its title.

Each returns a ``matplotlib.figure.Figure`` made with the object API: pyplot
is never imported and the caller's backend, figures and style are untouched
(the fixed look below applies only while a figure is built).
``png_bytes``/``png_data_uri`` render one with the Agg canvas, as a palette PNG.
"""

import base64
import io
import textwrap

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator, NullLocator

from reference.report.patterns import WRONG
from reference.tolerances import FD_STEP

__all__ = ["taylor_figure", "step_size_figure", "error_map_figure", "report_figures", "mapped_tensors", "png_bytes",
           "png_data_uri", "MAX_MAP_CELLS", "MAX_NOTEBOOK_MAPS"]

EPS = np.finfo(np.float64).eps
FLOOR = 1e-17  # exact results (error 0) are drawn here on log axes
# Pictures inline in a notebook are saved in the .ipynb by every check(): a palette of 128 colours (white,
# greys, a few line colours, the colour map's steps) keeps them a third the size of RGBA PNGs, no loss to see;
# a notebook's report draws only the root causes' maps (mapped_tensors).
PALETTE_COLOURS = 128
MAX_NOTEBOOK_MAPS = 4
MAX_MAP_CELLS = 160  # per axis, fewer than the map's pixels: wider tensors are shown as the max over blocks,
# each block at least two pixels wide, so no one-entry stripe vanishes in the resampling

# A fixed light look whatever the caller's style (a dark style would put white text on white).
STYLE = {
    "figure.facecolor": "white", "axes.facecolor": "white", "savefig.facecolor": "white",
    "text.color": "#222222", "axes.labelcolor": "#222222", "axes.edgecolor": "#444444",
    "xtick.color": "#333333", "ytick.color": "#333333", "axes.titlesize": 10, "axes.labelsize": 9,
    "xtick.labelsize": 8, "ytick.labelsize": 8, "legend.fontsize": 8, "font.size": 9,
    "axes.grid": False, "lines.linewidth": 1.6,
}
RIGHT, WRONG_COLOR, GUIDE = "#1b7f3b", "#c62828", "#888888"


def _figure(width, height, left=0.8, right=0.2, top=0.35, bottom=0.5):
    """A figure with one axes and fixed margins in inches (no layout engine: it doubles the drawing time)."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, height))
        fig.subplots_adjust(left=left / width, right=1 - right / width, top=1 - top / height,
                            bottom=bottom / height)
        return fig


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power_of_ten(value, _position=None):
    """10⁻⁵ as plain text: mathtext tick labels cost most of a figure's drawing time."""
    exponent = np.log10(value) if value > 0 else np.nan
    if not np.isfinite(exponent) or abs(exponent - round(exponent)) > 1e-9:
        return ""
    return "10" + str(int(round(exponent))).translate(_SUPERSCRIPTS)


def _log_axes(ax, *which):
    """Decades only, labelled 10ⁿ in plain text, without minor ticks (fast and uncluttered)."""
    for axis in which:
        axis = ax.xaxis if axis == "x" else ax.yaxis
        axis.set_major_formatter(FuncFormatter(_power_of_ten))
        axis.set_minor_locator(NullLocator())


def taylor_figure(*checks, labels=None):
    """The Taylor test of L_model_backward: remainder against h, log-log.

    ``checks``: Taylor Checks with ``remainders`` (several draw several
    curves, e.g. a right and a wrong gradient); ``labels`` name them.
    """
    checks = [c for c in checks if c.remainders and c.remainders["h"]]
    if not checks:
        raise ValueError("no Taylor sweep to draw (the Check has no remainders)")
    labels = labels or [_taylor_label(c) for c in checks]
    with matplotlib.rc_context(STYLE):
        fig = _figure(5.6, 3.6)
        ax = fig.add_subplot()
        colors = [RIGHT if c.passed else WRONG_COLOR if c.passed is False else GUIDE for c in checks]
        for check, label, color in zip(checks, labels, colors):
            h, r = np.array(check.remainders["h"]), np.array(check.remainders["remainder"])
            ax.loglog(h, np.maximum(r, FLOOR), "o-", color=color, label=label, markersize=4)
        hs = np.logspace(np.log10(min(min(c.remainders["h"]) for c in checks)),
                         np.log10(max(max(c.remainders["h"]) for c in checks)), 20)
        # Each guide through the largest step of a curve it should match (a passing one for slope 2).
        for slope, style, verdict, label in ((2, "--", True, "slope 2: right gradient"),
                                             (1, ":", False, "slope 1: wrong gradient")):
            anchor = next((c for c in checks if c.passed is verdict), checks[0]).remainders
            k = int(np.argmax(anchor["h"]))
            h0, r0 = anchor["h"][k], max(anchor["remainder"][k], FLOOR)
            ax.loglog(hs, r0 * (hs / h0) ** slope, style, color=GUIDE, linewidth=1.2, label=label)
        floor = max(c.remainders.get("floor", 0.0) for c in checks)
        if floor > 0:
            ax.axhline(floor, color=GUIDE, linewidth=0.8, alpha=0.6)
            ax.annotate("rounding floor", (hs[0], floor), textcoords="offset points", xytext=(2, 3),
                        fontsize=7, color=GUIDE)
        _log_axes(ax, "x", "y")
        ax.set_xlabel("step h along a direction v")
        ax.set_ylabel("|J(θ + h v) − J(θ) − h gᵀv|")
        ax.set_title("Taylor test of L_model_backward: the remainder's slope is the verdict")
        ax.legend(loc="lower right", frameon=False)
    return fig


def _taylor_label(check):
    order = f"h^{check.measured:.2f}" if check.measured is not None else "no order"
    return f"your gradient g ({order}, {check.verdict})"


def step_size_figure(check):
    """One entry's central, forward and complex-step errors against h (a Check with ``steps``)."""
    s = check.steps
    if not s:
        raise ValueError("no step-size sweep to draw (the Check has no steps)")
    h = np.array(s["h"])
    exact = s["jax"]
    scale = abs(exact) or 1.0

    def error(values):
        v = np.array([np.nan if x is None else x for x in values], dtype=float)
        return np.maximum(np.abs(v - exact) / scale, FLOOR)

    where = f"{s['key']}[{', '.join(map(str, s['index']))}]"
    with matplotlib.rc_context(STYLE):
        fig = _figure(5.6, 4.1, bottom=1.1)
        ax = fig.add_subplot()
        ax.loglog(h, error(s["central"]), "o-", color="#1f5fbf", markersize=3.5,
                  label="central (f(x+h) − f(x−h)) / 2h")
        ax.loglog(h, error(s["forward"]), "s-", color="#d9822b", markersize=3, label="forward (f(x+h) − f(x)) / h")
        ax.loglog(h, error(s["complex"]), "^-", color="#6a3d9a", markersize=3.5, label="complex step Im f(x+ih) / h")
        for h_best, name in ((EPS ** (1 / 3), "ε^(1/3)"), (EPS ** 0.5, "ε^(1/2)")):
            ax.axvline(h_best, color=GUIDE, linewidth=0.8, linestyle=":")
            ax.annotate(name, (h_best, 1.0), textcoords="offset points", xytext=(2, -10), fontsize=7, color=GUIDE)
        ax.axvline(FD_STEP, color=RIGHT, linewidth=0.8, alpha=0.5)
        ax.annotate("checker's step", (FD_STEP, 1.0), textcoords="offset points", xytext=(-3, -10),
                    fontsize=7, color=RIGHT, ha="right")
        hand = abs(s["hand_written"] - exact) / scale
        if hand > 1e-6:
            ax.axhline(hand, color=WRONG_COLOR, linestyle="--", linewidth=1.2,
                       label=f"hand-written value ({hand:.1e})")
        ax.set_xlim(h.max() * 2, h.min() / 2)  # large steps on the left: read it as h shrinks
        top = max(np.nanmax(error(s[k])) for k in ("central", "forward", "complex"))
        ax.set_ylim(FLOOR / 2, max(10.0, hand * 3, top * 3))
        _log_axes(ax, "x", "y")
        ax.set_xlabel("step h (shrinking →)")
        ax.set_ylabel("|estimate − JAX| / |JAX|")
        ax.set_title(f"Step size: {check.function} {where}, three ways")
        fig.legend(loc="lower center", frameon=False, ncol=2, fontsize=7.5)
    return fig


def error_map_figure(check, who="JAX"):
    """A failing tensor's per-entry |hand-written − expected| / (|hand-written| + |expected|)."""
    errors = np.asarray(check.errors, dtype=float)
    if errors.size < 2:
        raise ValueError(f"{check.function} {check.target}: no per-entry errors to draw")
    grid = errors.reshape(errors.shape[0], -1) if errors.ndim != 2 else errors
    shown, (row_block, col_block) = _block_max(grid)
    rows, cols = grid.shape
    name = check.target.split()[0]
    column_is = "input" if name.lstrip("d").startswith("W") else "example"
    with matplotlib.rc_context(STYLE):
        fig = _figure(5.6, 1.9 + min(2.2, 0.18 * shown.shape[0]), right=1.1, top=0.6)
        ax = fig.add_subplot()
        box = ax.get_position()
        colorbar_axes = fig.add_axes((box.x1 + 0.1 / 5.6, box.y0, 0.12 / 5.6, box.height))
        image = ax.imshow(np.clip(shown, 1e-16, 1.0), norm=LogNorm(1e-16, 1.0), cmap="viridis",
                          aspect="auto", interpolation="nearest", extent=(-0.5, cols - 0.5, rows - 0.5, -0.5))
        colorbar = fig.colorbar(image, cax=colorbar_axes)
        colorbar.set_label("rel. error per entry", fontsize=8)
        colorbar.set_ticks([1e-16, 1e-12, 1e-8, 1e-4, 1])
        _log_axes(colorbar.ax, "y")
        blocks = f" (max over blocks of {row_block}×{col_block})" if row_block * col_block > 1 else ""
        marked = _mark_thin_stripes(ax, grid, rows, cols)
        for axis, n in ((ax.xaxis, cols), (ax.yaxis, rows)):
            axis.set_major_locator(FixedLocator(range(n)) if n <= 8 else MaxNLocator(nbins=8, integer=True))
        ax.set_xlabel(f"column j: {column_is}{blocks}")
        ax.set_ylabel("row i: unit")
        ax.set_title(f"{check.function} {check.target} {rows}×{cols} vs {who}", loc="left", pad=18 if marked else 6)
        if check.pattern:
            fig.text(0.02, 1 - 0.08 / fig.get_figheight(), textwrap.fill(check.pattern, 95), fontsize=8,
                     color=WRONG_COLOR, ha="left", va="top")
    return fig


def _mark_thin_stripes(ax, grid, rows, cols, few=6):
    """Arrows at the few wrong columns (rows) of a big map, where a stripe is one pixel wide; True if any."""
    wrong = grid > max(WRONG, 1e-3 * grid.max())
    marked = False
    for count, indices, place in ((cols, np.flatnonzero(wrong.any(axis=0)), "column"),
                                  (rows, np.flatnonzero(wrong.any(axis=1)), "row")):
        if count <= 40 or not 0 < len(indices) <= few:
            continue
        for index in indices:
            xy = (index, -0.5) if place == "column" else (cols - 0.5, index)
            ax.annotate(f"{place} {index}", xy, xytext=(0, 9) if place == "column" else (9, 0),
                        textcoords="offset points", ha="center" if place == "column" else "left",
                        va="bottom" if place == "column" else "center", fontsize=7, color=WRONG_COLOR,
                        arrowprops={"arrowstyle": "-|>", "color": WRONG_COLOR, "lw": 1}, annotation_clip=False)
            marked = True
    return marked


def _block_max(grid):
    """The grid with blocks of rows/columns replaced by their max, at most MAX_MAP_CELLS per axis."""
    rb = -(-grid.shape[0] // MAX_MAP_CELLS)
    cb = -(-grid.shape[1] // MAX_MAP_CELLS)
    if rb == cb == 1:
        return grid, (1, 1)
    rows, cols = -(-grid.shape[0] // rb), -(-grid.shape[1] // cb)
    padded = np.zeros((rows * rb, cols * cb))
    padded[: grid.shape[0], : grid.shape[1]] = grid
    return padded.reshape(rows, rb, cols, cb).max(axis=(1, 3)), (rb, cb)


def mapped_tensors(report, every=True):
    """The failing gradient tensors a report draws a map of: every one, or (``every`` False, a notebook's
    report, kept small) at most MAX_NOTEBOOK_MAPS of the root causes' -- the other failures follow from
    them -- or of the lowest failing function when no root cause has a gradient to draw."""
    from reference.report.in_words import failing_tensors

    tensors = [c for c in failing_tensors(report.checks) if c.target.startswith("d")]
    if every:
        return tensors
    causes = set(report.root_causes)
    chosen = [c for c in tensors if c.function in causes] or [c for c in tensors if c.function == tensors[0].function]
    return chosen[:MAX_NOTEBOOK_MAPS] if tensors else []


def report_figures(report, every_map=True):
    """[(kind, title, Check, Figure)] for a report: the Taylor test, the step sizes, the failing gradients'
    maps (``mapped_tensors``)."""
    figures = []
    taylor = [c for c in report.checks if c.oracle == "taylor" and c.remainders and c.remainders["h"]]
    for c in taylor[:1]:
        figures.append(("taylor", "The Taylor test", c, taylor_figure(c)))
    for c in [c for c in report.checks if c.steps][:1]:
        figures.append(("steps", "The step size", c, step_size_figure(c)))
    for c in mapped_tensors(report, every_map):
        who = "FD" if "fd" in c.oracle else "complex step" if c.oracle == "complex-step" else "JAX"
        figures.append(("map", f"Where {c.function} {c.target} is wrong", c, error_map_figure(c, who)))
    return figures


def png_bytes(figure, dpi=110, colours=PALETTE_COLOURS):
    """The figure as PNG bytes, through the Agg canvas (no pyplot, no backend switch); with ``colours``,
    a palette PNG of that many colours (None: full RGBA)."""
    FigureCanvasAgg(figure)  # attaches itself as figure.canvas: savefig then needs no backend
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    if colours is None:
        return buffer.getvalue()
    from PIL import Image

    with Image.open(buffer) as image:
        palette = image.convert("RGB").quantize(colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="png", optimize=True)
    return buffer.getvalue()


def png_data_uri(figure, dpi=110, colours=PALETTE_COLOURS):
    return "data:image/png;base64," + base64.b64encode(png_bytes(figure, dpi, colours)).decode("ascii")
