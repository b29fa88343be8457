"""Stanford CS231n's assignment 1, hand-written in numpy: the linear classifiers' losses and the two-layer net.

``classifiers/linear_svm.py`` and ``classifiers/softmax.py``: ``loss, dW = f(W, X, y, reg)`` with W (D, C),
X (N, D), y (N,) labels in [0, C); the data loss averaged over N plus ``reg * sum(W**2)`` (the course
from 2017 on; 2016 had ``0.5 * reg``). Each in loops (``_naive``) and vectorised, with the same result.

The two-layer net (``classifiers/neural_net.py`` to 2019, ``fc_net.py`` from 2020): affine - ReLU -
affine - softmax, ``params`` W1 (D, H), b1 (H,), W2 (H, C), b2 (C,); ``loss(X, y=None)`` returns the
scores (N, C) without y, else ``(loss, grads)`` with ``0.5 * reg * (sum W1**2 + sum W2**2)``
(fc_net's, here; neural_net's had ``reg`` as an argument of loss and no 0.5).
"""

import numpy as np

from manual_dnn.cs231n_layers import affine_backward, affine_forward, relu_backward, relu_forward, softmax_loss

__all__ = ["svm_loss_naive", "svm_loss_vectorized", "softmax_loss_naive", "softmax_loss_vectorized", "TwoLayerNet"]


def svm_loss_naive(W, X, y, reg):
    """Multiclass SVM loss with loops over examples and classes: (loss, dW (D, C))."""
    N, C = X.shape[0], W.shape[1]
    loss, dW = 0.0, np.zeros_like(W)
    for i in range(N):
        scores = X[i] @ W
        for j in range(C):
            margin = scores[j] - scores[y[i]] + 1.0
            if j != y[i] and margin > 0:
                loss += margin
                dW[:, j] += X[i]
                dW[:, y[i]] -= X[i]
    return loss / N + reg * np.sum(W * W), dW / N + 2 * reg * W


def svm_loss_vectorized(W, X, y, reg):
    """The same loss and gradient without loops."""
    N = X.shape[0]
    scores = X @ W  # (N, C)
    rows = np.arange(N)
    margins = np.maximum(0, scores - scores[rows, y][:, None] + 1.0)
    margins[rows, y] = 0
    positive = (margins > 0).astype(W.dtype)
    positive[rows, y] = -positive.sum(axis=1)
    return margins.sum() / N + reg * np.sum(W * W), X.T @ positive / N + 2 * reg * W


def softmax_loss_naive(W, X, y, reg):
    """Softmax cross-entropy with a loop over examples: (loss, dW (D, C))."""
    N = X.shape[0]
    loss, dW = 0.0, np.zeros_like(W)
    for i in range(N):
        scores = X[i] @ W
        scores = scores - scores.max()  # exp of a large score overflows; the shift changes nothing
        probs = np.exp(scores) / np.exp(scores).sum()
        loss -= np.log(probs[y[i]])
        probs[y[i]] -= 1
        dW += np.outer(X[i], probs)
    return loss / N + reg * np.sum(W * W), dW / N + 2 * reg * W


def softmax_loss_vectorized(W, X, y, reg):
    """The same loss and gradient without loops."""
    loss, dscores = softmax_loss(X @ W, y)
    return loss + reg * np.sum(W * W), X.T @ dscores + 2 * reg * W


class TwoLayerNet:
    """affine - ReLU - affine - softmax, fc_net's contract: TwoLayerNet(input_dim, hidden_dim, num_classes,
    weight_scale, reg)."""

    def __init__(self, input_dim=3 * 32 * 32, hidden_dim=100, num_classes=10, weight_scale=1e-3, reg=0.0):
        self.reg = reg
        self.params = {"W1": weight_scale * np.random.randn(input_dim, hidden_dim), "b1": np.zeros(hidden_dim),
                       "W2": weight_scale * np.random.randn(hidden_dim, num_classes), "b2": np.zeros(num_classes)}

    def loss(self, X, y=None):
        """Scores (N, C) when y is None, else (loss, grads) with grads keyed as params."""
        W1, b1, W2, b2 = (self.params[k] for k in ("W1", "b1", "W2", "b2"))
        a, affine1 = affine_forward(X, W1, b1)
        h, relu = relu_forward(a)
        scores, affine2 = affine_forward(h, W2, b2)
        if y is None:
            return scores
        loss, dscores = softmax_loss(scores, y)
        loss += 0.5 * self.reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
        grads = {}
        dh, grads["W2"], grads["b2"] = affine_backward(dscores, affine2)
        _, grads["W1"], grads["b1"] = affine_backward(relu_backward(dh, relu), affine1)
        grads["W1"] = grads["W1"] + self.reg * W1
        grads["W2"] = grads["W2"] + self.reg * W2
        return loss, grads
