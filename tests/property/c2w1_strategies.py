"""Hypothesis strategies for course 2 week 1's three-layer network: shapes first, then arrays of them.

Values lie on the 1e-3 grid of strategies.py. Units per layer stop at C2W1_MAX_UNITS (the padded JAX
oracle pads every layer to it, so it compiles once per m); m is drawn from EXAMPLE_COUNTS for the same
reason (the cost's 1/m cannot be padded away). Every point is FD-valid: each ReLU input at least
KINK_MARGIN from 0 (biases shifted by points.liven, layer by layer, after the dropout masks where
there are some), so numpy, XLA and finite differences agree on every slope.

test_c2w1_strategy_coverage.py shows what they reach.
"""

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from manual_dnn import gradient_checking, regularization
from reference.checks.points import liven
from tests.property.strategies import labels, matrices

C2W1_MAX_UNITS = 6
EXAMPLE_COUNTS = (1, 2, 3, 5)
UNITS = st.integers(1, C2W1_MAX_UNITS)
EXAMPLES = st.sampled_from(EXAMPLE_COUNTS)
KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")
LAMBDS = st.integers(0, 2000).map(lambda i: i / 1000)  # 0 to 2: the notebook uses 0.1 and 0.7
# 0.2 to 1 (the notebook uses 0.5 to 0.86); 1 itself, no dropout at all, drawn on purpose: a uniform draw
# reaches one value in 81 only by chance, and Hypothesis's pool of constants shifts with every test module.
KEEP_PROBS = st.one_of(st.just(1.0), st.integers(20, 99).map(lambda i: i / 100))
SEEDS = st.integers(0, 2**31 - 1)
# A3 entries in thousandths, the edges drawn often: log(A3) and log(1 - A3) are steepest there.
PROBABILITIES = st.one_of(st.integers(1, 999), st.integers(1, 20), st.integers(980, 999))
WELL_CONDITIONED = 0.05
"""||grad|| / max(1, |J|) above which gradient_check_n's eps = 1e-7 differences are accurate: each entry loses
~1e-16 |J| / 1e-7 to rounding. Measured on 1,500 such draws of NETWORKS: the right backward's difference
is at most 3.8e-8, 5x below the course's 2e-7 (the course's own test case: 1.2e-7)."""
OUTPUT_BOUND = 20.0  # |Z3| below it: A3 at least 2e-9 from 0 and 1, where log(1 - A3) keeps its digits


def _alive(A_prev, W, b):
    """(W, b) with b shifted so that every unit is active somewhere and no input is near the kink."""
    (W, b), _ = liven(A_prev, [(W, b), (None, None)])
    return W, b


@st.composite
def network_points(draw, dropout=False):
    """(X (n_x, m), Y (1, m), parameters, keep_prob, seed) of a live three-layer network.

    With ``dropout``, the biases are shifted for the masks forward_propagation_with_dropout draws with
    that keep_prob and seed (the masks do not depend on the parameters, only on the shapes), so its
    own forward pass is FD-valid too; keep_prob is 1.0 and seed 0 otherwise.
    """
    n_x, n_1, n_2, m = draw(UNITS), draw(UNITS), draw(UNITS), draw(EXAMPLES)
    keep_prob, seed = (draw(KEEP_PROBS), draw(SEEDS)) if dropout else (1.0, 0)
    X, Y = draw(matrices(n_x, m)), draw(labels(m))
    # Divided by the fan-in, as strategies.network_points does: |Z| stays moderate, so A3 keeps clear of 0 and 1.
    W1, W2, W3 = (draw(matrices(rows, cols, 2.0)) / cols for rows, cols in ((n_1, n_x), (n_2, n_1), (1, n_2)))
    b1, b2, b3 = draw(matrices(n_1, 1)), draw(matrices(n_2, 1)), draw(matrices(1, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}
    masks = _masks(X, parameters, keep_prob, seed) if dropout else (1.0, 1.0)
    parameters["W1"], parameters["b1"] = _alive(X, W1, b1)
    A1 = np.maximum(W1 @ X + parameters["b1"], 0) * masks[0] / keep_prob
    parameters["W2"], parameters["b2"] = _alive(A1, W2, b2)
    A2 = np.maximum(W2 @ A1 + parameters["b2"], 0) * masks[1] / keep_prob
    assume(np.abs(W3 @ A2 + b3).max() < OUTPUT_BOUND)
    return X, Y, parameters, keep_prob, seed


def well_conditioned(point):
    """Whether gradient_check_n's eps = 1e-7 differences can judge this network point (WELL_CONDITIONED)."""
    X, Y, parameters, _, _ = point
    cost, cache = gradient_checking.forward_propagation_n(X, Y, parameters)
    gradients = gradient_checking.backward_propagation_n(X, Y, cache)
    return np.linalg.norm(gradient_checking.gradients_to_vector(gradients)) > WELL_CONDITIONED * max(1.0, abs(cost))


def _masks(X, parameters, keep_prob, seed):
    _, cache = regularization.forward_propagation_with_dropout(X, parameters, keep_prob, seed=seed)
    return cache[1], cache[6]


@st.composite
def costs_of_outputs(draw):
    """(A3 (1, m) in (0, 1), Y (1, m), parameters, lambd): compute_cost_with_regularization's inputs."""
    X, Y, parameters, _, _ = draw(network_points())
    m = X.shape[1]
    A3 = draw(st.lists(PROBABILITIES, min_size=m, max_size=m).map(lambda a: np.array([a]) / 1000))
    return A3, Y, parameters, draw(LAMBDS)


@st.composite
def one_dimensional_points(draw):
    """(x, theta) numbers on the grid, |x| and |theta| in [0.1, 10]: J = theta * x is then far from 0."""
    magnitude = st.integers(100, 10_000).map(lambda i: i / 1000)
    sign = st.sampled_from([-1.0, 1.0])
    return draw(magnitude) * draw(sign), draw(magnitude) * draw(sign)


NETWORKS = network_points()
DROPOUT_NETWORKS = network_points(dropout=True)
OUTPUT_COSTS = costs_of_outputs()
ONE_DIMENSIONAL = one_dimensional_points()
