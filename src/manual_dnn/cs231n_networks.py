"""Stanford CS231n's assignment 2 networks, hand-written in numpy: ``FullyConnectedNet`` (fc_net.py) and
``ThreeLayerConvNet`` (cnn.py), built on manual_dnn's own layers.

Both hold ``params`` (W1, b1, ...; gamma1, beta1, ... with normalisation) and have ``loss(X, y=None)``:
the scores (N, C) without y (test mode), else ``(loss, grads)`` in training mode, the loss regularised
with ``0.5 * reg * sum(W**2)`` over every weight matrix, grads keyed as params. The current course's
contract: ``dropout`` is the probability of keeping a unit (1: no dropout), ``normalization`` None,
"batchnorm" or "layernorm"; parameters are float64 unless a dtype is given.
"""

import numpy as np

from manual_dnn import cs231n_layers as layers

__all__ = ["FullyConnectedNet", "ThreeLayerConvNet"]


class FullyConnectedNet:
    """{affine - [batch/layer norm] - relu - [dropout]} x (L - 1) - affine - softmax."""

    def __init__(self, hidden_dims, input_dim=3 * 32 * 32, num_classes=10, dropout=1, normalization=None,
                 reg=0.0, weight_scale=1e-2, dtype=np.float64, seed=None):
        self.normalization, self.reg, self.dtype = normalization, reg, dtype
        self.use_dropout = dropout != 1
        self.num_layers = 1 + len(hidden_dims)
        sizes = [input_dim, *hidden_dims, num_classes]
        self.params = {}
        for l in range(1, self.num_layers + 1):
            self.params[f"W{l}"] = (weight_scale * np.random.randn(sizes[l - 1], sizes[l])).astype(dtype)
            self.params[f"b{l}"] = np.zeros(sizes[l], dtype=dtype)
            if normalization and l < self.num_layers:
                self.params[f"gamma{l}"], self.params[f"beta{l}"] = np.ones(sizes[l]), np.zeros(sizes[l])
        self.dropout_param = {"mode": "train", "p": dropout} if self.use_dropout else {}
        if self.use_dropout and seed is not None:
            self.dropout_param["seed"] = seed
        self.bn_params = [{"mode": "train"} for _ in range(self.num_layers - 1)] if normalization else []

    def _normalise(self, h, l, mode):
        """(out, cache) of layer l's normalisation, or (h, None) without one."""
        if self.normalization == "batchnorm":
            self.bn_params[l - 1]["mode"] = mode
            return layers.batchnorm_forward(h, self.params[f"gamma{l}"], self.params[f"beta{l}"],
                                            self.bn_params[l - 1])
        if self.normalization == "layernorm":
            return layers.layernorm_forward(h, self.params[f"gamma{l}"], self.params[f"beta{l}"], {})
        return h, None

    def _denormalise(self, dout, cache, l, grads):
        if self.normalization is None:
            return dout
        backward = layers.batchnorm_backward if self.normalization == "batchnorm" else layers.layernorm_backward
        dh, grads[f"gamma{l}"], grads[f"beta{l}"] = backward(dout, cache)
        return dh

    def loss(self, X, y=None):
        mode = "test" if y is None else "train"
        X = X.astype(self.dtype)
        if self.use_dropout:
            self.dropout_param["mode"] = mode
        h, caches = X, []
        for l in range(1, self.num_layers):
            a, affine = layers.affine_forward(h, self.params[f"W{l}"], self.params[f"b{l}"])
            a, norm = self._normalise(a, l, mode)
            h, relu = layers.relu_forward(a)
            dropout = None
            if self.use_dropout:
                h, dropout = layers.dropout_forward(h, self.dropout_param)
            caches.append((affine, norm, relu, dropout))
        L = self.num_layers
        scores, last = layers.affine_forward(h, self.params[f"W{L}"], self.params[f"b{L}"])
        if mode == "test":
            return scores
        loss, dscores = layers.softmax_loss(scores, y)
        loss += 0.5 * self.reg * sum(np.sum(self.params[f"W{l}"] ** 2) for l in range(1, L + 1))
        grads = {}
        dh, grads[f"W{L}"], grads[f"b{L}"] = layers.affine_backward(dscores, last)
        for l in range(L - 1, 0, -1):
            affine, norm, relu, dropout = caches[l - 1]
            if dropout is not None:
                dh = layers.dropout_backward(dh, dropout)
            da = self._denormalise(layers.relu_backward(dh, relu), norm, l, grads)
            dh, grads[f"W{l}"], grads[f"b{l}"] = layers.affine_backward(da, affine)
        for l in range(1, L + 1):
            grads[f"W{l}"] = grads[f"W{l}"] + self.reg * self.params[f"W{l}"]
        return loss, grads


class ThreeLayerConvNet:
    """conv - relu - 2x2 max pool - affine - relu - affine - softmax; the convolution keeps the image's
    size (stride 1, pad (filter_size - 1) / 2)."""

    def __init__(self, input_dim=(3, 32, 32), num_filters=32, filter_size=7, hidden_dim=100, num_classes=10,
                 weight_scale=1e-3, reg=0.0, dtype=np.float64):
        C, H, W = input_dim
        self.reg, self.dtype = reg, dtype
        self.params = {"W1": weight_scale * np.random.randn(num_filters, C, filter_size, filter_size),
                       "b1": np.zeros(num_filters),
                       "W2": weight_scale * np.random.randn(num_filters * (H // 2) * (W // 2), hidden_dim),
                       "b2": np.zeros(hidden_dim),
                       "W3": weight_scale * np.random.randn(hidden_dim, num_classes), "b3": np.zeros(num_classes)}

    def loss(self, X, y=None):
        W1, b1, W2, b2, W3, b3 = (self.params[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
        X = X.astype(self.dtype)
        conv_param = {"stride": 1, "pad": (W1.shape[2] - 1) // 2}
        pool_param = {"pool_height": 2, "pool_width": 2, "stride": 2}
        a, conv = layers.conv_forward_naive(X, W1, b1, conv_param)
        s, relu1 = layers.relu_forward(a)
        pooled, pool = layers.max_pool_forward_naive(s, pool_param)
        z, affine2 = layers.affine_forward(pooled, W2, b2)
        h, relu2 = layers.relu_forward(z)
        scores, affine3 = layers.affine_forward(h, W3, b3)
        if y is None:
            return scores
        loss, dscores = layers.softmax_loss(scores, y)
        loss += 0.5 * self.reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2) + np.sum(W3 ** 2))
        grads = {}
        dh, grads["W3"], grads["b3"] = layers.affine_backward(dscores, affine3)
        dpooled, grads["W2"], grads["b2"] = layers.affine_backward(layers.relu_backward(dh, relu2), affine2)
        ds = layers.max_pool_backward_naive(dpooled, pool)
        _, grads["W1"], grads["b1"] = layers.conv_backward_naive(layers.relu_backward(ds, relu1), conv)
        for k in ("W1", "W2", "W3"):
            grads[k] = grads[k] + self.reg * self.params[k]
        return loss, grads
