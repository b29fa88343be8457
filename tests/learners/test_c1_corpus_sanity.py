"""The course 1 corpus (tests/learners/logistic_regression, tests/learners/planar) is what its
verdicts say, before any checker judges it: every file parses; every function of a right file,
called in this process on small inputs, agrees with manual_dnn; every root cause of a wrong file
disagrees or raises, and every function that does not call a root cause agrees.

The verdicts themselves (`manual-dnn gradcheck --impl FILE`) are tested with the engine.
"""

import ast
import contextlib
import copy
import io
import tomllib
from pathlib import Path

import nbformat
import numpy as np
import pytest

from manual_dnn import logistic_regression as lr
from manual_dnn import planar
from tests.learners.c1_loading import find, load, source_cells

HERE = Path(__file__).parent
ASSIGNMENTS = {
    "logistic_regression": {
        "graded": ("sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict", "model"),
        "calls": {"model": ("initialize_with_zeros", "optimize", "predict"), "optimize": ("propagate",),
                  "propagate": ("sigmoid",), "predict": ("sigmoid",)},
        "versions": {"v1-v4", "v5", "v6a", "public_tests"},
    },
    "planar": {
        "graded": ("layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost",
                   "backward_propagation", "update_parameters", "nn_model", "predict"),
        "calls": {"nn_model": ("layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost",
                               "backward_propagation", "update_parameters"),
                  "predict": ("forward_propagation",)},
        "versions": {"v1", "v2-v6c", "public_tests"},
    },
}
# The fields of tests/engine/test_assignment_corpora.py's verdicts.toml, and the cat corpus' "missing" and
# "only" (an INCOMPLETE fragment's lists: what it lacks, what it defines and is checked alone).
FIELDS = {"verdict", "root_causes", "missing", "only", "course_version", "style", "why", "notes_contain",
          "must_not_blame", "differs"}
VALUE_TOLERANCE = 1e-9  # numpy against numpy, summed in another order
COST_TOLERANCE = 1e-6  # a learner's epsilon of 1e-8 inside the logarithms moves the cost by ~1e-8


def _verdicts(assignment):
    return tomllib.loads((HERE / assignment / "verdicts.toml").read_text())


def _files(assignment):
    return sorted(p.name for p in (HERE / assignment).iterdir() if p.suffix in (".py", ".ipynb"))


CASES = [(a, name, verdict) for a in ASSIGNMENTS for name, verdict in _verdicts(a).items()]


# ------------------------------------------------------------------ the corpus as a whole

@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_corpus_file_has_a_verdict_and_every_verdict_a_file(assignment):
    assert _files(assignment) == sorted(_verdicts(assignment))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_verdicts_are_well_formed(assignment):
    spec = ASSIGNMENTS[assignment]
    for name, v in _verdicts(assignment).items():
        assert set(v) <= FIELDS, (name, set(v) - FIELDS)
        assert v["verdict"] in ("PASS", "FAIL", "INCOMPLETE"), name
        assert set(v["root_causes"]) <= set(spec["graded"]), name
        assert bool(v["root_causes"]) == (v["verdict"] == "FAIL"), name
        assert ("missing" in v) == (v["verdict"] == "INCOMPLETE"), name
        assert set(v.get("missing", ())) <= set(spec["graded"]), name
        assert v["course_version"] in spec["versions"], name
        assert not set(v.get("must_not_blame", ())) & set(v["root_causes"]), name
        assert v["why"].endswith(".") and v["style"].strip(), name


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_corpus_covers_versions_styles_and_verdicts(assignment):
    verdicts = _verdicts(assignment)
    assert len(verdicts) >= 8
    assert sum(name.endswith(".ipynb") for name in verdicts) >= 2
    assert {v["course_version"] for v in verdicts.values()} == ASSIGNMENTS[assignment]["versions"] - {"v5"} | (
        {"v5"} if assignment == "logistic_regression" else set())
    assert {v["verdict"] for v in verdicts.values()} == {"PASS", "FAIL", "INCOMPLETE"}
    assert any(len(v["root_causes"]) == 2 for v in verdicts.values())


