"""Where a wrong tensor is wrong, entry by entry, and the shape of it in words.

A wrong gradient is rarely wrong at random. The errors of a failing tensor
line up in a pattern that points at the bug:

- a **column** of ``dW`` (input j of the layer): a transposed or mis-indexed
  input; a column of ``dA``/``dZ`` is one example;
- a **row** (unit i of the layer): one unit's gradient;
- **uniform**: every entry off by the same factor k, such as a missing 1/m
  (k = m) or a flipped sign (k = -1);
- **in time** (a tensor with a time axis, declared by its row): the time steps
  that hold a wrong entry, and the first of them in the order the pass visits
  them (forward from t = 0, or backward from the last step for a gradient
  through time).

A check may also name what a likely bug would give (``alternatives``: the
value before the call, the other activation's derivative, the step taken
uphill) and the regions where a known bug shows (``regions``: where Z == 0);
when the tensor is exactly one of those, that is what the report says.
"""

import numpy as np

__all__ = ["entry_errors", "error_pattern", "name_pattern", "WRONG", "UNCHANGED"]

WRONG = 1e-6
"""An entry whose relative error exceeds this is wrong, not rounding: correct
float64 entries sit near 1e-16, finite differences' near 1e-10."""

_NEGLIGIBLE = 1e-8  # entries this small next to the largest are left out of the error's scale

UNCHANGED = "not updated: the value it had before (is the result assigned back?)"


def entry_errors(actual, expected):
    """|actual - expected| / (|actual| + |expected|) per entry, in [0, 1].

    Entries near zero in both would turn rounding into large ratios, so the
    denominator never falls below 1e-8 of the tensor's largest |actual| + |expected|.
    Same shape as the inputs.
    """
    actual, expected = np.asarray(actual, np.float64), np.asarray(expected, np.float64)
    size = np.abs(actual) + np.abs(expected)
    floor = _NEGLIGIBLE * size.max() if size.size else 0.0
    scale = np.maximum(size, floor)
    with np.errstate(invalid="ignore", divide="ignore"):
        errors = np.where(scale > 0, np.abs(actual - expected) / np.where(scale > 0, scale, 1.0), 0.0)
    return errors


def error_pattern(target, actual, expected, who="JAX", tolerance=WRONG, alternatives=None, regions=None,
                  time_axis=None, backward=False):
    """(per-entry errors, the pattern in words or None) of a failing comparison.

    Entries off by more than the comparison's ``tolerance`` count as wrong: a
    tensor fails only when some entry does (see ``name_pattern``).
    ``alternatives``: {words: what a likely bug gives} (or a function returning
    it, called only here); ``regions``: {words: boolean mask, the shape of the tensor}.
    """
    errors = entry_errors(actual, expected)
    if callable(alternatives):
        alternatives = alternatives()
    known = _known_bug(actual, errors, alternatives or {}, regions or {}, tolerance)
    return errors, known or name_pattern(target, errors, actual, expected, who, tolerance, time_axis, backward)


def _known_bug(actual, errors, alternatives, regions, floor):
    """The words of the first alternative ``actual`` equals, or of the region that holds every wrong entry."""
    actual = np.asarray(actual, np.float64)
    for words, value in alternatives.items():
        value = np.asarray(value, np.float64)
        if value.shape == actual.shape and entry_errors(actual, value).max(initial=0.0) <= min(floor, WRONG):
            return words
    errors = np.asarray(errors)
    wrong = errors > max(floor, 1e-3 * errors.max(initial=0.0))
    for words, mask in regions.items():
        mask = np.asarray(mask, bool)
        if mask.shape == wrong.shape and wrong.any() and not (wrong & ~mask).any():
            return words
    return None


