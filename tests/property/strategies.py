"""Hypothesis strategies: shapes first, then bounded float64 arrays of them.

Values lie on a 1e-3 grid in [-1, 1] (no NaN, inf or subnormals; 0 included),
so the float64 comparisons have a clear scale. Points come in three kinds,
kept apart on purpose:

- FD-valid points: every ReLU input at least KINK_MARGIN from 0 and AL clear
  of 0 and 1, so finite differences mean something;
- kink points: some ReLU inputs exactly 0, where only the convention (dZ = 0)
  and autodiff can judge;
- saturated points: AL within rounding of 0 or 1.
"""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from reference.checks.points import liven

# "Layers" counts the input layer: 2 to 6 sizes, each 1 to 8, the last one 1.
LAYER_SIZES = st.lists(st.integers(1, 8), min_size=1, max_size=5).map(lambda sizes: sizes + [1])
EXAMPLES = st.integers(1, 16)
VALUES = st.integers(-1000, 1000).map(lambda k: k / 1000)  # a 1e-3 grid in [-1, 1]
LABELS = st.integers(0, 1).map(float)
ACTIVATIONS = st.sampled_from(["relu", "sigmoid"])


def matrices(rows, cols):
    return arrays(np.float64, (rows, cols), elements=VALUES)


@st.composite
def network_points(draw, fd_valid=True):
    """(X (n_x, m), Y (1, m), parameters) of a drawn network.

    W[l] is divided by n_{l-1} so |Z| stays below L + 1 and AL never saturates;
    with ``fd_valid`` the biases are then nudged off every ReLU kink.
    """
    dims = draw(LAYER_SIZES)
    m = draw(EXAMPLES)
    X = draw(matrices(dims[0], m))
    Y = draw(arrays(np.float64, (1, m), elements=LABELS))
    weights = [(draw(matrices(dims[l], dims[l - 1])) / dims[l - 1], draw(matrices(dims[l], 1)))
               for l in range(1, len(dims))]
    if fd_valid:
        weights = liven(X, weights)  # also revives dead units: a dead unit hides bugs
    params = {}
    for l, (W, b) in enumerate(weights, start=1):
        params[f"W{l}"], params[f"b{l}"] = W, b
    return X, Y, params


@st.composite
def kink_network_points(draw):
    """A network point whose first layer has ReLU inputs exactly 0: a zero
    column of X meets a zero bias, so Z1[:, t] = 0 for that example t."""
    X, Y, params = draw(network_points(fd_valid=False))
    t = draw(st.integers(0, X.shape[1] - 1))
    X[:, t] = 0.0
    params["b1"][:] = 0.0
    return X, Y, params


@st.composite
def saturated_network_points(draw):
    """A network point whose output is within 1e-9 of 0 or 1, but not exactly."""
    X, Y, params = draw(network_points())
    L = len(params) // 2
    target = draw(st.floats(20.0, 36.0))  # sigmoid(±20..36): 2e-9 .. 2e-16 from the edge
    sign = draw(st.sampled_from([-1.0, 1.0]))
    params[f"W{L}"] = np.zeros_like(params[f"W{L}"])
    params[f"b{L}"] = np.full((1, 1), sign * target)
    return X, Y, params


@st.composite
def layer_caches(draw, fd_valid=True):
    """One layer's (dA (n, m), ((A_prev, W, b), Z)) with n_prev, n, m drawn."""
    n_prev, n, m = draw(st.integers(1, 8)), draw(st.integers(1, 8)), draw(EXAMPLES)
    A_prev, W, b = draw(matrices(n_prev, m)), draw(matrices(n, n_prev)), draw(matrices(n, 1))
    Z = W @ A_prev + b
    if fd_valid:  # move every Z off the kink by shifting its bias, as for networks
        (W, b), = liven(A_prev, [(W, b), (np.zeros((1, n)), np.zeros((1, 1)))])[:1]
        Z = W @ A_prev + b
    dA = draw(matrices(n, m))
    return dA, ((A_prev, W, b), Z)


@st.composite
def kink_activation_caches(draw):
    """(dA, Z) where some entries of Z are exactly 0."""
    n, m = draw(st.integers(1, 8)), draw(EXAMPLES)
    Z = draw(arrays(np.float64, (n, m), elements=st.sampled_from([-1.0, -0.5, 0.0, 0.5, 1.0])))
    Z.flat[draw(st.integers(0, Z.size - 1))] = 0.0
    return draw(matrices(n, m)), Z


FD_VALID_NETWORKS = network_points()
KINK_NETWORKS = kink_network_points()
SATURATED_NETWORKS = saturated_network_points()
FD_VALID_LAYERS = layer_caches()
KINK_ACTIVATIONS = kink_activation_caches()
LEARNING_RATES = st.floats(1e-4, 1.0)
