"""The course's own gradient check, and how narrowly it passes correct code.

The course ("Improving Deep Neural Networks", week 1, Gradient Checking)
checks all parameters at once: theta = dictionary_to_vector(parameters),
grad = gradients_to_vector(grads), for every i
gradapprox[i] = (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps) with
eps = 1e-7, and the code passes when
||grad - gradapprox|| / (||grad|| + ||gradapprox||) < 2e-7.
It is rewritten here and run on manual_dnn at the small check points where
our checks pass by 1000x (test_checker.py); its margin, 2e-7 over that
difference, is measured, and the README's quoted range held to it.
"""

import re
from pathlib import Path

import numpy as np
import pytest

import manual_dnn
from reference.bug_zoo import mutant_namespace
from reference.checks.points import network_point
from reference.seed_functions import SEED_FUNCTIONS, parameter_names
from reference.tolerances import relative_error

COURSE_EPSILON, COURSE_THRESHOLD = 1e-7, 2e-7
SMALL, SEEDS = ([5, 4, 3, 1], 6), (0, 1, 2)  # as test_checker.py's 1000x test
README = Path(__file__).resolve().parents[2] / "README.md"
QUOTED = re.compile(r"passes the same correct code[^.]*? by only (\d+)–(\d+)×")


def dictionary_to_vector(parameters, names):
    """theta (n,): every parameter flattened, in the order of ``names``."""
    return np.concatenate([parameters[name].ravel() for name in names])


def vector_to_dictionary(theta, shapes):
    """The parameters dict back from theta; ``shapes`` maps name -> shape, in theta's order."""
    sizes = [int(np.prod(shape)) for shape in shapes.values()]
    parts = np.split(theta, np.cumsum(sizes)[:-1])
    return {name: part.reshape(shape) for (name, shape), part in zip(shapes.items(), parts)}


def gradients_to_vector(grads, names):
    return np.concatenate([grads["d" + name].ravel() for name in names])


def course_difference(impl, point):
    """The course's gradient_check_n on ``impl``'s own forward, cost and backward."""
    parameters, X, Y = point.parameters, point.X, point.Y
    names = parameter_names(len(point.weights))
    shapes = {name: parameters[name].shape for name in names}

    def J(theta):
        AL, _ = impl["L_model_forward"](X, vector_to_dictionary(theta, shapes))
        return float(impl["compute_cost"](AL, Y))

    AL, caches = impl["L_model_forward"](X, parameters)
    grad = gradients_to_vector(impl["L_model_backward"](AL, Y, caches), names)
    theta = dictionary_to_vector(parameters, names)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.size):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += COURSE_EPSILON
        minus[i] -= COURSE_EPSILON
        gradapprox[i] = (J(plus) - J(minus)) / (2 * COURSE_EPSILON)
    return relative_error(grad, gradapprox)


@pytest.fixture(scope="module")
def margins():
    impl = {name: getattr(manual_dnn, name) for name in SEED_FUNCTIONS}
    return [COURSE_THRESHOLD / course_difference(impl, network_point(*SMALL, seed)) for seed in SEEDS]


def test_the_course_check_passes_correct_code(margins):
    assert min(margins) > 1, margins


def test_the_course_check_fails_a_missing_1_over_m():
    impl = mutant_namespace("dW-missing-1/m")
    assert course_difference(impl, network_point(*SMALL, seed=0)) > COURSE_THRESHOLD


def test_the_readme_quotes_the_measured_margin_of_the_course_check(margins):
    quoted = QUOTED.search(" ".join(README.read_text(encoding="utf-8").split()))
    assert quoted, "README.md no longer quotes the course check's margin"
    low, high = int(quoted[1]), int(quoted[2])
    # Its difference is rounding noise of J over eps, so it moves a little with
    # the BLAS kernel: the quoted range holds every margin, and is no more than
    # 1.5x looser than the measured one at either end.
    assert low <= min(margins) and max(margins) <= high, (low, high, margins)
    assert low >= min(margins) / 1.5 and high <= 1.5 * max(margins), (low, high, margins)
