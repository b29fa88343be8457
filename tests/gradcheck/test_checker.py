"""The checker on manual_dnn, on learners' files, and on broken implementations."""

from pathlib import Path

import numpy as np
import pytest

import manual_dnn
from reference.bug_zoo import seed_namespace
from reference.checker import check
from reference.implementation import SEED_FUNCTIONS, ImplementationError

LEARNERS = Path(__file__).parent / "learners"
SMALL = dict(layer_dims=[5, 4, 3, 1], examples=6)


def _failures(report):
    return [c for c in report.checks if c.passed is False]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_manual_dnn_passes_every_check_with_a_1000x_margin(seed):
    report = check(manual_dnn, seed=seed, **SMALL)
    assert report.passed and report.root_cause is None
    assert not [c for c in report.checks if c.passed is None]
    for c in report.checks:
        if c.rel_error is not None:
            assert c.rel_error * 1000 <= c.tolerance, (c.function, c.target, c.oracle, c.rel_error)


def test_manual_dnn_passes_at_the_real_size_of_the_cat_network():
    report = check(manual_dnn)  # [12288, 20, 7, 5, 1], 209 examples
    assert report.network == [12288, 20, 7, 5, 1] and report.examples == 209
    assert report.passed, report.to_text()
    targets = {c.target for c in report.checks if c.function == "L_model_backward"}
    assert {"dW1", "db1", "dA0", "dW4", "db4", "dA3"} <= targets
    oracles = {c.oracle for c in report.checks}
    assert {"jax-vjp", "jax-grad", "central-fd", "directional-fd", "complex-step", "taylor"} <= oracles


def test_every_seed_function_is_checked():
    report = check(manual_dnn, **SMALL)
    assert {c.function for c in report.checks} == set(SEED_FUNCTIONS)


def test_a_correct_learner_notebook_passes_with_its_prints_captured_and_in_place_update_noted(capsys):
    report = check(LEARNERS / "correct_notebook.py", **SMALL)
    assert report.passed, report.to_text()
    assert sorted(report.supplied) == ["relu", "relu_backward", "sigmoid", "sigmoid_backward"]
    assert any("in place" in note for note in report.notes)
    assert any("printed" in note for note in report.notes)
    assert capsys.readouterr().out == ""  # the learner's prints never reach the terminal
    assert "cost =" not in report.to_text() and "cost =" not in report.to_json()


def test_helpers_left_to_the_notebook_are_supplied_and_missing_functions_listed():
    report = check(LEARNERS / "partial_without_helpers.py", **SMALL)
    assert report.passed, report.to_text()
    assert {c.function for c in report.checks} == {"linear_forward", "linear_backward", "linear_activation_forward"}
    assert "L_model_backward" in report.missing and "relu" in report.supplied


def test_a_notebooks_globals_mapping_can_be_checked():
    namespace = seed_namespace()
    assert check(namespace, **SMALL).passed


def _learner(tmp_path, body, name="learner.py"):
    """The correct notebook with one function replaced by ``body``."""
    source = (LEARNERS / "correct_notebook.py").read_text()
    path = tmp_path / name
    path.write_text(source + "\n\n" + body)
    return path


def _only_failure(report, function):
    failures = _failures(report)
    assert failures, report.to_text()
    assert report.root_cause == function
    return failures


def test_an_exception_is_a_failure_with_its_reason_not_a_crash(tmp_path):
    path = _learner(tmp_path, "def sigmoid_backward(dA, cache):\n    raise NotImplementedError('todo')\n")
    report = check(path, **SMALL)
    failures = _only_failure(report, "sigmoid_backward")
    assert any("raised NotImplementedError: todo" in c.detail for c in failures)


def test_a_wrong_return_arity_is_a_failure(tmp_path):
    path = _learner(tmp_path, "def linear_backward(dZ, cache):\n    A, W, b = cache\n    return W.T @ dZ, dZ @ A.T / A.shape[1]\n")
    failures = _only_failure(check(path, **SMALL), "linear_backward")
    assert any("returned 2 values, expected (dA_prev, dW, db)" in c.detail for c in failures)


def test_a_wrong_shape_is_a_failure(tmp_path):
    path = _learner(tmp_path, "def relu_backward(dA, cache):\n    return (dA * (cache > 0)).T\n")
    failures = _only_failure(check(path, **SMALL), "relu_backward")
    assert any("dZ has shape (5, 3), expected (3, 5)" in c.detail for c in failures)


