"""The checker: every function of an implementation's assignment it defines, against the oracles
(by the engine: reference.assignments holds each assignment as data, the cat network's too).

    report = check(manual_dnn)                       # a module
    report = check("my_notebook_export.py")          # a learner's file, run in a sandboxed child
    report = check(globals(), layer_dims=[5, 4, 1])  # inside a notebook
    report = check("fragment.py", only=["linear_backward"])  # one function (and what it calls) alone
    print(report.to_text()); report.passed; report.root_causes
"""

import numpy as np

from manual_dnn.training import CAT_EXAMPLES, CAT_NETWORK
from reference.checks.points import network_point
from reference.checks.prefetching import prefetch_oracles
from reference.learner.loading import load_implementation
from reference.oracles import memo
from reference.report.completeness import did_you_mean
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
            return _check_network(impl, layer_dims, examples, seed, X, Y, full_fd, params, only)
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


def _check_network(impl, layer_dims, examples, seed, X, Y, full_fd, params, only):
    """The cat network, by the engine (reference.assignments.dnn), at the network of the options."""
    examples = X.shape[1] if X is not None else examples or CAT_EXAMPLES
    scope = _scope_of(impl, only)
    prefetch_oracles([name for name in SEED_FUNCTIONS if (scope is None or name in scope) and name in impl],
                     layer_dims, examples)  # in the background
    settings = {"layer_dims": layer_dims, "examples": examples, "network_X": X, "network_Y": Y,
                "full_fd": full_fd, "params": params}
    report = _check_other(impl, seed, only, settings)
    report.network, report.examples, report.data = layer_dims, examples, "synthetic" if X is None else "cat-image"
    return report


def _check_other(impl, seed, only, settings=None):
    """An assignment by the engine; ``only`` with the functions it calls."""
    from reference.assignments import assignment as named
    from reference.engine.checking import check_assignment

    table = named(impl.assignment)
    scope = _scope_of(impl, only)
    report = check_assignment(impl, table, seed, only=scope, settings=settings)
    report.found = impl.names
    if only is not None:
        report.only = only
        report.missing = _missing(impl, report, only)
        report.not_checked = [f for f in table.table if f not in scope and (f in impl.names or f in impl.missing)]
    report.did_you_mean = did_you_mean(report.missing, impl.defined)
    return report


def _scope_of(impl, only):
    """The functions ``only`` names and every function they call, in the course's code or the file's
    (None: every function)."""
    from reference.assignments import assignment as named

    if only is None:
        return None
    graphs = (named(impl.assignment).call_graph, impl.calls)
    return set(only).union(*(callees(f, graph) for f in only for graph in graphs))


def _missing(impl, report, only):
    """With ``only``, the graded functions missing that count: those named, and the callees a function
    checked fails without (a callee the file imports from elsewhere is no lack of it)."""
    failing = {c.function for c in report.checks if c.passed is False}
    needed = set().union(*(callees(f, impl.calls) for f in failing))
    return [m for m in report.missing if m in only or m in needed]


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
