"""The course 2 week 1 learner corpus: every file parses, every file has a verdict, and the verdicts say what
the files do.

This is not the checker (it comes with the engine): it loads each file in this process (c2w1_loading) and
judges each graded function on its own, against manual_dnn, with everything else it calls replaced by
manual_dnn's, on one small point. A verdict's claims are then held to that: a PASS file's graded functions
are all right, a FAIL file's root causes are wrong and its other graded functions right, an INCOMPLETE
file misses exactly what it says. What the verdicts call "reported, not judged" (which masks, which
initialisation scale, the course's planted bugs left in backward_propagation_n) is judged right here too.
"""

import contextlib
import io
import tomllib

import numpy as np
import pytest

from manual_dnn import gradient_checking as gc
from manual_dnn import regularization as reg
from manual_dnn import three_initializations as init
from reference.assignments.gradient_checking.planted_bugs import PLANTED_FACTORS, backward_propagation_n_as_handed_out
from reference.learner.source import code_cells
from reference.tolerances import relative_error
from tests.learners.c2w1_loading import HERE, load, parse

ASSIGNMENTS = {
    "regularization": ("reg_utils", ("compute_cost_with_regularization", "backward_propagation_with_regularization",
                                     "forward_propagation_with_dropout", "backward_propagation_with_dropout")),
    "gradient_checking": ("gc_utils", ("forward_propagation", "backward_propagation", "gradient_check",
                                       "gradient_check_n")),
    "initialization": ("init_utils", ("initialize_parameters_zeros", "initialize_parameters_random",
                                      "initialize_parameters_he")),
}
GIVEN = {"gradient_checking": ("forward_propagation_n", "backward_propagation_n")}  # the course's code: judged if wrong
VERSIONS = {
    "regularization": {"2017", "v2a", "public_tests"},
    "gradient_checking": {"2017", "v1", "public_tests", "public_tests-2024"},
    "initialization": {"2017", "public_tests"},
}
FIELDS = {"verdict", "root_causes", "course_version", "style", "why", "notes_contain", "must_not_blame", "differs",
          "patterns_contain", "missing"}
"""What tests/engine/test_assignment_corpora.py reads from a verdicts.toml (the engine's corpus test)."""
CLOSE = 1e-10  # the house tolerance for float64 code against float64 code (reference/tolerances.py)
THRESHOLD = gc.THRESHOLD


def _verdicts(folder):
    with open(HERE / folder / "verdicts.toml", "rb") as f:
        return tomllib.load(f)


def _files(folder):
    return sorted(p.name for p in (HERE / folder).iterdir() if p.suffix in (".py", ".ipynb"))


CASES = [(folder, name) for folder in ASSIGNMENTS for name in _files(folder)]


# ------------------------------------------------------------------ the files and their verdicts

@pytest.mark.parametrize("folder, name", CASES)
def test_the_file_parses_as_python(folder, name):
    cells = code_cells(HERE / folder / name)
    assert cells
    for _, source in cells:
        parse(source)


@pytest.mark.parametrize("folder", ASSIGNMENTS)
def test_every_file_has_a_verdict_and_every_verdict_a_file(folder):
    assert set(_verdicts(folder)) == set(_files(folder))


@pytest.mark.parametrize("folder", ASSIGNMENTS)
def test_the_verdicts_are_well_formed(folder):
    graded = set(ASSIGNMENTS[folder][1]) | set(GIVEN.get(folder, ()))
    for name, v in _verdicts(folder).items():
        assert v["verdict"] in ("PASS", "FAIL", "INCOMPLETE"), name
        assert set(v["root_causes"]) <= graded, name
        # INCOMPLETE may name the function the file lacks that explains a failure (a fragment calling it)
        assert bool(v["root_causes"]) if v["verdict"] == "FAIL" else \
            v["verdict"] == "INCOMPLETE" or not v["root_causes"], name
        assert set(v) <= FIELDS, (name, set(v) - FIELDS)
        assert v["why"].endswith("."), name
        assert v["course_version"] in VERSIONS[folder], name
        assert v["why"].strip() and v["style"].strip(), name
        assert not set(v.get("must_not_blame", ())) & set(v["root_causes"]), name


def test_the_corpus_is_large_enough_and_mixed():
    for folder, least in (("regularization", 8), ("gradient_checking", 8), ("initialization", 4)):
        verdicts = _verdicts(folder)
        assert len(verdicts) >= least
        assert {"PASS", "FAIL"} <= {v["verdict"] for v in verdicts.values()}
        if folder != "initialization":
            assert sum(name.endswith(".ipynb") for name in verdicts) >= 2
            assert any(len(v["root_causes"]) >= 2 for v in verdicts.values())


# ------------------------------------------------------------------ judging one function at a time

def _close(a, b):
    return np.shape(a) == np.shape(b) and relative_error(a, b) < CLOSE


def _quiet(call, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()):
        return call(*args, **kwargs)


