"""Hypothesis strategies: shapes first, then bounded float64 arrays of them.

Values lie on a 1e-3 grid (no NaN, inf or subnormals; 0 included), so the
float64 comparisons have a clear scale; sizes stop at the bounds in bounds.py.
Points come in three kinds, kept apart on purpose:

- FD-valid points: every ReLU input at least KINK_MARGIN from 0 and AL clear
  of 0 and 1, so finite differences mean something;
- kink points: some ReLU inputs exactly 0, where only the convention (dZ = 0)
  and autodiff can judge;
- saturated points: AL within 1e-9 of 0 or 1, but not equal to it.

test_strategy_coverage.py shows that each strategy reaches the cases that
matter (m = 1, L = 1, mixed labels, kinks in deep layers, |Z| > 5 for the
sigmoid, saturation).
"""

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from reference.checks.points import liven
from reference.oracles.numpy_network import forward
from reference.tolerances import KINK_MARGIN
from tests.property.bounds import MAX_EXAMPLES, MAX_LAYERS, MAX_UNITS

UNITS = st.integers(1, MAX_UNITS)
EXAMPLES = st.integers(1, MAX_EXAMPLES)
ACTIVATIONS = st.sampled_from(["relu", "sigmoid"])
LEARNING_RATES = st.floats(1e-4, 1.0)
GRID = 1000  # values are multiples of 1 / GRID


def matrices(rows, cols, bound=1.0):
    """(rows, cols) float64 multiples of 1e-3 in [-bound, bound]."""
    k = round(GRID * bound)
    # Floats per element, not an integer array divided once: Hypothesis fills
    # integer arrays with one repeated value far more often (two in five are
    # mostly zeros), and such cases test little.
    return arrays(np.float64, (rows, cols), elements=st.integers(-k, k).map(lambda i: i / GRID))


def labels(m):
    """Y (1, m) of 0.0 and 1.0."""
    return arrays(np.float64, (1, m), elements=st.sampled_from([0.0, 1.0]))


# A single drawn layer's weights reach |Z| > 5, where the sigmoid is flat and
# a forgotten (1 - s) or a cache taken for A shows most.
LAYER_WEIGHT_BOUND = 4.0
# Activation inputs span both of the sigmoid's tails, none within KINK_MARGIN of ReLU's kink.
ACTIVATION_INPUT_BOUND = 8.0


def layer_sizes(min_layers=1):
    """[n_x, n_1, ..., n_L] with n_L = 1 and min_layers <= L <= MAX_LAYERS."""
    return st.lists(UNITS, min_size=min_layers, max_size=MAX_LAYERS).map(lambda sizes: sizes + [1])


