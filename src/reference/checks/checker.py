"""The checker: every seed function an implementation defines, against the oracles.

    report = check(manual_dnn)                       # a module
    report = check("my_notebook_export.py")          # a learner's file, run in a sandboxed child
    report = check(globals(), layer_dims=[5, 4, 1])  # inside a notebook
    report = check("fragment.py", only=["linear_backward"])  # one function (and what it calls) alone
    print(report.to_text()); report.passed; report.root_causes
"""

import functools

import numpy as np

from manual_dnn.training import CAT_EXAMPLES, CAT_NETWORK
from reference.checks.application_checks import initializer_checks, predict_checks, training_loop_checks
from reference.checks.layer_checks import backward_checks, forward_checks
from reference.checks.model_checks import model_backward_checks, model_forward_checks
from reference.checks.points import network_point
from reference.checks.prefetching import prefetch_oracles
from reference.checks.update_checks import update_checks
from reference.learner.child import CAPPED, OUTPUT_CAP
from reference.learner.loading import load_implementation
from reference.oracles import memo
from reference.report.completeness import did_you_mean
from reference.report.results import Report
from reference.seed_functions import SEED_FUNCTIONS, callees

__all__ = ["check", "CAT_NETWORK", "CAT_EXAMPLES"]


def check(source, layer_dims=None, examples=None, seed=0, X=None, Y=None, full_fd=False, params=None,
          assignment=None, only=None):
    """Check ``source`` (module, .py path, mapping, or an Implementation such as
    ``open_sandboxed(path, timeout, memory)`` gives); returns a Report.

    ``assignment`` (a name of reference.assignments): what the source is checked as; None:
    recognised from what it defines. The options of the network (layer_dims, examples, X, Y,
    full_fd, params) are the cat network's (``dnn``).

    X, Y (n_x, m), (1, m) replace the synthetic data (pixels uniform in [0, 1],
    labels 0/1): both or neither, X's rows layer_dims[0], finite (ValueError
    otherwise). ``params`` limits the full finite differences to some W/b.
    ``only`` (names of the assignment's functions) checks those and the functions
    they call alone: the rest is not run, and a file that lacks the rest is not
    incomplete for it. Raises ImplementationError when the source cannot be
    loaded, OracleError when an oracle itself fails (the checker's error, not the
    learner's), ValueError for bad data or an unknown name in ``only``.
    """
    layer_dims = list(layer_dims or CAT_NETWORK)
    X, Y = _data(layer_dims, X, Y)  # refused before the learner's code is even loaded
    only = _only(only, assignment)
    impl = load_implementation(source, assignment)
    from threadpoolctl import threadpool_limits

    try:  # BLAS on one thread: two collapse whenever a core is busy (benchmarks/training_threads.py)
        with threadpool_limits(limits=1, user_api="blas"), memo.remembering():  # an oracle asked twice computes once
            if impl.assignment != "dnn":
                return _check_other(impl, seed, only)
            return _check(impl, layer_dims, examples, seed, X, Y, full_fd, params, only)
    finally:
        impl.close()


def _only(only, assignment):
    """``only`` as a list of names, each a function of the assignment (of any assignment known, when
    it is still to be recognised); ValueError naming the known ones."""
    if only is None:
        return None
    from reference.assignments import assignment as named
    from reference.assignments import known_functions

    only = [only] if isinstance(only, str) else list(only)
    known = list(named(assignment).table) if assignment is not None else list(known_functions())
    unknown = [name for name in only if name not in known]
    if unknown or not only:
        raise ValueError(f"only: unknown function {', '.join(map(repr, unknown)) or '(none given)'}; "
                         f"the functions known are {', '.join(known)}")
    return only


def _check_other(impl, seed, only):
    """An assignment other than the cat network, by the engine; ``only`` with the functions it calls."""
    from reference.assignments import assignment as named
    from reference.engine.checking import check_assignment

    table = named(impl.assignment)
    scope = None if only is None else set(only).union(*(callees(f, table.call_graph) for f in only))
    report = check_assignment(impl, table, seed, only=scope)
    report.found = impl.names
    if only is not None:
        report.only = only
        report.missing = [m for m in report.missing if m in only]
        report.not_checked = [f for f in table.table if f not in scope and (f in impl.names or f in impl.missing)]
    report.did_you_mean = did_you_mean(report.missing, impl.defined)
    return report


def _data(layer_dims, X, Y):
    """X (n_x, m) and Y (1, m) as float64, checked together against ``layer_dims``, or ValueError."""
    if X is None and Y is None:
        return None, None
    if X is None or Y is None:
        raise ValueError("give X and Y together (or neither, for synthetic data)")
    X, Y = np.array(X, dtype=np.float64), np.array(Y, dtype=np.float64)  # copies: the check point is frozen
    if X.ndim != 2 or X.shape[1] == 0:
        raise ValueError(f"X must be (n_x, m) with at least one example, got shape {X.shape}")
    if X.shape[0] != layer_dims[0]:
        raise ValueError(f"X has {X.shape[0]} rows but layer_dims starts with {layer_dims[0]}: they must match")
    if Y.shape not in ((1, X.shape[1]), (X.shape[1],)):
        raise ValueError(f"Y has shape {Y.shape} but X has {X.shape[1]} examples: Y must be (1, {X.shape[1]})")
    if not (np.isfinite(X).all() and np.isfinite(Y).all()):
        raise ValueError("X and Y must be finite (no NaN or inf)")
    return X, Y.reshape(1, -1)


