"""Course 2 week 1 "Regularization": the course's published test cases, rebuilt here, against manual_dnn.

Inputs are rebuilt as the course's test-case files build them: np.random.seed(1), then X = randn(3, 5)
and W1 (2, 3), b1 (2, 1), W2 (3, 2), b2 (3, 1), W3 (1, 3), b3 (1, 1) drawn with randn in that order
(np.random.RandomState(1) draws the same stream). The course types its caches and its a3 in as
8-digit literals; they are this project's forward passes at that point (the dropout caches with
keep_prob 0.5: the masks are np.random.seed(1); rand(...) < 0.5, A1 the masked relu(Z1) / 0.5), so
they are rebuilt here by those forward passes, and the outputs agree with the published ones to the
6 decimals the course's own checks use, the cost to 7.

Sources: the 2017 notebook ("Regularization", testCases.py) and "Regularization_v2a" (2019-2020) print
cost, dW1..dW3, A3, dA1, dA2; public_tests.py (2021-2024) holds the whole gradients dicts and the
dropout forward's cache. The same numbers in every version.
"""

import numpy as np
import pytest

from manual_dnn import regularization as reg
from tests.test_course_fixtures import assert_published

SHAPES = (("W1", (2, 3)), ("b1", (2, 1)), ("W2", (3, 2)), ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1)))
Y_ASSESS = np.array([[1, 1, 0, 1, 0]])


def _draw_parameters(rng):
    return {key: rng.randn(*shape) for key, shape in SHAPES}


def _point():
    """(X, parameters): forward_propagation_with_dropout_test_case and the point of every cache."""
    rng = np.random.RandomState(1)
    X = rng.randn(3, 5)
    return X, _draw_parameters(rng)


# ------------------------------------------------------------------ compute_cost_with_regularization

# compute_cost_with_regularization_test_case / _test: parameters drawn first (no X), lambd = 0.1;
# a3 is forward_propagation's A3 at _point().
def test_compute_cost_with_regularization_fixture():
    parameters = _draw_parameters(np.random.RandomState(1))
    a3, _ = reg.forward_propagation(*_point())
    cost = reg.compute_cost_with_regularization(a3, Y_ASSESS, parameters, lambd=0.1)
    assert np.ndim(cost) == 0 and isinstance(float(cost), float)
    # 2017: "cost = 1.78648594516"; public_tests: np.float64(1.7864859451590758)
    np.testing.assert_almost_equal(cost, 1.7864859451590758, decimal=7)


def test_the_l2_term_is_what_lambd_adds():
    parameters = _draw_parameters(np.random.RandomState(1))
    a3, _ = reg.forward_propagation(*_point())
    plain = reg.compute_cost(a3, Y_ASSESS)
    squares = sum(np.sum(parameters[k] ** 2) for k in ("W1", "W2", "W3"))
    cost = reg.compute_cost_with_regularization(a3, Y_ASSESS, parameters, lambd=0.1)
    np.testing.assert_allclose(cost - plain, 0.1 / (2 * 5) * squares, rtol=1e-14)


# ------------------------------------------------------------------ backward_propagation_with_regularization

PUBLISHED_REGULARIZED_GRADIENTS = {  # public_tests' expected_output; dW1..dW3 also in every notebook
    "dZ3": [[-0.59317598, -0.98370716, 0.16722898, -0.89881889, 0.40682402]],
    "dW3": [[-1.77691347, -0.11832879, -0.09397446]],
    "db3": [[-0.38032981]],
    "dA2": [[0.40761434, 0.67597671, -0.11491519, 0.6176438, -0.27955836],
            [0.50135568, 0.83143484, -0.14134288, 0.7596868, -0.34384996],
            [0.39816708, 0.66030962, -0.11225181, 0.6033287, -0.27307905]],
    "dZ2": [[0.40761434, 0.67597671, -0.11491519, 0.6176438, -0.27955836],
            [0.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 0.0, 0.0]],
    "dW2": [[0.79276486, 0.85133918], [-0.0957219, -0.01720463], [-0.13100772, -0.03750433]],
    "db2": [[0.26135226], [0.0], [0.0]],
    "dA1": [[0.2048239, 0.33967447, -0.05774423, 0.31036252, -0.14047649],
            [0.3672018, 0.60895764, -0.10352203, 0.5564081, -0.25184181]],
    "dZ1": [[0.0, 0.33967447, -0.05774423, 0.31036252, 0.0],
            [0.0, 0.60895764, -0.10352203, 0.5564081, 0.0]],
    "dW1": [[-0.25604646, 0.12298827, -0.28297129], [-0.17706303, 0.34536094, -0.4410571]],
    "db1": [[0.11845855], [0.21236874]],
}


# backward_propagation_with_regularization_test_case / _test: the cache of forward_propagation at _point().
def test_backward_propagation_with_regularization_fixture():
    X, parameters = _point()
    _, cache = reg.forward_propagation(X, parameters)
    grads = reg.backward_propagation_with_regularization(X, Y_ASSESS, cache, lambd=0.7)
    assert set(grads) == set(PUBLISHED_REGULARIZED_GRADIENTS)
    for key, published in PUBLISHED_REGULARIZED_GRADIENTS.items():
        assert_published(grads[key], published)


# ------------------------------------------------------------------ forward_propagation_with_dropout

