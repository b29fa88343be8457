"""Root causes follow the call graph: the course's, or the learner's own.

A failure of f explains a failure of g only when g calls f; independent
failures are each a root cause; a contract difference of a helper is a root
cause only of a failure of a function that calls it itself.
"""

import types

import pytest

from reference.learner.call_graph import call_graph_of
from reference.learner.loading import from_mapping
from reference.report.results import Check, Report
from reference.seed_functions import SEED_FUNCTIONS, callees, direct_callees
from tests.pages import verdict_of


def _report(failing=(), differing=(), passing=(), call_graph=None):
    checks = [Check(f, "x", "jax-vjp", 0.5, 1e-10, False, "wrong") for f in failing]
    checks += [Check(f, "returns", "contract", None, None, None, "its own contract", differs=True) for f in differing]
    checks += [Check(f, "x", "jax-vjp", 0.0, 1e-10, True, "right") for f in passing]
    return Report("learner.py", [5, 4, 3, 1], 6, "synthetic", 0, checks=checks, call_graph=call_graph or {})


@pytest.mark.parametrize("failing, causes", [
    (["relu_backward", "linear_activation_backward", "L_model_backward"], ["relu_backward"]),
    (["update_parameters", "L_model_backward"], ["update_parameters", "L_model_backward"]),
    (["L_model_backward", "compute_cost", "linear_forward"], ["linear_forward", "compute_cost", "L_model_backward"]),
    (["linear_forward", "L_model_forward"], ["linear_forward"]),
    (["sigmoid", "L_model_backward"], ["sigmoid", "L_model_backward"]),  # the backward never calls sigmoid
])
def test_a_failure_explains_another_only_when_that_one_calls_it(failing, causes):
    report = _report(failing)
    assert report.root_causes == causes and report.root_cause == causes[0]


def test_the_verdict_names_each_independent_problem():
    line = verdict_of(_report(["update_parameters", "L_model_backward"]).to_text())
    assert "2 independent problems: update_parameters, L_model_backward. Fix them first." in line
    line = verdict_of(_report(["relu_backward", "L_model_backward"]).to_text())
    assert "Root cause: relu_backward. Fix it first; then re-check L_model_backward." in line


def test_a_missing_function_that_a_failing_one_calls_is_its_root_cause():
    report = _report(["L_model_backward"])
    report.missing = ["initialize_parameters", "linear_activation_backward"]
    report.did_you_mean = {"linear_activation_backward": "linear_activation_backwards"}
    assert report.root_causes == ["linear_activation_backward"] and report.verdict == "INCOMPLETE"
    assert report.explained_by == {"L_model_backward": ["linear_activation_backward"]}
    line = verdict_of(report.to_text())
    assert line.startswith("INCOMPLETE: 2 graded functions not found: initialize_parameters, "
                           "linear_activation_backward (did you mean linear_activation_backwards?).")
    # A failure the missing function does not explain is a problem of its own: FAIL, and still incomplete.
    report = _report(["update_parameters", "L_model_backward"])
    report.missing = ["linear_activation_backward"]
    assert report.root_causes == ["update_parameters", "linear_activation_backward"] and report.verdict == "FAIL"
    assert "Also not found: linear_activation_backward." in verdict_of(report.to_text())


def test_the_learners_own_call_graph_replaces_the_courses_where_known():
    failing = ["relu_backward", "linear_activation_backward", "L_model_backward"]
    # Its linear_activation_backward is an unfilled template: it calls nothing.
    graph = {"linear_activation_backward": [], "L_model_backward": ["relu_backward", "sigmoid_backward"]}
    assert _report(failing, call_graph=graph).root_causes == ["relu_backward", "linear_activation_backward"]
    # Its L_model_backward calls linear_backward directly, skipping linear_activation_backward.
    graph = {"L_model_backward": ["linear_backward", "relu_backward"]}
    assert _report(["linear_backward", "L_model_backward"], call_graph=graph).root_causes == ["linear_backward"]


def test_a_difference_is_a_root_cause_only_of_a_failure_of_its_direct_caller():
    # linear_activation_forward calls sigmoid and fails: the difference may be why.
    report = _report(["linear_activation_forward", "L_model_forward"], differing=["sigmoid"])
    assert report.root_causes == ["sigmoid"]
    assert "Root cause: sigmoid (contract difference)" in verdict_of(report.to_text())
    # linear_activation_forward calls it and passes: L_model_forward's failure is its own.
    report = _report(["L_model_forward"], differing=["sigmoid"], passing=["linear_activation_forward"])
    assert report.root_causes == ["L_model_forward"]
    # Nothing that calls it fails: a difference alone does not fail the report.
    report = _report([], differing=["sigmoid"], passing=["linear_activation_forward"])
    assert report.passed and report.root_causes == [] and report.contract_differences == ["sigmoid"]
    # Its own backward calls sigmoid and passes; linear_activation_backward fails for relu_backward.
    graph = {"sigmoid_backward": ["sigmoid"]}
    report = _report(["relu_backward", "linear_activation_backward"], differing=["sigmoid"],
                     passing=["sigmoid_backward"], call_graph=graph)
    assert report.root_causes == ["relu_backward"]


