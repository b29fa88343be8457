"""A hang costs one timeout: once a function has run out of time, every later call of it -- directly,
or through the learner's own caller, by any route -- ends at once as "timed out before"."""

import json
from pathlib import Path

import numpy as np

from reference.learner.sandbox import call_failure_kind, open_sandboxed
from reference.learner.timed_out import TimedOutBefore, silence
from tests.sandbox.helpers import SMALL, gradcheck, time_limit

LEARNERS = Path(__file__).resolve().parent.parent / "gradcheck" / "learners"
ENDLESS_RELU_BACKWARD = "\ndef relu_backward(dA, cache):\n    while True:\n        pass\n"
# Both notebooks in one script, its db bug mended: linear_activation_backward, L_model_backward and the loops
# all call its own relu_backward.
APPLICATION = (Path(__file__).resolve().parent.parent / "learners" / "application" /
               "app_script_he_init_bug_db.py").read_text().replace("    db = np.sum(dZ, axis=1, keepdims=True)\n",
                                                                   "    db = np.sum(dZ, axis=1, keepdims=True) / m\n")


def _timeouts(report):
    """(checks that paid a timeout, checks that ended at once because of an earlier one)."""
    failed = [c for c in report["checks"]  # the target: call, or call (relu) for a variant
              if c["passed"] is False and c["target"].split(" (")[0] == "call"]
    return ([c for c in failed if "timed out after" in c["detail"]],
            [c for c in failed if "timed out before" in c["detail"]])


def test_an_endless_relu_backward_costs_one_timeout_for_it_and_all_its_callers(tmp_path):
    assert "/ m\n" in APPLICATION
    path = tmp_path / "deep_nn.py"
    path.write_text(APPLICATION.replace("def relu_backward(dA, cache):\n", "def relu_backward(dA, cache):\n"
                                        "    while True:\n        pass\n", 1))
    with time_limit(60):
        result = gradcheck("--impl", str(path), *SMALL, "--timeout", "2", "--json")
    assert result.returncode == 1, result.stdout + result.stderr
    report = json.loads(result.stdout)
    paid, at_once = _timeouts(report)
    assert [c["function"] for c in paid] == ["relu_backward"], paid
    assert {c["function"] for c in at_once} == {"linear_activation_backward", "L_model_backward", "two_layer_model",
                                                "L_layer_model"}, at_once
    assert report["root_causes"] == ["relu_backward"]
    passed = {c["function"] for c in report["checks"] if c["passed"]}
    assert {"linear_backward", "L_model_forward", "update_parameters", "predict"} <= passed


def test_a_function_found_in_a_class_is_stopped_through_the_class_too(tmp_path):
    source = (LEARNERS / "class_static_methods.py").read_text()
    old = "    def relu_backward(dA, cache):\n        return np.where(cache > 0, dA, 0.0)\n"
    assert old in source
    path = tmp_path / "nn.py"
    path.write_text(source.replace(old, "    def relu_backward(dA, cache):\n        while True:\n            pass\n"))
    with time_limit(60):
        result = gradcheck("--impl", str(path), *SMALL, "--timeout", "2", "--json")
    paid, at_once = _timeouts(json.loads(result.stdout))
    assert [c["function"] for c in paid] == ["relu_backward"] and at_once, result.stdout[-3000:]


def test_a_call_after_the_timeout_ends_at_once_and_counts_as_a_timeout(learner_file):
    path = learner_file(ENDLESS_RELU_BACKWARD)
    dA, Z = np.ones((3, 4)), np.linspace(-1, 1, 12).reshape(3, 4)
    cache = ((np.ones((2, 4)), np.ones((3, 2)), np.zeros((3, 1))), Z)
    with time_limit(30), open_sandboxed(path, timeout=1.0) as impl:
        first = impl.call("relu_backward", ("dA", "cache"), dA, Z)
        again = impl.call("relu_backward", ("dA", "cache"), dA, Z)
        caller = impl.call("linear_activation_backward", ("dA", "cache", "activation"), dA, cache, "relu")
        other = impl.call("linear_activation_backward", ("dA", "cache", "activation"), dA, cache, "sigmoid")
    assert first.error == "relu_backward timed out after 1 s"
    assert again.error == "relu_backward timed out before (after 1 s): not run again"
    assert caller.error == "calls relu_backward, which timed out before: not run again"
    assert all(call_failure_kind(r.error) == "timeout" for r in (first, again, caller))
    assert other.error is None and len(other.value) == 3  # the sigmoid branch never reaches relu_backward


def test_silence_keeps_the_function_object_and_reaches_methods_and_closures():
    def make():
        k = 2

        def inner(x):
            return x + k
        return inner

    class Net:
        def relu_backward(self, dA, cache):
            return super().__repr__()

    closure, net = make(), Net()
    for function, call in ((closure, lambda: closure(1)), (net.relu_backward, lambda: net.relu_backward(1, 2)),
                           (Net.relu_backward, lambda: Net().relu_backward(1, 2))):
        same = getattr(function, "__func__", function)
        assert silence(function, "relu_backward")
        assert getattr(function, "__func__", function) is same
        for _ in range(2):  # every call, not only the first
            try:
                call()
            except TimedOutBefore as error:
                assert str(error) == "relu_backward"
            else:
                raise AssertionError("the silenced function ran")
    assert not silence(np.maximum, "relu")  # not Python code: only the parent's direct calls end at once