def _network_point(n_x=3, n_1=5, n_2=3, m=4, seed=0):
    """X (n_x, m), Y (1, m) with both labels, parameters with nonzero biases: every term of every gradient shows."""
    rng = np.random.RandomState(seed)
    X = rng.randn(n_x, m)
    Y = np.array([[1.0, 0.0] * (m // 2) + [1.0] * (m % 2)])
    sizes = {"W1": (n_1, n_x), "b1": (n_1, 1), "W2": (n_2, n_1), "b2": (n_2, 1), "W3": (1, n_2), "b3": (1, 1)}
    return X, Y, {k: rng.randn(*s) * 0.8 for k, s in sizes.items()}


def _masked_forward(X, parameters, D1, D2, keep_prob):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.maximum(Z1, 0) * D1 / keep_prob
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = np.maximum(Z2, 0) * D2 / keep_prob
    Z3 = parameters["W3"] @ A2 + parameters["b3"]
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2, "Z3": Z3, "A3": 1 / (1 + np.exp(-Z3))}


def _same_gradients(got, expected):
    return isinstance(got, dict) and set(got) == set(expected) and all(_close(got[k], expected[k]) for k in expected)


def _judge_regularization(ns):
    X, Y, P = _network_point()
    lambd = 0.7
    A3, cache = reg.forward_propagation(X, P)
    verdicts = {}

    def judge(name, test):
        if name not in ns:
            return
        try:
            verdicts[name] = "right" if _quiet(test) else "wrong"
        except Exception as error:  # noqa: BLE001 -- a learner's function may raise anything: that is a verdict
            verdicts[name] = f"raised {type(error).__name__}"

    fn = ns.get
    judge("compute_cost_with_regularization", lambda: _close(
        fn("compute_cost_with_regularization")(A3, Y, P, lambd), reg.compute_cost_with_regularization(A3, Y, P, lambd)))
    judge("backward_propagation_with_regularization", lambda: _same_gradients(
        fn("backward_propagation_with_regularization")(X, Y, cache, lambd),
        reg.backward_propagation_with_regularization(X, Y, cache, lambd)))

    def forward_with_dropout():
        for keep_prob in (0.7, 0.86):
            A3d, c = fn("forward_propagation_with_dropout")(X, P, keep_prob)
            D1, D2 = np.asarray(c[1]), np.asarray(c[6])
            if len(c) != 14 or not (np.isin(D1, (0, 1)).all() and np.isin(D2, (0, 1)).all()):
                return False
            expected = _masked_forward(X, P, D1, D2, keep_prob)
            got = dict(zip(("Z1", "A1", "Z2", "A2", "Z3", "A3"), (c[0], c[2], c[5], c[7], c[10], c[11])))
            if not (_close(A3d, expected["A3"]) and all(_close(got[k], expected[k]) for k in expected)):
                return False
            # the keep rate, on 100,000 mask entries: within 0.01 of keep_prob (randn or '>' are 6-40 points off)
            _, big = fn("forward_propagation_with_dropout")(np.ones((2, 2000)), {**P, "W1": np.ones((50, 2)),
                                                                                 "b1": np.ones((50, 1)),
                                                                                 "W2": np.ones((n2 := P["W2"].shape[0],
                                                                                                50)) / 50},
                                                            keep_prob)
            if abs(np.mean(big[1]) - keep_prob) > 0.01 or n2 != big[6].shape[0]:
                return False
        return True

    judge("forward_propagation_with_dropout", forward_with_dropout)
    _, dropout_cache = reg.forward_propagation_with_dropout(X, P, 0.8)
    judge("backward_propagation_with_dropout", lambda: _same_gradients(
        fn("backward_propagation_with_dropout")(X, Y, dropout_cache, 0.8),
        reg.backward_propagation_with_dropout(X, Y, dropout_cache, 0.8)))
    return verdicts


def _gc_point():
    rng = np.random.RandomState(1)
    X, Y = rng.randn(4, 3), np.array([1, 1, 0])
    return X, Y, {k: rng.randn(*s) for k, s in gc.COURSE_SHAPES.items()}


def _judge_gradient_checking(ns):
    X, Y, P = _gc_point()
    _, cache = gc.forward_propagation_n(X, Y, P)
    right = gc.backward_propagation_n(X, Y, cache)
    planted = backward_propagation_n_as_handed_out(X, Y, cache)
    wrong_backwards = [planted, {**right, "dW2": right["dW2"] / 2}, {**right, "db3": -right["db3"]}]
    points = [(2.0, 4.0), (3.0, 4.0), (-1.5, 0.7)]
    verdicts = {}

    def judge(name, test, isolate=()):
        if name not in ns:
            return
        saved = {k: ns.get(k) for k in isolate}
        ns.update({k: getattr(gc, k) for k in isolate})  # what the function calls: manual_dnn's, right
        try:
            verdicts[name] = "right" if _quiet(test) else "wrong"
        except Exception as error:  # noqa: BLE001
            verdicts[name] = f"raised {type(error).__name__}"
        finally:
            ns.update(saved)

    fn = ns.get
    judge("forward_propagation", lambda: all(fn("forward_propagation")(x, t) == t * x for x, t in points))
    judge("backward_propagation", lambda: all(fn("backward_propagation")(x, t) == x for x, t in points))

    def one_dimensional_checker():
        differences = [fn("gradient_check")(x, t) for x, t in points]
        if not all(np.ndim(d) == 0 and 0 <= d < THRESHOLD for d in differences):
            return False
        ns["backward_propagation"] = lambda x, theta: 2 * x  # a wrong one: seen by a checker that calls it
        seen = fn("gradient_check")(2.0, 4.0)
        return seen > THRESHOLD or seen == differences[0]  # the latter: it never calls backward_propagation

    judge("gradient_check", one_dimensional_checker, isolate=("forward_propagation", "backward_propagation"))

    def n_dimensional_checker():
        on_right = fn("gradient_check_n")(P, right, X, Y)
        if np.ndim(on_right) != 0 or abs(on_right - gc.gradient_check_n(P, right, X, Y)) > 1e-9:
            return False
        if abs(fn("gradient_check_n")(P, right, X, Y, 1e-3) - gc.gradient_check_n(P, right, X, Y, 1e-3)) > 1e-6:
            return False
        return all(fn("gradient_check_n")(P, wrong, X, Y) > THRESHOLD for wrong in wrong_backwards)

    judge("gradient_check_n", n_dimensional_checker, isolate=("forward_propagation_n",))
    judge("forward_propagation_n", lambda: _close(fn("forward_propagation_n")(X, Y, P)[0], gc.forward_propagation_n(
        X, Y, P)[0]))

    def backward_n():  # right, or with the course's planted factors on dW2 and/or db1
        got = fn("backward_propagation_n")(X, Y, cache)
        return set(got) == set(right) and all(
            _close(got[k], right[k]) or (k in PLANTED_FACTORS and _close(got[k], PLANTED_FACTORS[k] * right[k]))
            for k in right)

    judge("backward_propagation_n", backward_n)
    return verdicts


def _judge_initialization(ns):
    verdicts = {}
    for name in ASSIGNMENTS["initialization"][1]:
        if name not in ns:
            continue

        def test(name=name, dims=(4, 5, 3, 1)):
            # unseeded is right: the course seeds before it calls (the verdict says so in a note)
            first = ns[name](list(dims))
            keys = {f"{p}{l}" for l in range(1, len(dims)) for p in "Wb"}
            if set(first) != keys:
                return False
            for l in range(1, len(dims)):
                W, b = first[f"W{l}"], first[f"b{l}"]
                if W.shape != (dims[l], dims[l - 1]) or b.shape != (dims[l], 1) or b.any():
                    return False
                symmetric = dims[l] > 1 and (W == W[:1]).all()  # every unit the same: symmetry never broken
                if name.endswith("zeros") == bool(W.any()) or (not name.endswith("zeros") and symmetric):
                    return False
            return True

        try:
            verdicts[name] = "right" if _quiet(test) else "wrong"
        except Exception as error:  # noqa: BLE001
            verdicts[name] = f"raised {type(error).__name__}"
    return verdicts


JUDGES = {"regularization": _judge_regularization, "gradient_checking": _judge_gradient_checking,
          "initialization": _judge_initialization}


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # a learner's 0/0 (bug_gc_n_returns_array) is theirs to warn
@pytest.mark.parametrize("folder, name", CASES)
def test_the_verdict_says_what_the_file_does(folder, name):
    verdict = _verdicts(folder)[name]
    first_cell, graded = ASSIGNMENTS[folder]
    namespace = load(HERE / folder / name, first_cell)
    judged = JUDGES[folder](namespace)
    missing = [f for f in graded if f not in namespace]
    assert bool(missing) == (verdict["verdict"] == "INCOMPLETE"), missing
    assert all(f in verdict["why"] for f in missing), (missing, verdict["why"])
    wrong = sorted(f for f, v in judged.items() if v != "right")
    assert wrong == sorted(verdict["root_causes"]), judged


def test_the_reported_differences_are_real():
    """What PASS verdicts report but do not judge is there: other masks, another He scale, the planted bugs."""
    ns = load(HERE / "regularization" / "reg_public_tests_rand_gt_one_minus_keep_prob.py")
    X, _, P = _network_point()
    _, theirs = ns["forward_propagation_with_dropout"](X, P, 0.7)
    _, course = reg.forward_propagation_with_dropout(X, P, 0.7)
    assert not np.array_equal(theirs[1], course[1])
    ns = load(HERE / "initialization" / "init_he_fan_out_scale.py", "init_utils")
    theirs = ns["initialize_parameters_he"]([3, 1, 2])["W1"]
    assert not np.allclose(theirs, init.initialize_parameters_he([3, 1, 2])["W1"])
    X, Y, P = _gc_point()
    _, cache = gc.forward_propagation_n(X, Y, P)
    ns = load(HERE / "gradient_checking" / "gc_2017_planted_left.py", "gc_utils")
    left = ns["backward_propagation_n"](X, Y, cache)
    np.testing.assert_array_equal(left["dW2"], backward_propagation_n_as_handed_out(X, Y, cache)["dW2"])