PUBLISHED_DROPOUT_CACHE = {  # public_tests' forward_propagation_with_dropout_test, keep_prob = 0.7
    1: [[True, False, True, True, True], [True, True, True, True, True]],  # D1
    2: [[0.0, 0.0, 3.05706487, 3.72429505, 0.0], [0.0, 5.94299915, 1.1293003, 2.09276446, 0.0]],  # A1
    5: [[0.53035547, 5.88414161, 3.08385015, 4.28707196, 0.53035547],  # Z2
        [-0.69166075, -1.42199726, -2.92064114, -3.49524533, -0.69166075],
        [-0.39675353, -1.98881216, -3.55998747, -4.44246165, -0.39675353]],
    6: [[True, True, True, False, True], [True, True, True, True, True], [False, False, True, True, False]],  # D2
    7: [[0.75765067, 8.40591658, 4.40550021, 0.0, 0.75765067], [0.0] * 5, [0.0] * 5],  # A2
    10: [[-0.53330145, -5.78898099, -3.04000407, -0.0126646, -0.53330145]],  # Z3
}


def test_forward_propagation_with_dropout_fixture():
    X, parameters = _point()
    A3, cache = reg.forward_propagation_with_dropout(X, parameters, keep_prob=0.7)
    # every version: "A3 = [[ 0.36974721  0.00305176  0.04565099  0.49683389  0.36974721]]"
    assert_published(A3, [[0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721]])
    assert len(cache) == 14  # public_tests: "Wrong cache length"
    for index, published in PUBLISHED_DROPOUT_CACHE.items():
        assert_published(cache[index], published)
    for index, key in ((3, "W1"), (4, "b1"), (8, "W2"), (9, "b2"), (12, "W3"), (13, "b3")):
        assert cache[index] is parameters[key] or np.array_equal(cache[index], parameters[key])


def test_forward_propagation_with_dropout_leaves_numpys_global_generator_alone():
    np.random.seed(123)
    expected = np.random.rand()
    np.random.seed(123)
    reg.forward_propagation_with_dropout(*_point(), keep_prob=0.7)
    assert np.random.rand() == expected


# ------------------------------------------------------------------ backward_propagation_with_dropout

PUBLISHED_DROPOUT_GRADIENTS = {  # public_tests' expected_output; dA1 and dA2 also in every notebook
    "dZ3": [[-0.67733606, -0.50316611, 0.00348883, -0.50316611, 0.32266394]],
    "dW3": [[-0.06951191, 0.0, 0.0]],
    "db3": [[-0.2715031]],
    "dA2": [[0.58180856, 0.0, -0.00299679, 0.0, -0.27715731],
            [0.0, 0.53159854, 0.0, 0.53159854, -0.34089673],
            [0.0, 0.0, -0.00292733, 0.0, 0.0]],
    "dZ2": [[0.58180856, 0.0, -0.00299679, 0.0, -0.27715731], [0.0] * 5, [0.0] * 5],
    "dW2": [[-0.00256518, -0.0009476], [0.0, 0.0], [0.0, 0.0]],
    "db2": [[0.06033089], [0.0], [0.0]],
    "dA1": [[0.36544439, 0.0, -0.00188233, 0.0, -0.17408748], [0.65515713, 0.0, -0.00337459, 0.0, 0.0]],
    "dZ1": [[0.0, 0.0, -0.00188233, 0.0, 0.0], [0.0, 0.0, -0.00337459, 0.0, 0.0]],
    "dW1": [[0.00019884, 0.00028657, 0.00012138], [0.00035647, 0.00051375, 0.00021761]],
    "db1": [[-0.00037647], [-0.00067492]],
}


# backward_propagation_with_dropout_test_case / _test: a cache made with keep_prob 0.5 (its A1 is the
# masked relu(Z1) times 2), differentiated with keep_prob 0.8, as the course does.
def test_backward_propagation_with_dropout_fixture():
    X, parameters = _point()
    _, cache = reg.forward_propagation_with_dropout(X, parameters, keep_prob=0.5)
    assert_published(cache[1], [[True, False, True, True, True], [True, True, True, True, False]])
    grads = reg.backward_propagation_with_dropout(X, Y_ASSESS, cache, keep_prob=0.8)
    assert set(grads) == set(PUBLISHED_DROPOUT_GRADIENTS)
    for key, published in PUBLISHED_DROPOUT_GRADIENTS.items():
        assert_published(grads[key], published)


# ------------------------------------------------------------------ contracts the notebook relies on

def test_model_refuses_l2_and_dropout_together():
    with pytest.raises(ValueError, match="not both"):
        reg.model(*_point()[:1], Y_ASSESS, lambd=0.7, keep_prob=0.86, num_iterations=1)


@pytest.mark.parametrize("keep_prob", [0.0, -0.1, 1.5])
def test_dropout_refuses_a_keep_prob_outside_0_1(keep_prob):
    with pytest.raises(ValueError, match="keep_prob"):
        reg.forward_propagation_with_dropout(*_point(), keep_prob=keep_prob)


def _objective(X, parameters, lambd=0, keep_prob=1):
    """The cost the model descends: with dropout, the network with the same (re-seeded) masks."""
    if keep_prob < 1:
        return reg.compute_cost(reg.forward_propagation_with_dropout(X, parameters, keep_prob)[0], Y_ASSESS)
    a3, _ = reg.forward_propagation(X, parameters)
    return reg.compute_cost_with_regularization(a3, Y_ASSESS, parameters, lambd)


def test_model_trains_each_way_from_reg_utils_initialiser():
    X, _ = _point()
    for options in ({}, {"lambd": 0.7}, {"keep_prob": 0.86}):
        parameters = reg.model(X, Y_ASSESS, num_iterations=0, **options)
        assert {k: v.shape for k, v in parameters.items()} == {
            "W1": (20, 3), "b1": (20, 1), "W2": (3, 20), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}
        np.testing.assert_array_equal(parameters["W1"], reg.initialize_parameters([3, 20, 3, 1])["W1"])
        trained = reg.model(X, Y_ASSESS, num_iterations=50, **options)
        assert _objective(X, trained, **options) < _objective(X, parameters, **options), options
