"""A plain numpy forward of the network, for numerical differentiation.

Written apart from manual_dnn on purpose (an oracle shares no code with what
it checks), and safe for complex inputs so that complex-step differentiation
can run through it: ReLU masks on the real part, which keeps the seed's
derivative 0 at Z == 0.
"""

import numpy as np

__all__ = ["relu", "sigmoid", "layer", "forward", "forward_from_z", "cost", "network_cost"]


def relu(Z):
    return Z * (Z.real > 0)


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def layer(A_prev, W, b, activation):
    """(A, Z) of one layer; ``activation`` is "relu" or "sigmoid"."""
    Z = W @ A_prev + b
    return (relu(Z) if activation == "relu" else sigmoid(Z)), Z


def forward(X, weights, start=1):
    """(AL, [Z_start, ..., Z_L]) for weights [(W1, b1), ..., (WL, bL)].

    With ``start`` > 1, X is A[start-1] and the first start-1 layers are skipped.
    """
    A, Zs = X, []
    L = len(weights)
    for l in range(start, L + 1):
        A, Z = layer(A, *weights[l - 1], "sigmoid" if l == L else "relu")
        Zs.append(Z)
    return A, Zs


def forward_from_z(Z, weights, l):
    """(AL, [Z_l, ..., Z_L]) from layer l's pre-activation ``Z`` (n_l, m) on."""
    L = len(weights)
    A = sigmoid(Z) if l == L else relu(Z)
    AL, Zs = forward(A, weights, start=l + 1) if l < L else (A, [])
    return AL, [Z] + Zs


def cost(AL, Y):
    """Mean cross-entropy; complex-safe (log of a complex AL)."""
    m = Y.shape[1]
    return -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m


def network_cost(X, weights, Y, start=1):
    return cost(forward(X, weights, start)[0], Y)