@pytest.mark.parametrize("assignment, name, verdict", CASES, ids=[f"{a}/{n}" for a, n, _ in CASES])
def test_the_file_parses_as_python_or_as_a_notebook(assignment, name, verdict):
    path = HERE / assignment / name
    if path.suffix == ".ipynb":
        nbformat.validate(nbformat.read(path, as_version=4))
    for source in source_cells(path):
        ast.parse(source)


# ------------------------------------------------------------------ function by function

def _close(actual, expected, tolerance=VALUE_TOLERANCE, what="", same_shape=True):
    """None when ``actual`` equals ``expected`` to ``tolerance`` (relative), else why not."""
    actual, expected = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    if actual.shape != expected.shape:
        if same_shape or actual.size != expected.size:
            return f"{what}: shape {actual.shape}, expected {expected.shape}"
        actual = actual.reshape(expected.shape)  # a singleton difference, a contract difference only
    scale = np.linalg.norm(actual) + np.linalg.norm(expected)
    error = np.linalg.norm(actual - expected) / scale if scale else 0.0
    return None if error <= tolerance else f"{what}: relative error {error:.1e}"


def _first(*reasons):
    return next((r for r in reasons if r), None)


def _quiet(function, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()):
        return function(*args, **kwargs)


def _lr_point():
    rng = np.random.RandomState(0)
    return rng.randn(3, 1), 0.3, rng.randn(3, 5), (rng.rand(1, 5) > 0.5).astype(float)


def _planar_point():
    rng = np.random.RandomState(0)
    X, Y = rng.randn(3, 6), np.array([[1.0, 0.0, 1.0, 1.0, 0.0, 0.0]])
    parameters = {"W1": rng.randn(5, 3), "b1": rng.randn(5, 1), "W2": rng.randn(1, 5), "b2": rng.randn(1, 1)}
    return X, Y, parameters


def _lr_checks(f):
    w, b, X, Y = _lr_point()
    X_test, Y_test = np.random.RandomState(1).randn(3, 4), np.array([[1.0, 0.0, 0.0, 1.0]])

    def propagate():
        grads, cost = _quiet(f, w, b, X, Y)
        expected, expected_cost = lr.propagate(w, b, X, Y)
        return _first(_close(grads["dw"], expected["dw"], what="dw"),
                      _close(grads["db"], expected["db"], what="db", same_shape=False),
                      _close(cost, expected_cost, COST_TOLERANCE, what="cost"))

    def optimize():
        params, grads, costs = _quiet(f, w, b, X, Y, 150, 0.05)
        e_params, e_grads, e_costs = lr.optimize(w, b, X, Y, 150, 0.05)
        return _first(_close(params["w"], e_params["w"], what="w"),
                      _close(params["b"], e_params["b"], what="b", same_shape=False),
                      _close(grads["dw"], e_grads["dw"], what="dw"),
                      _close(np.ravel(costs), np.ravel(e_costs), COST_TOLERANCE, what="costs"))

    def model():
        d = _quiet(f, X, Y, X_test, Y_test, num_iterations=150, learning_rate=0.05)
        e = lr.model(X, Y, X_test, Y_test, num_iterations=150, learning_rate=0.05)
        return _first(*(_close(d[key], e[key], what=key, same_shape=key != "Y_prediction_train")
                        for key in ("w", "Y_prediction_test", "Y_prediction_train")),
                      _close(d["b"], e["b"], what="b", same_shape=False))

    return {
        "sigmoid": lambda: _close(_quiet(f, X), lr.sigmoid(X), what="s"),
        "initialize_with_zeros": lambda: _first(
            _close(_quiet(f, 4)[0], np.zeros((4, 1)), what="w"), None if _quiet(f, 4)[1] == 0 else "b is not 0"),
        "propagate": propagate,
        "optimize": optimize,
        "predict": lambda: _close(_quiet(f, w, b, X), lr.predict(w, b, X), what="Y_prediction"),
        "model": model,
    }


def _call_cost(f, A2, Y, parameters):
    try:
        return _quiet(f, A2, Y)
    except TypeError:  # compute_cost(A2, Y, parameters) of v1-v6c
        return _quiet(f, A2, Y, parameters)


