"""The bug zoo of CS231n's layers.py: the classic mistakes, each in one function of manual_dnn's own
solution, written the way a student writes it (one shared namespace, as in the course's module)."""

import numpy as np

import manual_dnn.cs231n_layers as solution
from reference.bug_zoo import Mutant, notebook_namespace

__all__ = ["MUTANTS", "mutant_namespace"]


def batchnorm_backward_without_the_mean_terms(dout, cache):
    norm_cache, gamma = cache
    x_hat, inv_std = norm_cache
    dx = dout * gamma * inv_std  # BUG: as if the mean and the variance did not depend on x
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)


def batchnorm_backward_dgamma_before_the_shift(dout, cache):
    norm_cache, gamma = cache
    x_hat, inv_std = norm_cache
    dx = _normalise_backward(dout * gamma, norm_cache, 0)  # noqa: F821 -- the solution's, in the namespace
    x_scaled = x_hat / inv_std  # the centred input x - mean, before it is divided by its spread
    dgamma = (dout * x_scaled).sum(axis=0)  # BUG: gamma multiplies x_hat, not x - mean
    return dx, dgamma, dout.sum(axis=0)


def dropout_forward_scaling_at_test_time(x, dropout_param):
    p, mode = dropout_param["p"], dropout_param["mode"]
    if "seed" in dropout_param:
        np.random.seed(dropout_param["seed"])
    if mode == "train":
        mask = (np.random.rand(*x.shape) < p) / p
        return x * mask, (dropout_param, mask)
    return x * p, (dropout_param, None)  # BUG: inverted dropout already scaled in training


def max_pool_backward_from_the_wrong_window(dout, cache):
    x, pool_param = cache
    height, width = pool_param["pool_height"], pool_param["pool_width"]
    N, C, out_h, out_w = dout.shape
    dx = np.zeros_like(x)
    for i in range(out_h):
        for j in range(out_w):
            window = x[:, :, i:i + height, j:j + width]  # BUG: i, j instead of i * stride, j * stride
            flat = window.reshape(N, C, -1)
            mask = flat == flat.max(axis=2, keepdims=True)
            dx[:, :, i:i + height, j:j + width] += (mask * dout[:, :, i, j][:, :, None]).reshape(window.shape)
    return dx


def softmax_loss_without_the_max_shift(x, y):
    N = x.shape[0]
    probs = np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)  # BUG: exp of a large score overflows
    loss = -np.log(probs[np.arange(N), y]).mean()
    dx = probs.copy()
    dx[np.arange(N), y] -= 1
    return loss, dx / N


def layernorm_forward_over_the_batch(x, gamma, beta, ln_param):
    x_hat, norm_cache = _normalise(x, 0, ln_param.get("eps", 1e-5))  # noqa: F821 -- BUG: axis 0 is the batch
    return gamma * x_hat + beta, (norm_cache, gamma)


def batchnorm_forward_test_mode_without_gamma_and_beta(x, gamma, beta, bn_param):
    if bn_param["mode"] == "train":
        return _train_batchnorm(x, gamma, beta, bn_param)  # noqa: F821 -- the solution's own training mode
    x_hat = (x - bn_param["running_mean"]) / np.sqrt(bn_param["running_var"] + bn_param.get("eps", 1e-5))
    return x_hat, None  # BUG: gamma and beta forgotten (the notebook tests with gamma = 1, beta = 0)


def affine_backward_dx_not_reshaped(dout, cache):
    x, w, b = cache
    dx = dout @ w.T  # BUG: (N, D), not x's own shape (N, d_1, ..., d_k)
    return dx, x.reshape(x.shape[0], -1).T @ dout, dout.sum(axis=0)


MUTANTS = {
    "bn-dx-without-mean-terms": Mutant("batchnorm_backward", "batch norm's dx without the terms through the mean and "
                                       "the variance", batchnorm_backward_without_the_mean_terms),
    "bn-dgamma-before-the-shift": Mutant("batchnorm_backward", "dgamma from x - mean instead of the normalised x_hat",
                                         batchnorm_backward_dgamma_before_the_shift),
    "bn-test-mode-without-gamma-beta": Mutant("batchnorm_forward", "test-mode batch norm drops gamma and beta",
                                              batchnorm_forward_test_mode_without_gamma_and_beta),
    "layernorm-over-the-batch": Mutant("layernorm_forward", "layer norm's statistics over the batch axis",
                                       layernorm_forward_over_the_batch),
    "dropout-scaled-at-test-time": Mutant("dropout_forward", "inverted dropout that scales again at test time",
                                          dropout_forward_scaling_at_test_time),
    "maxpool-mask-from-the-wrong-window": Mutant("max_pool_backward_naive", "the max-pool mask of a window that "
                                                 "ignores the stride", max_pool_backward_from_the_wrong_window),
    "softmax-without-max-shift": Mutant("softmax_loss", "softmax without subtracting the row's max: overflows "
                                        "(numerical, not a gradient error)", softmax_loss_without_the_max_shift),
    "affine-dx-not-reshaped": Mutant("affine_backward", "dx left (N, D), not x's shape",
                                     affine_backward_dx_not_reshaped),
}


def _train_batchnorm(x, gamma, beta, bn_param):
    return solution.batchnorm_forward(x, gamma, beta, bn_param)


def mutant_namespace(name):
    mutant = MUTANTS[name]
    return notebook_namespace([solution], [(mutant.function, mutant.implementation),
                                           ("_train_batchnorm", _train_batchnorm)])
