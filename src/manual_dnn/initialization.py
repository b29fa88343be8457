"""Parameter initialisation, as the course's two notebooks do it.

Randomness goes through a local ``np.random.RandomState(seed)``: it draws the
same stream as the course's ``np.random.seed(seed); np.random.randn(...)``
without touching numpy's global generator.
"""

import numpy as np

from manual_dnn.validation import require_layer_dims


def initialize_parameters(n_x, n_h, n_y, *, seed=1):
    """Parameters of the 2-layer network: W randn * 0.01, b zeros.

    Returns
    -------
    dict with W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1).
    """
    require_layer_dims("(n_x, n_h, n_y)", (n_x, n_h, n_y))
    rng = np.random.RandomState(seed)
    W1 = rng.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = rng.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def initialize_parameters_deep(layer_dims, *, scaled=False, seed=None):
    """Parameters of the L-layer network.

    ``scaled=False`` is the "Step by Step" initialiser: randn * 0.01, seed 3.
    ``scaled=True`` is the "Application" one: randn / sqrt(n_{l-1}), seed 1.
    It keeps the variance of each layer's output near 1, which the 4-layer cat
    network needs to learn at all (see README).

    Returns
    -------
    dict with W{l} (n_l, n_{l-1}) and b{l} (n_l, 1) for l = 1..L.
    """
    layer_dims = require_layer_dims("layer_dims", layer_dims)
    if seed is None:
        seed = 1 if scaled else 3
    rng = np.random.RandomState(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        W = rng.randn(layer_dims[l], layer_dims[l - 1])
        # Divide rather than multiply by 1/sqrt: the course divides, and we want its bits.
        parameters["W" + str(l)] = W / np.sqrt(layer_dims[l - 1]) if scaled else W * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
