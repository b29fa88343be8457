"""CS231n's classifiers in jax.numpy: what their ``loss`` functions are judged against.

Shapes are the course's: X (N, D) rows of examples, W (D, C), y (N,) labels. The regularisation comes in
two conventions: ``reg * sum(W**2)`` (the linear classifiers from 2017, neural_net.py) and
``0.5 * reg * sum(W**2)`` (2016's linear classifiers, fc_net.py and cnn.py every year).
"""

import jax.numpy as jnp

from reference.assignments.cs231n.math import conv, max_pool, softmax_loss, svm_loss
from reference.assignments.cs231n.points import EPS, settings
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


def two_layer_scores(X, W1, b1, W2, b2):
    return ops.relu(X.reshape(X.shape[0], -1) @ W1 + b1) @ W2 + b2


def two_layer_net(X, y, W1, b1, W2, b2, reg):
    """fc_net.py's TwoLayerNet: 0.5 reg."""
    return softmax_loss(two_layer_scores(X, W1, b1, W2, b2), y) + 0.5 * _l2(reg, W1, W2)


def two_layer_net_full(X, y, W1, b1, W2, b2, reg):
    """neural_net.py's TwoLayerNet (2017-2019): reg, no 0.5."""
    return softmax_loss(two_layer_scores(X, W1, b1, W2, b2), y) + _l2(reg, W1, W2)


# ---------------------------------------------------------------- assignment 2: FullyConnectedNet, ThreeLayerConvNet
# Two hidden layers (three affine layers): what the check points build. Every weight matrix is regularised
# with 0.5 reg, gammas and betas are not (the course's).

def _fc(X, y, hidden, W3, b3, weights, reg):
    scores = hidden @ W3 + b3
    return softmax_loss(scores, y) + 0.5 * _l2(reg, *weights, W3)


def _rows(X):
    return X.reshape(X.shape[0], -1)


def _normalised(h, axis):
    mu = jnp.mean(h, axis=axis, keepdims=True)
    return (h - mu) / jnp.sqrt(jnp.mean((h - mu) ** 2, axis=axis, keepdims=True) + EPS)


def fc_scores(X, W1, b1, W2, b2, W3, b3):
    """Test mode of the plain net (and of the one with dropout: the identity there)."""
    h = ops.relu(ops.relu(_rows(X) @ W1 + b1) @ W2 + b2)
    return h @ W3 + b3


def fc_net(X, y, W1, b1, W2, b2, W3, b3, reg):
    h = ops.relu(ops.relu(_rows(X) @ W1 + b1) @ W2 + b2)
    return _fc(X, y, h, W3, b3, (W1, W2), reg)


def fc_net_dropout(X, y, W1, b1, W2, b2, W3, b3, mask1, mask2, reg):
    """Dropout after each ReLU with its mask held fixed (the one the learner's own dropout_forward draws)."""
    h = ops.relu(ops.relu(_rows(X) @ W1 + b1) * mask1 @ W2 + b2) * mask2
    return _fc(X, y, h, W3, b3, (W1, W2), reg)


def _fc_normalised(X, y, W1, b1, gamma1, beta1, W2, b2, gamma2, beta2, W3, b3, reg, axis):
    h = ops.relu(gamma1 * _normalised(_rows(X) @ W1 + b1, axis) + beta1)
    h = ops.relu(gamma2 * _normalised(h @ W2 + b2, axis) + beta2)
    return _fc(X, y, h, W3, b3, (W1, W2), reg)


def fc_net_batchnorm(X, y, W1, b1, gamma1, beta1, W2, b2, gamma2, beta2, W3, b3, reg):
    """Training mode: each batch norm with the batch's own statistics."""
    return _fc_normalised(X, y, W1, b1, gamma1, beta1, W2, b2, gamma2, beta2, W3, b3, reg, 0)


def fc_net_layernorm(X, y, W1, b1, gamma1, beta1, W2, b2, gamma2, beta2, W3, b3, reg):
    return _fc_normalised(X, y, W1, b1, gamma1, beta1, W2, b2, gamma2, beta2, W3, b3, reg, 1)


def cnn_scores(X, W1, b1, W2, b2, W3, b3):
    """conv (stride 1, 'same' padding) - relu - 2x2 max pool - affine - relu - affine."""
    pad = (W1.shape[2] - 1) // 2
    convolved = ops.relu(conv(X, W1, b1, settings(1, pad)))
    pooled = max_pool(convolved, settings(2, 2, 2))
    return ops.relu(_rows(pooled) @ W2 + b2) @ W3 + b3


def cnn(X, y, W1, b1, W2, b2, W3, b3, reg):
    return softmax_loss(cnn_scores(X, W1, b1, W2, b2, W3, b3), y) + 0.5 * _l2(reg, W1, W2, W3)
