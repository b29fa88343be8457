"""What course 5 week 1's rows need beyond data: each family's own parameters dict, the course's
caches (their layout checked in the forwards, rebuilt from the point for a backward when the
learner's forward gives none it can use), and the gradients through time, one time step at a time.

Nothing here imports JAX at import time: the learner's sandbox reads the table.
"""

import dataclasses

import numpy as np

from reference.checks.comparison import compare, contract_failure
from reference.engine.contract import bind, unpack
from reference.report.results import Check
from reference.tolerances import TOLERANCES

__all__ = ["using", "cell_cache", "sequence_caches", "cache_problem", "caches_problem", "forward_cache",
           "forward_caches", "starts_from_a0", "usable_cache", "usable_caches", "through_time", "CELL_LAYOUTS"]

# The course's per-step caches, in every version (the template writes these lines for the learner).
LAYOUT_ITEMS = ("a_prev", "c_prev", "xt", "parameters")  # a cell's own arguments, in its cache
CELL_LAYOUTS = {
    "rnn": ("a_next", "a_prev", "xt", "parameters"),
    "lstm": ("a_next", "c_next", "a_prev", "c_prev", "ft", "it", "cct", "ot", "xt", "parameters"),
}


def using(**renamed):
    """A row's ``check``: the generic judge, with point values renamed first ({"parameters":
    "rnn_parameters"}: the row's ``parameters`` is the point's rnn_parameters)."""
    def check(run, row, values):
        from reference.engine.judging import check_function

        check_function(run, dataclasses.replace(row, check=None),
                       {**values, **{name: values[source] for name, source in renamed.items()}})
    check.renamed = renamed
    return check


# ------------------------------------------------------------------ the course's caches

def _family(values):
    return "lstm" if "Wf" in values["parameters"] else "rnn"


def cell_cache(values):
    """The course's cache of one step at the point (its cell forward, manual_dnn's)."""
    from manual_dnn import rnn

    if _family(values) == "lstm":
        return rnn.lstm_cell_forward(values["xt"], values["a_prev"], values["c_prev"], values["parameters"])[3]
    return rnn.rnn_cell_forward(values["xt"], values["a_prev"], values["parameters"])[2]


def sequence_caches(values):
    """The course's (caches, x) of the sequence at the point."""
    from manual_dnn import rnn

    if _family(values) == "lstm":
        return rnn.lstm_forward(values["x"], values["a0"], values["parameters"])[3]
    return rnn.rnn_forward(values["x"], values["a0"], values["parameters"])[2]


def _same(actual, expected):
    """actual equals expected (arrays to 1e-10, dicts key by key); False for anything unreadable."""
    try:
        if isinstance(expected, dict):
            return isinstance(actual, dict) and all(k in actual and _same(actual[k], v) for k, v in expected.items())
        actual = np.asarray(actual, dtype=np.float64)
        return actual.shape == np.shape(expected) and bool(
            np.abs(actual - expected).max(initial=0) <= 1e-10 * (1 + np.abs(expected).max(initial=0)))
    except (TypeError, ValueError, OverflowError):
        return False


def cache_problem(cache, expected, family, layout="all"):
    """Why ``cache`` is not the course's ``expected`` step cache, in words, or None. ``layout``:
    "all" items judged; "inputs": only those a cell was given (its layout, whatever its math);
    "sequence": only xt and parameters (a step's a_prev is the learner's own recurrence)."""
    names = CELL_LAYOUTS[family]
    shown = f"({', '.join(names)})"
    if not isinstance(cache, (tuple, list)) or len(cache) != len(names):
        size = f"{len(cache)} items" if isinstance(cache, (tuple, list)) else type(cache).__name__
        return f"cache is not {shown}: it is {size}"
    if not isinstance(cache[-1], dict):
        return f"cache is not {shown}: its last item is {type(cache[-1]).__name__}, not the parameters dict"
    judged = LAYOUT_ITEMS if layout == "inputs" else LAYOUT_ITEMS[2:] if layout == "sequence" else names
    wrong = [name for name, a, e in zip(names, cache, expected) if name in judged and not _same(a, e)]
    if wrong:
        return f"cache's {', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not the step's (layout {shown})"
    return None


def caches_problem(caches, expected, family, layout="all"):
    """Why ``caches`` is not the course's ``(caches, x)`` of the sequence, in words, or None."""
    steps, x = expected
    T_x = len(steps)
    if not isinstance(caches, (tuple, list)) or len(caches) != 2:
        return "caches is not (list of the steps' caches, x)"
    found, given_x = caches
    if not isinstance(found, (tuple, list, np.ndarray)):
        return f"caches[0] is {type(found).__name__}, not a list of the steps' caches"
    per_step = len(CELL_LAYOUTS[family])
    if len(found) == T_x * per_step and len(found) != T_x:
        return (f"caches[0] holds {len(found)} items for {T_x} time steps: `caches += cache` (or np.append) adds "
                f"each step's {per_step} items one by one; caches.append(cache) keeps each step's cache whole")
    if len(found) != T_x:
        return f"caches[0] holds {len(found)} caches for {T_x} time steps"
    if not _same(given_x, x):
        return "caches[1] is not the input x"
    for t, (cache, step) in enumerate(zip(found, steps)):
        problem = cache_problem(cache, step, family, "sequence" if layout != "all" else "all")
        if problem:
            return f"at time step {t}, {problem}"
    return None