def name_pattern(target, errors, actual, expected, who="JAX", floor=WRONG, time_axis=None, backward=False):
    """One sentence naming where ``target`` is wrong, or None when nothing is.

    ``target`` is the tensor's name as the report gives it ("dW2", "dW (relu)",
    "dA_prev"): it says whether columns are inputs (W) or examples (A, Z).
    ``who`` names the oracle that ``expected`` came from. An entry is wrong
    when its error exceeds ``floor`` and a thousandth of the worst entry's.
    ``time_axis``: the axis of time steps, where the tensor has one (x, a, dx
    of a recurrent network); ``backward``: the pass visits them last to first.
    (If every entry is within a tolerance, so is the tensor's norm-wise
    relative error: a failing tensor always has a wrong entry.)
    """
    errors = np.asarray(errors)
    actual, expected = np.asarray(actual, np.float64), np.asarray(expected, np.float64)
    if errors.size == 0 or errors.max() <= floor:
        return None
    wrong = errors > max(floor, 1e-3 * errors.max())
    if errors.size == 1:
        return None  # one number: its worst entry says it all
    factor = _common_factor(actual, expected)
    if factor is not None:
        return _uniform(factor, who)
    if time_axis is not None and errors.ndim >= 2 and errors.shape[time_axis] > 1:
        return _in_time(errors, wrong, time_axis, backward)
    if errors.ndim != 2:
        return _scattered(wrong)
    rows, columns = np.flatnonzero(wrong.any(axis=1)), np.flatnonzero(wrong.any(axis=0))
    n_rows, n_columns = wrong.shape
    name = target.split()[0]
    column_is = "input" if name.lstrip("d").startswith("W") else "example"
    if len(rows) == 1 and len(columns) == 1 and n_rows > 1 and n_columns > 1:
        return (f"wrong in one entry only, [{rows[0]}, {columns[0]}] (unit {rows[0]}, {column_is} "
                f"{columns[0]})")
    if n_columns > 1 and len(columns) <= max(1, n_columns // 4) and (len(rows) > 1 or n_rows == 1):
        what = "a transposed or mis-indexed input" if column_is == "input" else "those examples"
        return f"wrong only in {_listed('column', columns)} ({column_is} {_numbers(columns)}): {what}"
    if n_rows > 1 and len(rows) <= max(1, n_rows // 4):
        return f"wrong only in {_listed('row', rows)} (unit {_numbers(rows)}): that unit's gradient"
    return _scattered(wrong)


def _common_factor(actual, expected):
    """k when actual = k * expected for every entry (k != 1), else None."""
    big = np.abs(expected) > _NEGLIGIBLE * np.abs(expected).max()
    if not big.any():
        return None
    ratios = actual[big] / expected[big]
    k = float(np.median(ratios))
    # The same factor for all: every ratio's distance from 1 equal to within 0.1%.
    if k == 1 or np.abs(ratios - k).max() > 1e-3 * abs(k - 1):
        return None
    # The entries left out of the ratios must be small in actual too.
    if np.abs(actual[~big]).max(initial=0.0) > 1e-6 * np.abs(actual).max():
        return None
    return k


def _uniform(k, who):
    if k == 0:
        return f"uniform: every entry is 0 where {who}'s is not"
    if abs(k + 1) <= 1e-6:
        return "uniform: every entry has the wrong sign (x -1)"
    if abs(k) >= 1:
        how = f"{_digits(k)}x {who}'s"
    else:
        how = f"1/{_digits(1 / k)} of {who}'s"
    whole = round(max(abs(k), 1 / abs(k)))
    # a missing (or doubled) 1/m is a whole factor; 0.7 is not one (a missing / keep_prob, say)
    like = " (like a missing 1/m)" if whole >= 2 and abs(max(abs(k), 1 / abs(k)) - whole) < 1e-6 else ""
    return f"uniform: every entry is {how}, one factor for all{like}"


def _digits(k):
    """k with enough digits to tell it from 1: 6, 0.25, 1.00000001."""
    digits = max(4, int(np.ceil(-np.log10(abs(abs(k) - 1)))) + 2) if abs(k) != 1 else 4
    return f"{k:.{min(digits, 16)}g}"


def _in_time(errors, wrong, axis, backward):
    """The time steps that hold a wrong entry, the worst of them, and the first the pass meets."""
    T = errors.shape[axis]
    per_step = np.moveaxis(wrong, axis, 0).reshape(T, -1).any(axis=1)
    worst = int(np.argmax(np.moveaxis(errors, axis, 0).reshape(T, -1).max(axis=1)))
    bad, good = np.flatnonzero(per_step), np.flatnonzero(~per_step)
    if not good.size:
        where = f"wrong at every time step (t = {_steps(bad)}), most at t = {worst}"
    else:
        where = f"wrong at t = {_steps(bad)}, right at t = {_steps(good)}"
        where += f" (most at t = {worst})" if len(bad) > 1 else ""
    if backward:
        return f"{where}; going backward from t = {T - 1}, the first wrong step is t = {int(bad.max())}"
    return f"{where}; the first wrong step is t = {int(bad.min())}"


def _steps(indices):
    """0..3 for a run of steps, else the steps listed: 0, 2, 3."""
    indices = [int(i) for i in indices]
    if len(indices) > 2 and indices == list(range(indices[0], indices[-1] + 1)):
        return f"{indices[0]}..{indices[-1]}"
    return ", ".join(map(str, indices))


def _scattered(wrong):
    where = "every entry" if wrong.all() else f"{int(wrong.sum())} of {wrong.size} entries"
    return f"wrong in {where}, by different factors: no single row, column or common factor"


def _listed(word, indices):
    return f"{word} {indices[0]}" if len(indices) == 1 else f"{len(indices)} {word}s"


def _numbers(indices, shown=6):
    text = ", ".join(map(str, indices[:shown]))
    return text + (f" and {len(indices) - shown} more" if len(indices) > shown else "")