def test_nan_is_a_failure(tmp_path):
    path = _learner(tmp_path, "def sigmoid_backward(dA, cache):\n    return dA * np.nan\n")
    failures = _only_failure(check(path, **SMALL), "sigmoid_backward")
    assert any("is NaN" in c.detail for c in failures)


def test_writing_into_an_input_is_a_failure(tmp_path):
    body = "def relu_backward(dA, cache):\n    dZ = dA\n    dZ[cache <= 0] = 0\n    return dZ\n"
    failures = _only_failure(check(_learner(tmp_path, body), **SMALL), "relu_backward")
    assert any(c.target == "dA" and "writes into its argument dA" in c.detail for c in failures)


def test_a_forward_function_writing_into_its_input_is_a_failure(tmp_path):
    body = "def relu(Z):\n    Z[Z < 0] = 0\n    return Z, Z\n"
    failures = _only_failure(check(_learner(tmp_path, body), **SMALL), "relu")
    assert any("writes into its argument Z" in c.detail for c in failures)


def test_a_wrong_value_names_the_worst_entry_with_both_values(tmp_path):
    body = "def linear_backward(dZ, cache):\n    A, W, b = cache\n    return W.T @ dZ, dZ @ A.T, dZ.sum(axis=1, keepdims=True) / A.shape[1]\n"
    report = check(_learner(tmp_path, body), **SMALL)
    failures = _only_failure(report, "linear_backward")
    jax = next(c for c in failures if c.function == "linear_backward" and c.target == "dW" and c.oracle == "jax-vjp")
    index = tuple(jax.worst["index"])
    assert jax.worst["actual"] == pytest.approx(5 * jax.worst["expected"])  # the layer point has m = 5
    assert f"dW[{index[0]}, {index[1]}]: hand-written" in jax.detail and "JAX" in jax.detail


def test_the_root_cause_is_the_lowest_failing_function(tmp_path):
    body = "def relu_backward(dA, cache):\n    return np.array(dA, copy=True)\n"  # forgets the mask
    report = check(_learner(tmp_path, body), **SMALL)
    assert report.root_cause == "relu_backward"
    assert report.failing_functions == ["relu_backward", "linear_activation_backward", "L_model_backward"]


@pytest.mark.parametrize("text, message", [
    ("def f(:\n", "line 1"),
    ("raise RuntimeError('boom')\n", "running it raised RuntimeError: boom"),
    ("import testCases_v4a\n", "ModuleNotFoundError"),
])
def test_a_file_that_cannot_be_loaded_is_an_implementation_error(tmp_path, text, message):
    path = tmp_path / "bad.py"
    path.write_text(text)
    with pytest.raises(ImplementationError, match=message):
        check(path, **SMALL)


def test_a_missing_file_is_an_implementation_error(tmp_path):
    with pytest.raises(ImplementationError, match="no such file"):
        check(tmp_path / "absent.py", **SMALL)


def test_the_check_point_is_reproducible_from_the_seed():
    a = check(manual_dnn, seed=4, **SMALL)
    b = check(manual_dnn, seed=4, **SMALL)
    assert [c.rel_error for c in a.checks] == [c.rel_error for c in b.checks]


def test_full_fd_checks_every_parameter_or_the_chosen_ones():
    report = check(manual_dnn, full_fd=True, **SMALL)
    full = {c.target for c in report.checks if c.oracle == "full-fd"}
    assert full == {"dW1", "db1", "dW2", "db2", "dW3", "db3"}
    report = check(manual_dnn, full_fd=True, params=["W1", "b3"], **SMALL)
    assert {c.target for c in report.checks if c.oracle == "full-fd"} == {"dW1", "db3"}
    assert report.passed


def test_checking_on_the_cat_images(cat_data):
    X, Y, *_ = cat_data
    report = check(manual_dnn, layer_dims=[12288, 7, 1], X=X[:, :50], Y=Y[:, :50].astype(float))
    assert report.data == "cat-image" and report.examples == 50
    assert report.passed, report.to_text()
    assert np.isfinite([c.rel_error for c in report.checks if c.rel_error is not None]).all()
