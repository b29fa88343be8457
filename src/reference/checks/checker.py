"""The checker: every seed function an implementation defines, against the oracles.

    report = check(manual_dnn)                       # a module
    report = check("my_notebook_export.py")          # a learner's file, run in a sandboxed child
    report = check(globals(), layer_dims=[5, 4, 1])  # inside a notebook
    print(report.to_text()); report.passed; report.root_causes
"""

import numpy as np

from manual_dnn.training import CAT_EXAMPLES, CAT_NETWORK
from reference.checks.application_checks import initializer_checks, predict_checks, training_loop_checks
from reference.checks.layer_checks import backward_checks, forward_checks
from reference.checks.model_checks import model_backward_checks, model_forward_checks
from reference.checks.points import network_point
from reference.checks.update_checks import update_checks
from reference.learner.child import CAPPED, OUTPUT_CAP
from reference.learner.loading import load_implementation
from reference.oracles import memo
from reference.report.results import Report

__all__ = ["check", "CAT_NETWORK", "CAT_EXAMPLES"]


def check(source, layer_dims=None, examples=None, seed=0, X=None, Y=None, full_fd=False, params=None,
          assignment=None):
    """Check ``source`` (module, .py path, mapping, or an Implementation such as
    ``open_sandboxed(path, timeout, memory)`` gives); returns a Report.

    ``assignment`` (a name of reference.assignments): what the source is checked as; None:
    recognised from what it defines. The options of the network (layer_dims, examples, X, Y,
    full_fd, params) are the cat network's (``dnn``).

    X, Y (n_x, m), (1, m) replace the synthetic data (pixels uniform in [0, 1],
    labels 0/1): both or neither, X's rows layer_dims[0], finite (ValueError
    otherwise). ``params`` limits the full finite differences to some W/b.
    Raises ImplementationError when the source cannot be loaded, OracleError
    when an oracle itself fails (the checker's error, not the learner's).
    """
    layer_dims = list(layer_dims or CAT_NETWORK)
    X, Y = _data(layer_dims, X, Y)  # refused before the learner's code is even loaded
    impl = load_implementation(source, assignment)
    try:
        if impl.assignment != "dnn":
            from reference.assignments import assignment as named
            from reference.engine.checking import check_assignment

            return check_assignment(impl, named(impl.assignment), seed)
        return _check(impl, layer_dims, examples, seed, X, Y, full_fd, params)
    finally:
        impl.close()


def _data(layer_dims, X, Y):
    """X (n_x, m) and Y (1, m) as float64, checked together against ``layer_dims``, or ValueError."""
    if X is None and Y is None:
        return None, None
    if X is None or Y is None:
        raise ValueError("give X and Y together (or neither, for synthetic data)")
    X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)
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


def _check(impl, layer_dims, examples, seed, X, Y, full_fd, params):
    if X is not None:
        examples = X.shape[1]
    examples = examples or CAT_EXAMPLES
    rng = np.random.RandomState(seed)
    point = _point(layer_dims, examples, seed, X, Y)
    report = Report(impl.label, layer_dims, examples, "synthetic" if X is None else "cat-image", seed,
                    supplied=impl.supplied, missing=impl.missing, notes=list(point.notes) + list(impl.notes),
                    call_graph=dict(impl.calls))
    printed = []
    for run in (lambda: forward_checks(impl, rng), lambda: backward_checks(impl, rng),
                lambda: model_forward_checks(impl, point)):
        checks, output = run()
        report.checks.extend(checks)
        printed.append(output)
    checks, output, report.dA_convention = model_backward_checks(impl, point, rng, full_fd, params)
    report.checks.extend(checks)
    printed.append(output)
    small = _point([4, 3, 2, 1], 5, seed)
    for run in (lambda: update_checks(impl, rng, small), lambda: initializer_checks(impl),
                lambda: training_loop_checks(impl, "two_layer_model", seed),
                lambda: training_loop_checks(impl, "L_layer_model", seed),
                lambda: (*predict_checks(impl, point), [])):
        checks, output, notes = run()
        report.checks.extend(checks)
        report.notes.extend(notes)
        printed.append(output)
    lines = sum(text.count("\n") + (1 if text and not text.endswith("\n") else 0) for text in printed)
    if lines:
        report.notes.append(f"the functions printed {lines} line(s) while being checked (captured, not shown)")
    capped = "".join(printed).count(CAPPED)
    if capped:
        report.notes.append(f"the functions printed more than {OUTPUT_CAP >> 20} MiB {capped} time(s): "
                            "the checker kept the first MiB each time")
    return report
