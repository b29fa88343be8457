"""Course 2, week 1, "Initialization": zeros, large random and He initialisation, and the notebook's model.

Each initialiser takes ``layers_dims`` [n_0, n_1, ..., n_L] and returns W{l} (n_l, n_{l-1}) and
b{l} (n_l, 1) for l = 1..L, with zero biases:

- ``initialize_parameters_zeros``: W = 0. Every unit of a layer then computes the same thing and
  gets the same gradient: symmetry is never broken and the network learns nothing (accuracy 0.5);
- ``initialize_parameters_random``: W = randn * 10, seed 3. Symmetry is broken, but the outputs
  saturate and the first costs are huge;
- ``initialize_parameters_he``: W = randn * sqrt(2 / n_{l-1}), seed 3 (He et al., 2015).

The seeds are the course's (``np.random.seed(3)`` first thing in each function), drawn here from a
local ``np.random.RandomState(seed)``, which gives the same numbers. The signatures have not moved
between versions (2017 to today); the notebook's He check moved from layers [2, 4, 1] (up to 2020)
to [3, 1, 2] (public_tests).

The notebook's network is manual_dnn.three_layer's; its helper module ``init_utils`` spells the
cost ``compute_loss`` and its backward pass keeps lower-case intermediate keys (``dz3``, ``da2``...)
with the 1/m folded into dz3, which changes nothing in dW and db.
"""

import numpy as np

from manual_dnn.three_layer import backward_propagation, compute_cost, forward_propagation, update_parameters

__all__ = ["initialize_parameters_zeros", "initialize_parameters_random", "initialize_parameters_he", "model"]


def initialize_parameters_zeros(layers_dims):
    """Every W and b zero: W{l} (n_l, n_{l-1}), b{l} (n_l, 1)."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_random(layers_dims, *, seed=3):
    """W{l} = randn(n_l, n_{l-1}) * 10, b{l} = 0; the course's seed 3."""
    rng = np.random.RandomState(seed)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = rng.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims, *, seed=3):
    """W{l} = randn(n_l, n_{l-1}) * sqrt(2 / n_{l-1}), b{l} = 0; the course's seed 3.

    The variance 2 / n_{l-1} keeps the variance of a ReLU layer's output near its input's.
    """
    rng = np.random.RandomState(seed)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = rng.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2.0 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


INITIALIZERS = {
    "zeros": initialize_parameters_zeros,
    "random": initialize_parameters_random,
    "he": initialize_parameters_he,
}


def model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=False, initialization="he"):
    """The notebook's training loop: layers [n_x, 10, 5, 1] started by the named initialiser.

    The course's loop also plots the costs; here ``print_cost=True`` prints the cost every 1000 iterations.

    Returns
    -------
    parameters : dict with W1 (10, n_x), b1, W2 (5, 10), b2, W3 (1, 5), b3
    """
    if initialization not in INITIALIZERS:
        raise ValueError(f"initialization must be one of {sorted(INITIALIZERS)}, got {initialization!r}")
    parameters = INITIALIZERS[initialization]([X.shape[0], 10, 5, 1])
    for i in range(num_iterations):
        a3, cache = forward_propagation(X, parameters)
        grads = backward_propagation(X, Y, cache)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {compute_cost(a3, Y)}")
    return parameters