def forward_cache(run, row, values, returned, suffix):
    """A cell forward's custom check: its cache holds the step in the course's layout."""
    problem = cache_problem(returned.get("cache"), cell_cache(values), _family(values), layout="inputs")
    if problem:
        run.add([contract_failure(row.name, "cache", problem + ": the backward pass reads it by position")], suffix)


def forward_caches(run, row, values, returned, suffix):
    """A sequence forward's custom check: (caches, x) in the course's layout."""
    problem = caches_problem(returned.get("caches"), sequence_caches(values), _family(values), layout="sequence")
    if problem:
        run.add([contract_failure(row.name, "caches", problem + ": the backward pass reads it by position")],
                suffix)


def starts_from_a0(run, row, values, returned, suffix):
    """A sequence forward's custom check, where its hidden states are wrong: whether they change at
    all with a0 (a loop that starts from zeros, or from a[:, :, 0], never reads it)."""
    if not any(c.function == row.name and c.target.startswith("a") and c.passed is False for c in run.checks):
        return
    other = {**values, "a0": 0.3 - np.asarray(values["a0"])}  # another initial hidden state
    argnames, arguments, _ = bind(row, run.signature(row.name), other, run.aliases)
    result = run.call(row.name, argnames, arguments) if arguments is not None else None
    if result is None or result.error:
        return
    found, _ = unpack(row, result.value, row.alternatives)
    if found is not None and _same(found.get("a"), returned.get("a")):
        run.add([contract_failure(row.name, "a0", "gives the same hidden states whatever a0 is: the loop does not "
                                  "start from a0 (a_next = a0 before the loop)")], suffix)


def usable_cache(cache, values):
    """Prepared.usable of a cell backward's cache: None, or why the course's is used instead."""
    problem = cache_problem(cache, cell_cache(values), _family(values))
    return f"gave a cache it could not use ({problem})" if problem else None


def usable_caches(caches, values):
    problem = caches_problem(caches, sequence_caches(values), _family(values))
    return f"gave caches it could not use ({problem})" if problem else None


# ------------------------------------------------------------------ gradients through time

def through_time(run, row, values, returned, suffix):
    """A sequence backward's custom check: the upstream gradient at one time step s alone
    (da[:, :, s], zero elsewhere), for each s; every key against JAX's VJP with the same
    upstream gradient. At s = 0 nothing flows back through time; from s = 1 on, the
    gradient must come back from step s to 0. One check: right for which s, first wrong at which."""
    from reference.engine.judging import expected_gradients

    da = np.asarray(values["da"], dtype=np.float64)
    T_x = da.shape[-1]
    if T_x < 2:
        return
    wrong, worst = {}, 0.0
    for s in range(T_x):
        alone = np.zeros_like(da)
        alone[..., s] = da[..., s]
        at_s = {**values, "da": alone}
        argnames, arguments, _ = bind(row, run.signature(row.name), at_s, run.aliases)
        if arguments is None:
            return
        result = run.call(row.name, argnames, arguments)
        found, _ = unpack(row, result.value, row.alternatives) if not result.error else (None, None)
        if found is None:
            return  # an exception or another structure: said by the main check already
        expected = expected_gradients(row, at_s, "jax-vjp")
        for name, value in expected.items():
            check = compare(row.name, name, "jax-vjp", value, found.get(name), TOLERANCES["jax-vjp"])
            if check.passed is not True:
                wrong.setdefault(s, []).append(name)
            if check.rel_error is not None:
                worst = max(worst, check.rel_error)
    run.add([_time_check(row, wrong, T_x, worst)], suffix)


def _time_check(row, wrong, T_x, worst):
    words = "the upstream gradient at one time step s alone (da[:, :, s], zero elsewhere)"
    if not wrong:
        return Check(row.name, "one time step at a time", "jax-vjp", worst, TOLERANCES["jax-vjp"], True,
                     f"{words}: right for every s = 0..{T_x - 1}")
    first = min(wrong)
    right = [s for s in range(T_x) if s not in wrong]
    shown = ", ".join(f"s = {s}: {', '.join(names)}" for s, names in sorted(wrong.items())[:2])
    if first == 0:
        why = ("wrong already at s = 0, where nothing flows back through time: the gradient of one step is "
               f"wrong ({row.calls[0] if row.calls else 'the cell'} or its use)")
    else:
        why = (f"right for s = {', '.join(map(str, right))}, wrong from s = {first}: what flows back from step t+1 "
               "into step t (da_prev, and dc_prev for the LSTM, added to da[:, :, t]) is lost or wrong, or the "
               "steps' parameter gradients are not summed")
    return Check(row.name, "one time step at a time", "jax-vjp", worst, TOLERANCES["jax-vjp"], False,
                 f"{words}: {why} ({shown})")