def weights_of(params):
    """[(W1, b1), ..., (WL, bL)] from the seed's parameters dict (the same arrays)."""
    return [(params[f"W{l}"], params[f"b{l}"]) for l in range(1, len(params) // 2 + 1)]


def hidden_activations(X, params, layers):
    """A[layers] (n, m): the ReLU activations after the first ``layers`` layers (X for 0)."""
    A = X
    for W, b in weights_of(params)[:layers]:
        A = np.maximum(W @ A + b, 0)
    return A


@st.composite
def network_points(draw, min_layers=1):
    """(X (n_x, m), Y (1, m), parameters) of a live drawn network, FD-valid.

    W[l] is divided by n_{l-1} so |Z| stays below L + 1 and AL never saturates;
    the ReLU biases are then nudged so that no unit is dead and no ReLU input
    is within KINK_MARGIN of 0.
    """
    dims = draw(layer_sizes(min_layers))
    m = draw(EXAMPLES)
    X = draw(matrices(dims[0], m))
    Y = draw(labels(m))
    weights = [(draw(matrices(dims[l], dims[l - 1])) / dims[l - 1], draw(matrices(dims[l], 1)))
               for l in range(1, len(dims))]
    weights = liven(X, weights)  # a dead unit hides bugs; a near-kink input spoils FD
    params = {}
    for l, (W, b) in enumerate(weights, start=1):
        params[f"W{l}"], params[f"b{l}"] = W, b
    return X, Y, params


@st.composite
def kink_network_points(draw):
    """A network with at least one ReLU layer, and ReLU inputs there exactly 0.

    In a drawn ReLU layer k and example t, a drawn unit i loses its bias and
    its weights from every input that is nonzero at t (in layer 1, one input
    of example t is first set to 0, a black pixel): Z_k[i, t] is then a sum of
    exact zeros, 0 in any summation order (numpy's or XLA's). Its remaining
    weights are signed so that it is active on the examples where they see a
    nonzero input: a unit at its kink on some examples, alive on others.
    """
    X, Y, params = draw(network_points(min_layers=2))
    L = len(params) // 2
    k = draw(st.integers(1, L - 1))
    t = draw(st.integers(0, X.shape[1] - 1))
    if k == 1:
        X[draw(st.integers(0, X.shape[0] - 1)), t] = 0.0
    A_prev = hidden_activations(X, params, k - 1)
    W, b = params[f"W{k}"], params[f"b{k}"]
    i = draw(st.integers(0, W.shape[0] - 1))
    W[i, A_prev[:, t] != 0] = 0.0
    b[i] = 0.0
    if (W[i] @ A_prev <= 0).all():
        W[i] = -W[i]
    # Elsewhere a ReLU input within rounding of 0 could fall on either side in
    # numpy and in XLA: such a point would judge rounding, not the code.
    _, Zs = forward(X, weights_of(params))
    assume(all(((Z == 0) | (np.abs(Z) > 1e-12)).all() for Z in Zs[:-1]))
    return X, Y, params


# sigmoid(±21) is 7.6e-10 from its edge; sigmoid(35) is still 6e-16 below 1, while
# past 36.7 it rounds to exactly 1.0, where L_model_backward rightly refuses AL.
SATURATING_Z = (21.0, 35.0)


@st.composite
def saturated_network_points(draw):
    """A live network whose output is within 1e-9 of 0 or 1 on every example.

    The output bias moves every Z_L into SATURATING_Z (or its negative); W_L is
    kept, only scaled down if its outputs spread over more than half that band,
    so the hidden layers' gradients stay alive. One drawn example gets the label
    opposite to the edge AL nears: confidently wrong, its dZ_L is about ±1,
    where a confidently right example's is below 1e-9.
    """
    X, Y, params = draw(network_points())
    L = len(params) // 2
    low, high = SATURATING_Z
    W = params[f"W{L}"]
    s = W @ hidden_activations(X, params, L - 1)  # (1, m), before the bias
    spread = s.max() - s.min()
    if spread > (high - low) / 2:
        W *= (high - low) / 2 / spread
        s = W @ hidden_activations(X, params, L - 1)
    edge = draw(st.sampled_from([0.0, 1.0]))
    target = draw(st.floats(low, (low + high) / 2))
    params[f"b{L}"] = np.full((1, 1), target - s.min() if edge == 1.0 else -target - s.max())
    Y[0, draw(st.integers(0, X.shape[1] - 1))] = 1.0 - edge
    return X, Y, params


@st.composite
def layer_caches(draw):
    """One layer's (dA (n, m), ((A_prev, W, b), Z)) with n_prev, n, m drawn.

    Every Z is at least KINK_MARGIN from 0 (its bias shifted, as for networks).
    """
    n_prev, n, m = draw(UNITS), draw(UNITS), draw(EXAMPLES)
    A_prev, W, b = draw(matrices(n_prev, m)), draw(matrices(n, n_prev, LAYER_WEIGHT_BOUND)), draw(matrices(n, 1))
    (W, b), = liven(A_prev, [(W, b), (np.zeros((1, n)), np.zeros((1, 1)))])[:1]
    dA = draw(matrices(n, m))
    return dA, ((A_prev, W, b), W @ A_prev + b)


@st.composite
def activation_caches(draw):
    """(dA (n, m), Z (n, m)) for relu_backward and sigmoid_backward, Z FD-valid."""
    n, m = draw(UNITS), draw(EXAMPLES)
    Z = draw(matrices(n, m, ACTIVATION_INPUT_BOUND))
    Z[np.abs(Z) < KINK_MARGIN] = KINK_MARGIN  # only 0 is that close on the grid: moved off the kink
    return draw(matrices(n, m)), Z


@st.composite
def kink_activation_caches(draw):
    """(dA, Z) where some entries of Z are exactly 0, one of them under a nonzero dA."""
    n, m = draw(UNITS), draw(EXAMPLES)
    Z = draw(arrays(np.float64, (n, m), elements=st.sampled_from([-1.0, -0.5, 0.0, 0.5, 1.0])))
    dA = draw(matrices(n, m))
    kink = draw(st.integers(0, Z.size - 1))
    Z.flat[kink], dA.flat[kink] = 0.0, draw(st.integers(1, GRID)) / GRID
    return dA, Z


FD_VALID_NETWORKS = network_points()
KINK_NETWORKS = kink_network_points()
SATURATED_NETWORKS = saturated_network_points()
FD_VALID_LAYERS = layer_caches()
FD_VALID_ACTIVATIONS = activation_caches()
KINK_ACTIVATIONS = kink_activation_caches()
