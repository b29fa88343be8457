"""Course 2, week 1, "Gradient Checking": the two-sided difference that tells whether a backward pass is right.

    gradapprox = (J(theta + eps) - J(theta - eps)) / (2 eps)
    difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||)

The course's threshold: a difference below 2e-7 (1e-7 in the 2017 notebook's 1-D check) means the
backward pass agrees with the forward; the notebook's eps is 1e-7.

Two parts, as in the notebook:
- 1-D: J(theta) = theta * x (``forward_propagation``), dJ/dtheta = x (``backward_propagation``),
  ``gradient_check``;
- N-D: the three-layer network of ``manual_dnn.three_layer`` with its cost (``forward_propagation_n``),
  its backward (``backward_propagation_n``, the right one: the course hands this function out with
  two planted bugs for the learner's checker to find), ``gradient_check_n``, and the vector helpers
  of the course's ``gc_utils`` (``dictionary_to_vector``, ``vector_to_dictionary``,
  ``gradients_to_vector``).

Signatures by version: ``gradient_check(x, theta, epsilon=1e-7)`` and
``gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7)`` printed their verdict always (2017 to
2020); from 2021 both take ``print_msg=False`` and print only when it is True. Every version returns
``difference``. From 2024 the notebook checks x, theta = 3, 4 instead of 2, 4.
"""

import numpy as np

from manual_dnn.three_layer import backward_propagation as backward_propagation_network
from manual_dnn.three_layer import forward_propagation as forward_propagation_network
from manual_dnn.three_layer import relu, sigmoid

__all__ = [
    "forward_propagation",
    "backward_propagation",
    "gradient_check",
    "forward_propagation_n",
    "backward_propagation_n",
    "gradient_check_n",
    "dictionary_to_vector",
    "vector_to_dictionary",
    "gradients_to_vector",
    "difference_of",
    "relu",
    "sigmoid",
    "COURSE_SHAPES",
    "THRESHOLD",
]

THRESHOLD = 2e-7
"""The notebooks' "there is a mistake" line for ``gradient_check_n`` (1e-7 in 2017)."""

PARAMETER_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")

COURSE_SHAPES = {"W1": (5, 4), "b1": (5, 1), "W2": (3, 5), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}
"""The shapes ``gc_utils.vector_to_dictionary`` hard-codes: 47 parameters of a 4-5-3-1 network."""


def forward_propagation(x, theta):
    """J(theta) = theta * x, for numbers (or arrays of one shape)."""
    return theta * x


def backward_propagation(x, theta):
    """dJ/dtheta = x."""
    return x


def difference_of(grad, gradapprox):
    """||grad - gradapprox|| / (||grad|| + ||gradapprox||), 0 when both are 0 (the course's gives NaN there)."""
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator if denominator > 0 else 0.0


def _report(difference, print_msg):
    if print_msg:
        if difference > THRESHOLD:
            print(f"There is a mistake in the backward propagation! difference = {difference}")
        else:
            print(f"Your backward propagation works perfectly fine! difference = {difference}")


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """The difference between backward_propagation(x, theta) and the two-sided difference of J at theta.

    Returns
    -------
    difference : float
    """
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    difference = difference_of(grad, gradapprox)
    _report(difference, print_msg)
    return difference


def forward_propagation_n(X, Y, parameters):
    """The three-layer network's forward pass and its cross-entropy cost.

    X is (n_x, m); Y is (1, m) or (m,) (the course's test case passes a 1-D Y, which broadcasts).

    Returns
    -------
    cost : float, -(1/m) sum(Y log A3 + (1 - Y) log(1 - A3))
    cache : (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    """
    m = X.shape[1]
    A3, cache = forward_propagation_network(X, parameters)
    logprobs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    cost = 1.0 / m * np.sum(logprobs)
    return cost, cache


def backward_propagation_n(X, Y, cache):
    """The right backward pass of forward_propagation_n's cache: three_layer's gradients dict.

    The course's copy of this function doubles dW2 and quadruples db1 on purpose; this one does not.
    """
    return backward_propagation_network(X, Y, cache)


def dictionary_to_vector(parameters):
    """W1, b1, W2, b2, W3, b3 flattened (row by row) and stacked into one column.

    Returns
    -------
    theta : (n, 1)
    keys : list of n names, the parameter each entry of theta came from
    """
    columns = [np.reshape(parameters[key], (-1, 1)) for key in PARAMETER_KEYS]
    keys = [key for key, column in zip(PARAMETER_KEYS, columns) for _ in range(column.shape[0])]
    return np.concatenate(columns, axis=0), keys


def vector_to_dictionary(theta, shapes=None):
    """The inverse of dictionary_to_vector: a dict of arrays of ``shapes`` (the course's 4-5-3-1 by default).

    The course's helper has no ``shapes`` argument and knows only its own network; the arrays returned
    are views of ``theta``, as its ``reshape`` gives.
    """
    shapes = COURSE_SHAPES if shapes is None else shapes
    parameters, start = {}, 0
    for key in PARAMETER_KEYS:
        size = int(np.prod(shapes[key]))
        parameters[key] = theta[start:start + size].reshape(shapes[key])
        start += size
    return parameters


def gradients_to_vector(gradients):
    """dW1, db1, dW2, db2, dW3, db3 stacked into one column (n, 1), in dictionary_to_vector's order."""
    return np.concatenate([np.reshape(gradients["d" + key], (-1, 1)) for key in PARAMETER_KEYS], axis=0)


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """The difference between ``gradients`` (a backward pass's dict) and the two-sided differences of
    forward_propagation_n's cost, one parameter at a time.

    Returns
    -------
    difference : float; below THRESHOLD when the gradients are right
    """
    parameters_values, _ = dictionary_to_vector(parameters)
    shapes = {key: np.shape(parameters[key]) for key in PARAMETER_KEYS}
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros_like(parameters_values)
    for i in range(parameters_values.shape[0]):
        theta_plus = np.copy(parameters_values)
        theta_plus[i, 0] += epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, shapes))
        theta_minus = np.copy(parameters_values)
        theta_minus[i, 0] -= epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, shapes))
        gradapprox[i, 0] = (J_plus - J_minus) / (2 * epsilon)
    difference = difference_of(grad, gradapprox)
    _report(difference, print_msg)
    return difference
