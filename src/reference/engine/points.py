"""Check points: where an assignment's functions are called and judged.

An assignment draws all its values at once (the inputs of every function, the upstream
gradients, the caches' contents), from sizes and a seed: ``Points.build(sizes, rng)``.
The CLI uses the fixed sizes and a seed; the property suite draws the sizes with
Hypothesis from the same ranges (``reference.engine.strategies``), so both reach the
same code. A point where the math has no derivative (a ReLU input at 0, a tie in a max
window) or loses its digits (a saturated sigmoid) is named by ``problems`` and redrawn;
a row whose point is still invalid is INVALID there, never FAIL.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Points", "Point", "draw_point", "MAX_DRAWS"]

MAX_DRAWS = 20


def _no_problems(values):
    return []


def _always(sizes):
    return True


@dataclass(frozen=True)
class Points:
    """How an assignment's check points are drawn.

    sizes: {name: (low, high)}, inclusive ranges the property suite draws from;
    fixed: {name: value}, the sizes of the CLI's point (small: every coordinate gets its
    finite differences); build(sizes, rng) -> {name: value}, every value a row may need,
    including ``m`` (the number of examples) where the course divides by it;
    problems(values) -> [sentence]: why the point is not valid for gradient checks;
    fits(sizes) -> bool: sizes that make sense together (a filter inside the image);
    describe(sizes) -> the point in a few words for the report (default: every size).
    """

    sizes: dict
    fixed: dict
    build: Callable
    problems: Callable = _no_problems
    fits: Callable = _always
    describe: Callable | None = None


@dataclass
class Point:
    """The values drawn, their sizes and seed, and what drawing them took."""

    values: dict
    sizes: dict
    seed: int
    draws: int = 1
    notes: list = field(default_factory=list)
    words: Callable | None = None  # the Points' describe

    def describe(self):
        """"n_x=4, n_h=3, m=5, seed 0": the point in one phrase."""
        shown = self.words(self.sizes) if self.words else ", ".join(f"{k}={v}" for k, v in self.sizes.items())
        return f"{shown}, seed {self.seed}" if shown else f"seed {self.seed}"


def draw_point(points, seed=0, sizes=None):
    """The point of ``points`` at ``sizes`` (default: the fixed ones) drawn with ``seed``;
    redrawn (the same generator, going on) while it has problems, up to MAX_DRAWS times."""
    sizes = dict(points.fixed if sizes is None else sizes)
    if not points.fits(sizes):
        raise ValueError(f"sizes {sizes} do not fit together")
    rng = np.random.RandomState(seed)
    first = None
    for draw in range(1, MAX_DRAWS + 1):  # noqa: B007 -- the count of draws is kept in the point
        values = points.build(sizes, rng)
        problems = points.problems(values)
        if not problems:
            break
        first = first or problems
    point = Point(values, sizes, seed, draws=draw, words=points.describe)
    if draw > 1:
        point.notes.append(f"redrew the check point {draw - 1} time(s): {'; '.join(first)}")
    if problems:
        point.notes.append(f"still degenerate after {MAX_DRAWS} draws: {'; '.join(problems)}")
    return point
