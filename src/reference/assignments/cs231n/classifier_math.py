"""CS231n's classifiers in jax.numpy: what their ``loss`` functions are judged against.

Shapes are the course's: X (N, D) rows of examples, W (D, C), y (N,) labels. The regularisation comes in
two conventions: ``reg * sum(W**2)`` (the linear classifiers from 2017, neural_net.py) and
``0.5 * reg * sum(W**2)`` (2016's linear classifiers, fc_net.py and cnn.py every year).
"""

import jax.numpy as jnp

from reference.assignments.cs231n.math import softmax_loss, svm_loss
from reference.engine import ops


def _l2(reg, *weights):
    return reg * sum(jnp.sum(w * w) for w in weights)


def linear_svm(W, X, y, reg):
    return svm_loss(X @ W, y) + _l2(reg, W)


def linear_svm_half(W, X, y, reg):
    return svm_loss(X @ W, y) + 0.5 * _l2(reg, W)


def linear_softmax(W, X, y, reg):
    return softmax_loss(X @ W, y) + _l2(reg, W)


def linear_softmax_half(W, X, y, reg):
    return softmax_loss(X @ W, y) + 0.5 * _l2(reg, W)


def _two_layer_scores(X, W1, b1, W2, b2):
    return ops.relu(X.reshape(X.shape[0], -1) @ W1 + b1) @ W2 + b2


def two_layer_net(X, y, W1, b1, W2, b2, reg):
    """fc_net.py's TwoLayerNet: 0.5 reg."""
    return softmax_loss(_two_layer_scores(X, W1, b1, W2, b2), y) + 0.5 * _l2(reg, W1, W2)


def two_layer_net_full(X, y, W1, b1, W2, b2, reg):
    """neural_net.py's TwoLayerNet (2017-2019): reg, no 0.5."""
    return softmax_loss(_two_layer_scores(X, W1, b1, W2, b2), y) + _l2(reg, W1, W2)
