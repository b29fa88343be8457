"""The two activations and their derivatives.

Each backward function takes dA and the Z its forward saw (the "activation
cache") and returns dZ = dA * g'(Z), elementwise, never writing into dA.
"""

import numpy as np

from manual_dnn.validation import require_same_shape


def sigmoid(Z):
    """A = 1 / (1 + exp(-Z)); returns (A, Z), Z being the cache."""
    A = 1 / (1 + np.exp(-Z))
    return A, Z


def sigmoid_backward(dA, cache):
    """dZ = dA * s * (1 - s) with s = sigmoid(Z); cache is Z. Shapes (n, m)."""
    Z = cache
    require_same_shape("dA", dA, "Z", Z)
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - s)
    return dZ


def relu(Z):
    """A = max(0, Z); returns (A, Z), Z being the cache."""
    A = np.maximum(0, Z)
    return A, Z


def relu_backward(dA, cache):
    """dZ = dA where Z > 0, else 0 (0 at the kink Z == 0, as the seed); cache is Z.

    Works on a copy: writing into dA would corrupt the caller's gradients.
    """
    Z = cache
    require_same_shape("dA", dA, "Z", Z)
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ
