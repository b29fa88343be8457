"""What the convolution assignment's rows need beyond data: the caches' layouts, the course's own
template slice at pad 0, and the 2017 notebook's bias inside the sum (with its published numbers).
"""

import re

import numpy as np

from manual_dnn import convolution as reference
from reference.assignments.convolution.published import BIAS_IN_THE_SUM_NOTE
from reference.checks.comparison import contract_difference

__all__ = ["second", "conv_course_cache", "pool_course_cache", "conv_cache", "pool_cache", "template_slice_at_pad_0",
           "bias_inside_the_sum", "stride_taken_as_1", "TEMPLATE_SLICE"]

# The course's hint for unpadding, "dA_prev[i, :, :, :] = da_prev_pad[pad:-pad, pad:-pad, :]".
TEMPLATE_SLICE = re.compile(r"\[\s*(?:[:\w]+\s*,\s*)?pad\s*:\s*-\s*pad\s*,")
EMPTY_SHAPE = re.compile(r"has shape \(\d+, 0, 0, \d+\)|shape \(0, ?0, ?\d+\)")  # what the empty slice leaves


def second(result):
    """The cache of a forward that returns (out, cache)."""
    return result[1]


def conv_course_cache(values):
    return (values["A_prev"], values["W"], values["b"], values["conv_hparameters"])


def pool_course_cache(values):
    return (values["A_prev"], values["pool_hparameters"])


def _same(actual, expected):
    """Whether a cache holds the expected arrays and dicts, in the expected nesting."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and set(actual) >= set(expected) and all(
            _same(actual[k], v) for k, v in expected.items())
    if isinstance(expected, tuple):
        return isinstance(actual, (tuple, list)) and len(actual) == len(expected) and all(
            _same(a, e) for a, e in zip(actual, expected))
    try:
        actual = np.asarray(actual, dtype=np.float64)
        return actual.shape == np.shape(expected) and np.allclose(actual, expected, rtol=1e-12, atol=0)
    except (TypeError, ValueError, OverflowError):
        return False


def _cache_check(layout, course_cache, backward):
    def check(run, row, values, returned, suffix):
        if "cache" in returned and not _same(returned["cache"], course_cache(values)):
            run.add([contract_difference(row.name, "cache", f"its cache is not the course's {layout}: a difference "
                                                            f"its own {backward} must follow (it is called with it)")],
                    suffix)
    return check


conv_cache = _cache_check("(A_prev, W, b, hparameters)", conv_course_cache, "conv_backward")
pool_cache = _cache_check("(A_prev, hparameters)", pool_course_cache, "pool_backward")


def template_slice_at_pad_0(run, row, values, suffix, failing):
    """Why conv_backward's failures at pad 0 are the course's template's, or None: its hint
    ``da_prev_pad[pad:-pad, pad:-pad, :]`` is ``[0:0, 0:0]`` at pad 0, an empty slice. Only failures
    that slice explains count: an exception raised at that line, or a dA_prev with no rows and
    columns (its shape (m, 0, 0, n_C)); any other failure at pad 0 is the learner's own."""
    if values["conv_hparameters"].get("pad") != 0:
        return None
    source = (getattr(run.impl, "sources", None) or {}).get(row.name, "")
    written = next((text.strip() for text in source.splitlines()
                    if TEMPLATE_SLICE.search(text) and not text.strip().startswith("#")), None)
    line = None
    for check in failing:
        raised = (check.raised or {}).get("source") or ""
        if TEMPLATE_SLICE.search(raised):
            line = raised
        elif written and EMPTY_SHAPE.search(check.detail):
            line = written
        else:
            return None
    return (f"at pad = 0 the course's own template line `{line}` slices pad:-pad = 0:0, an empty array; the course "
            "never uses pad 0, so this is not counted against you (da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, "
            ":] works for every pad)")


def bias_inside_the_sum(run, row, values, returned, suffix):
    """The 2017 notebook told learners to add b inside the sum (b counted f * f * n_C_prev times):
    said, with the numbers that notebook printed, when the value returned is exactly that."""
    try:
        value = float(np.sum(np.asarray(returned["Z"], dtype=np.float64)))
    except (TypeError, ValueError, OverflowError):
        return
    inside = float(np.sum(values["a_slice_prev"] * values["W"] + values["b"]))
    once = float(np.sum(values["a_slice_prev"] * values["W"]) + np.sum(values["b"]))
    if abs(value - inside) <= 1e-9 * max(1.0, abs(inside)) and abs(inside - once) > 1e-6:
        run.notes.append(BIAS_IN_THE_SUM_NOTE)


STRIDE_WORDS = ("right for a stride of 1, not {stride}: the window moves one step at a time (vert_start = h, where "
                "the course's is h * stride)")


def _stride_1(name, values):
    """{returned name: what a function that moves its window by 1, not by the stride, returns} at ``values``."""
    hp = values["hparameters"]
    one = {**hp, "stride": 1}
    if name == "conv_forward":
        Z = reference.conv_forward(values["A_prev"], values["W"], values["b"], one)[0]
        n_H, n_W = values["dZ"].shape[1:3]
        return {"Z": Z[:, :n_H, :n_W, :]}
    if name == "pool_forward":
        A = reference.pool_forward(values["A_prev"], one, values["mode"])[0]
        n_H, n_W = values["dA"].shape[1:3]
        return {"A": A[:, :n_H, :n_W, :]}
    if name == "conv_backward":
        grown = _grown(values["dZ"], reference.conv_forward(values["A_prev"], values["W"], values["b"], one)[0].shape)
        return dict(zip(("dA_prev", "dW", "db"), reference.conv_backward(grown, conv_course_cache(
            {**values, "conv_hparameters": one}))))
    shape = reference.pool_forward(values["A_prev"], one, values["mode"])[0].shape
    return {"dA_prev": reference.pool_backward(_grown(values["dA"], shape), (values["A_prev"], one), values["mode"])}


def _grown(upstream, shape):
    """``upstream`` in the top-left corner of zeros of ``shape``: the gradient a stride-1 loop over
    upstream's positions sends back."""
    grown = np.zeros(shape)
    grown[:, :upstream.shape[1], :upstream.shape[2], :] = upstream
    return grown


def stride_taken_as_1(run, row, values, returned, suffix):
    """A failing forward or backward whose values are exactly those of a window moved by 1, not by
    the stride: said so on its failing checks (the course's examples use stride 1 where it matters)."""
    stride = values["hparameters"].get("stride", 1)
    failing = [c for c in run.checks if c.function == row.name and c.passed is False and c.target.endswith(suffix)]
    if stride == 1 or not failing:
        return
    try:
        expected = _stride_1(row.name, values)
    except (ValueError, KeyError, TypeError):
        return
    hits = []
    for name, value in expected.items():
        try:
            actual = np.asarray(returned.get(name), dtype=np.float64)
        except (TypeError, ValueError):
            continue
        if actual.shape == value.shape and np.allclose(actual, value, rtol=1e-9, atol=1e-12):
            hits.append(name)
    words = STRIDE_WORDS.format(stride=stride)
    for check in failing:
        if check.target.split(" ")[0] in hits:
            check.pattern = words