def _planar_checks(f, namespace):
    X, Y, parameters = _planar_point()
    A2, cache = planar.forward_propagation(X, parameters)
    grads = planar.backward_propagation(parameters, cache, X, Y)

    def initialize_parameters():
        np.random.seed(2)
        p = _quiet(f, 3, 5, 2)
        shapes = {k: np.shape(v) for k, v in p.items()}
        if shapes != {"W1": (5, 3), "b1": (5, 1), "W2": (2, 5), "b2": (2, 1)}:
            return f"shapes {shapes}"
        return None if not (p["b1"].any() or p["b2"].any()) else "biases are not zero"

    def forward_propagation():
        A, c = _quiet(f, X, copy.deepcopy(parameters))
        return _first(_close(A, A2, what="A2"), *(_close(c[k], cache[k], what=k) for k in cache))

    def backward_propagation():
        g = _quiet(f, parameters=copy.deepcopy(parameters), cache=copy.deepcopy(cache), X=X, Y=Y)  # by name
        return _first(*(_close(g[k], grads[k], what=k) for k in grads))

    def update_parameters():
        p = _quiet(f, copy.deepcopy(parameters), grads, 0.7)
        expected = planar.update_parameters(parameters, grads, 0.7)
        return _first(*(_close(p[k], expected[k], what=k) for k in expected))

    def nn_model():
        """From the file's own initial parameters, nn_model's steps are manual_dnn's."""
        Xn, Yn = X[:2], Y
        np.random.seed(3)
        try:
            trained = _quiet(f, Xn, Yn, 4, num_iterations=30)
        except TypeError:  # nn_model(X, Y, n_h, learning_rate, ...): the learner's own signature
            np.random.seed(3)
            trained = _quiet(f, Xn, Yn, 4, learning_rate=1.2, num_iterations=30)
        np.random.seed(3)
        p = _quiet(find(namespace, "initialize_parameters"), 2, 4, 1)
        for _ in range(30):
            _, c = planar.forward_propagation(Xn, p)
            p = planar.update_parameters(p, planar.backward_propagation(p, c, Xn, Yn))
        return _first(*(_close(trained[k], p[k], what=k) for k in p))

    return {
        "layer_sizes": lambda: None if tuple(_quiet(f, np.zeros((5, 3)), np.zeros((2, 3)))) == (5, 4, 2) else "sizes",
        "initialize_parameters": initialize_parameters,
        "forward_propagation": forward_propagation,
        "compute_cost": lambda: _close(_call_cost(f, A2, Y, parameters), planar.compute_cost(A2, Y),
                                       COST_TOLERANCE, what="cost"),
        "backward_propagation": backward_propagation,
        "update_parameters": update_parameters,
        "nn_model": nn_model,
        "predict": lambda: _close(_quiet(f, copy.deepcopy(parameters), X), planar.predict(parameters, X),
                                  what="predictions"),
    }


def _disagreement(assignment, namespace, name):
    """None when the file's ``name`` agrees with manual_dnn, else what differs (or what it raised)."""
    f = find(namespace, name)
    check = _lr_checks(f) if assignment == "logistic_regression" else _planar_checks(f, namespace)
    try:
        return check[name]()
    except Exception as error:  # a raising function disagrees
        return f"raised {type(error).__name__}: {error}"


def _callers(assignment, names):
    """Every graded function that calls one of ``names``, directly or not, in the course's call graph."""
    calls, found = ASSIGNMENTS[assignment]["calls"], set()
    changed = True
    while changed:
        changed = False
        for caller, callees in calls.items():
            if caller not in found and set(callees) & (set(names) | found):
                found.add(caller)
                changed = True
    return found


@pytest.mark.parametrize("assignment, name, verdict", CASES, ids=[f"{a}/{n}" for a, n, _ in CASES])
def test_the_files_functions_are_what_its_verdict_says(assignment, name, verdict):
    namespace = load(HERE / assignment / name)
    graded = ASSIGNMENTS[assignment]["graded"]
    present = [g for g in graded if find(namespace, g) is not None]
    assert sorted(set(graded) - set(present)) == sorted(verdict.get("missing", ()))
    assert sorted(verdict.get("only", present)) == sorted(present)
    wrong = verdict["root_causes"]
    for function in wrong:
        assert _disagreement(assignment, namespace, function), f"{function} agrees with manual_dnn"
    for function in set(present) - set(wrong) - _callers(assignment, wrong):
        assert _disagreement(assignment, namespace, function) is None, function