def test_a_cycle_of_calls_still_leaves_one_root_cause():
    graph = {"linear_forward": ["linear_backward"], "linear_backward": ["linear_forward"]}
    assert _report(["linear_forward", "linear_backward"], call_graph=graph).root_causes == ["linear_forward"]


def test_names_outside_the_seed_table_do_not_break_the_graph():
    graph = {"linear_backward": ["my_helper"], "my_helper": ["linear_backward", "nowhere"]}
    report = _report(["linear_backward", "not_a_seed_function"], call_graph=graph)
    assert report.root_causes == ["linear_backward", "not_a_seed_function"]


def test_callees_is_transitive_over_the_course_graph_and_direct_callees_is_not():
    assert callees("L_model_backward") == {"linear_activation_backward", "linear_backward", "relu_backward",
                                           "sigmoid_backward"}
    assert direct_callees("L_model_backward") == ("linear_activation_backward",)
    assert callees("update_parameters") == set() and callees("not_a_seed_function") == set()
    for name, seed in SEED_FUNCTIONS.items():
        assert set(seed.calls) <= set(SEED_FUNCTIONS) and name not in callees(name)


# ---------------------------------------------------------------- the learner's graph, read from its code

def _namespace(source):
    namespace = {"__name__": "learner_implementation"}
    exec(compile(source, "<learner>", "exec"), namespace)
    return namespace


def test_the_graph_is_read_from_the_names_the_code_uses():
    impl = from_mapping(_namespace(
        "def linear_backward(dZ, cache):\n    return 1, 2, 3\n"
        "def _step(dA, cache):\n    return linear_backward(dA, cache[0])\n"  # an own helper in between
        "def linear_activation_backward(dA, cache, activation):\n    return _step(dA, cache)\n"
        "def L_model_backward(AL, Y, caches):\n    return {}\n"))
    assert impl.calls == {"linear_backward": [], "linear_activation_backward": ["linear_backward"],
                          "L_model_backward": []}


def test_a_lookup_by_eval_or_getattr_adds_the_courses_calls():
    for body in ('eval(activation + "_backward")(dA, cache[1])', 'globals()[activation + "_backward"](dA, cache[1])'):
        namespace = _namespace(f"def linear_activation_backward(dA, cache, activation):\n    return {body}\n")
        assert call_graph_of(namespace["linear_activation_backward"], namespace) == \
            ["sigmoid_backward", "relu_backward", "linear_backward"]


def test_a_table_of_functions_and_a_closure_are_followed():
    namespace = _namespace(
        "def relu_backward(dA, Z):\n    return dA\n"
        "def sigmoid_backward(dA, Z):\n    return dA\n"
        "BACKWARD = {'relu': relu_backward, 'sigmoid': sigmoid_backward}\n"
        "def linear_activation_backward(dA, cache, activation):\n    return BACKWARD[activation](dA, cache)\n"
        "def build():\n"
        "    def linear_forward(A, W, b):\n        return W @ A + b, (A, W, b)\n"
        "    def linear_activation_forward(A_prev, W, b, activation):\n"
        "        return linear_forward(A_prev, W, b)\n"
        "    return linear_activation_forward\n"
        "inner = build()\n")
    assert call_graph_of(namespace["linear_activation_backward"], namespace) == ["sigmoid_backward", "relu_backward"]
    assert call_graph_of(namespace["inner"], namespace) == ["linear_forward"]


def test_methods_calling_each_other_through_self_or_the_class():
    namespace = _namespace(
        "class Net:\n"
        "    def linear_forward(self, A, W, b):\n        return W @ A + b, (A, W, b)\n"
        "    def linear_activation_forward(self, A_prev, W, b, activation):\n"
        "        return self.linear_forward(A_prev, W, b)\n"
        "    @staticmethod\n"
        "    def relu(Z):\n        return Z, Z\n"
        "    @staticmethod\n"
        "    def L_model_forward(X, parameters):\n        return Net.relu(X)\n"
        "net = Net()\n")
    impl = from_mapping(namespace)
    assert impl.calls["linear_activation_forward"] == ["linear_forward"]
    assert impl.calls["L_model_forward"] == ["relu"]
    assert impl.found_in["linear_forward"] == "method of instance net of class Net"
    assert impl.found_in["relu"] == "static method of instance net of class Net"


def test_a_callable_without_code_falls_back_to_the_courses_calls():
    namespace = {"__name__": "m", "L_model_backward": types.SimpleNamespace.__call__}
    assert call_graph_of(print, namespace) == []
    builtin_named = types.SimpleNamespace(__name__="L_model_backward")
    assert call_graph_of(builtin_named, namespace) == ["linear_activation_backward"]
