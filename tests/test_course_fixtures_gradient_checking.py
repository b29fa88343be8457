"""Course 2 week 1 "Gradient Checking": the course's published test cases, rebuilt here, against manual_dnn.

gradient_check_n_test_case, every version: np.random.seed(1), then x = randn(4, 3), y = [1, 1, 0]
(a 1-D label vector, which broadcasts), W1 randn(5, 4), b1 (5, 1), W2 (3, 5), b2 (3, 1), W3 (1, 3),
b3 (1, 1).

Sources: the 2017 notebook (printed 2.91933588329e-10 and 0.285093156781), "Gradient Checking v1"
(2018-2020, 0.285093156654 on its machine), the public_tests notebooks: 2021-2023 check x, theta = 2, 4
(gradient_check_test: 2.919335883291695e-10), 2024 x, theta = 3, 4 (7.814075313343006e-11); from 2021
the notebook asserts np.isclose(difference, [0.2850931567761623, 1.1890913024229996e-07]): the
difference with the two planted bugs, and without them.
"""

import numpy as np

from manual_dnn import gradient_checking as gc
from reference.assignments.gradient_checking.planted_bugs import backward_propagation_n_as_handed_out
from tests.test_course_fixtures import assert_published

WITH_PLANTED_BUGS, WITHOUT_THEM = 0.2850931567761623, 1.1890913024229996e-07


def gradient_check_n_test_case():
    rng = np.random.RandomState(1)
    x = rng.randn(4, 3)
    y = np.array([1, 1, 0])
    parameters = {key: rng.randn(*shape) for key, shape in gc.COURSE_SHAPES.items()}
    return x, y, parameters


# ------------------------------------------------------------------ 1-D

def test_forward_and_backward_propagation_fixtures():
    assert gc.forward_propagation(2, 4) == 8  # forward_propagation_test
    assert gc.backward_propagation(2, 4) == 2  # backward_propagation_test (2021-2023)
    assert gc.backward_propagation(3, 4) == 3  # backward_propagation_test (2024)


def test_gradient_check_fixtures():
    # The course compares with np.isclose (single_test); the numbers here come out to every digit.
    assert np.isclose(gc.gradient_check(2, 4), 2.919335883291695e-10, rtol=1e-6, atol=0)
    assert np.isclose(gc.gradient_check(3, 4), 7.814075313343006e-11, rtol=1e-6, atol=0)
    assert gc.gradient_check(2, 4) < 1e-7  # the 2017 notebook's "The gradient is correct!"


def test_gradient_check_prints_only_when_asked(capsys):
    gc.gradient_check(2, 4)
    assert capsys.readouterr().out == ""
    gc.gradient_check(2, 4, print_msg=True)
    assert "works perfectly fine" in capsys.readouterr().out


# ------------------------------------------------------------------ N-D

def test_gradient_check_n_on_the_course_backward_with_its_planted_bugs():
    X, Y, parameters = gradient_check_n_test_case()
    cost, cache = gc.forward_propagation_n(X, Y, parameters)
    difference = gc.gradient_check_n(parameters, backward_propagation_n_as_handed_out(X, Y, cache), X, Y)
    assert not isinstance(difference, np.ndarray)  # the notebook: "You are not using np.linalg.norm ..."
    assert np.isclose(difference, WITH_PLANTED_BUGS)  # the notebook's own assert (rtol 1e-5, atol 1e-8)
    assert difference > gc.THRESHOLD


def test_gradient_check_n_on_the_right_backward():
    X, Y, parameters = gradient_check_n_test_case()
    cost, cache = gc.forward_propagation_n(X, Y, parameters)
    difference = gc.gradient_check_n(parameters, gc.backward_propagation_n(X, Y, cache), X, Y, 1e-7)
    assert np.isclose(difference, WITHOUT_THEM)
    assert difference < gc.THRESHOLD


def test_the_planted_bugs_are_dW2_and_db1_alone():
    X, Y, parameters = gradient_check_n_test_case()
    _, cache = gc.forward_propagation_n(X, Y, parameters)
    right = gc.backward_propagation_n(X, Y, cache)
    planted = backward_propagation_n_as_handed_out(X, Y, cache)
    assert set(planted) == set(right) == {"dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"}
    differing = {key for key in right if not np.array_equal(right[key], planted[key])}
    assert differing == {"dW2", "db1"}
    np.testing.assert_array_equal(planted["dW2"], 2 * right["dW2"])
    np.testing.assert_array_equal(planted["db1"], 4 * right["db1"])


def test_forward_propagation_n_cost_fixture():
    X, Y, parameters = gradient_check_n_test_case()
    cost, cache = gc.forward_propagation_n(X, Y, parameters)
    assert len(cache) == 12 and np.ndim(cost) == 0
    A3 = cache[9]
    expected = -np.mean(Y * np.log(A3[0]) + (1 - Y) * np.log(1 - A3[0]))
    np.testing.assert_allclose(cost, expected, rtol=1e-14)


# ------------------------------------------------------------------ gc_utils

def test_vector_helpers_are_gc_utils():
    X, Y, parameters = gradient_check_n_test_case()
    theta, keys = gc.dictionary_to_vector(parameters)
    assert theta.shape == (47, 1) and len(keys) == 47
    assert keys[:20] == ["W1"] * 20 and keys[20:25] == ["b1"] * 5 and keys[-1] == "b3"
    assert_published(theta[:4, 0], parameters["W1"][0])  # row by row, as np.reshape(W, (-1, 1))
    back = gc.vector_to_dictionary(theta)
    for key, value in parameters.items():
        np.testing.assert_array_equal(back[key], value)
    grads = {"d" + key: value for key, value in parameters.items()}
    np.testing.assert_array_equal(gc.gradients_to_vector(grads), theta)