def _point(layer_dims, examples, seed, X=None, Y=None):
    """The check point (the same for every submission of a batch: remembered there)."""
    return memo.remember("network_point", (layer_dims, examples, seed, X, Y),
                         lambda: network_point(layer_dims, examples, seed, X, Y))


def _runs(rng, point, small, seed, full_fd, params):
    """[(the functions a run of checks judges, whether it draws from ``rng`` whatever it checks, the run)]:
    a run takes the implementation and returns (checks, printed output, notes, the dA convention or None).
    A run that judges no function in scope is not made (its JAX oracles and check points included)."""

    def model_backward(impl):
        checks, output, convention = model_backward_checks(impl, point(), rng, full_fd, params)
        return checks, output, [], convention

    return [
        (("linear_forward", "sigmoid", "relu", "linear_activation_forward", "compute_cost"), True,
         lambda impl: (*forward_checks(impl, rng), [], None)),
        (("relu_backward", "sigmoid_backward", "linear_backward", "linear_activation_backward"), True,
         lambda impl: (*backward_checks(impl, rng), [], None)),
        (("L_model_forward",), False, lambda impl: (*model_forward_checks(impl, point()), [], None)),
        (("L_model_backward",), False, model_backward),
        (("update_parameters",), False, lambda impl: (*update_checks(impl, rng, small()), None)),
        (("initialize_parameters", "initialize_parameters_deep"), False,
         lambda impl: (*initializer_checks(impl), None)),
        (("two_layer_model",), False, lambda impl: (*training_loop_checks(impl, "two_layer_model", seed), None)),
        (("L_layer_model",), False, lambda impl: (*training_loop_checks(impl, "L_layer_model", seed), None)),
        (("predict",), False, lambda impl: (*predict_checks(impl, point()), [], None)),
    ]


class _Scoped:
    """The implementation as the checks of the functions in ``scope`` see it: those functions,
    and the ones their checks call besides (``SeedFunction.uses``: the file's own forward
    that makes a backward's cache, the initialiser a loop starts from)."""

    def __init__(self, impl, scope):
        self._impl = impl
        self._visible = set(scope).union(*(SEED_FUNCTIONS[name].uses for name in scope))

    def __contains__(self, name):
        return name in self._visible and name in self._impl

    def __getattr__(self, name):
        return getattr(self._impl, name)


class _Nothing:
    """An implementation without functions: a run of the per-layer checks skipped by ``only`` still
    draws its small points from the shared generator (calling nothing, computing no oracle), so the
    functions checked see the points a whole check gives them."""

    def __contains__(self, name):
        return False


def _missing(impl, report, only):
    """The graded functions the file lacks: all of them; with ``only``, those named, and the callees
    a function checked fails without (a callee the file imports from elsewhere is no lack of it)."""
    if only is None:
        return list(impl.missing)
    failing = {c.function for c in report.checks if c.passed is False}
    needed = set().union(*(callees(f, impl.calls) for f in failing))
    return [m for m in impl.missing if m in only or m in needed]


def _check(impl, layer_dims, examples, seed, X, Y, full_fd, params, only=None):
    if X is not None:
        examples = X.shape[1]
    examples = examples or CAT_EXAMPLES
    rng = np.random.RandomState(seed)
    point = functools.cache(lambda: _point(layer_dims, examples, seed, X, Y))
    small = functools.cache(lambda: _point([4, 3, 2, 1], 5, seed))
    scope = set(SEED_FUNCTIONS) if only is None else set(only).union(*(callees(f, impl.calls) for f in only))
    in_scope = [name for name in SEED_FUNCTIONS if name in scope]
    prefetch_oracles([name for name in in_scope if name in impl], layer_dims, examples)  # in the background
    report = Report(impl.label, layer_dims, examples, "synthetic" if X is None else "cat-image", seed,
                    supplied=impl.supplied, notes=list(impl.notes), call_graph=dict(impl.calls), found=impl.names,
                    only=only, not_checked=[f for f in SEED_FUNCTIONS if f not in scope and
                                            (f in impl.names or f in impl.missing)])
    seen = impl if only is None else _Scoped(impl, in_scope)
    printed = []
    for functions, draws, run in _runs(rng, point, small, seed, full_fd, params):
        if not scope.intersection(functions):
            if draws:  # its small points only, so that the runs after it draw what they draw in a whole check
                run(_Nothing())
            continue
        checks, output, notes, convention = run(seen)
        report.checks.extend(c for c in checks if c.function in scope)
        report.notes.extend(notes)
        report.dA_convention = report.dA_convention or convention
        printed.append(output)
    report.missing = _missing(impl, report, only)
    report.did_you_mean = did_you_mean(report.missing, impl.defined)
    if point.cache_info().currsize:
        report.notes[:0] = point().notes
    lines = sum(text.count("\n") + (1 if text and not text.endswith("\n") else 0) for text in printed)
    if lines:
        report.notes.append(f"the functions printed {lines} line(s) while being checked (captured, not shown)")
    capped = "".join(printed).count(CAPPED)
    if capped:
        report.notes.append(f"the functions printed more than {OUTPUT_CAP >> 20} MiB {capped} time(s): "
                            "the checker kept the first MiB each time")
    return report
