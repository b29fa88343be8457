"""The course's own cs231n modules, rebuilt (reference.course_packages.cs231n): the fast layers are the
naive ones, im2col keeps the course's layout and col2im is its adjoint, the numerical gradients, update
rules, sandwich layers and the Solver do what the course's did."""

import numpy as np
import pytest

import manual_dnn.cs231n_layers as naive
from reference.course_packages.cs231n import fast_layers, gradient_check, im2col, im2col_cython, layer_utils, optim
from reference.course_packages.cs231n.solver import Solver
from reference.tolerances import relative_error

GEOMETRIES = [(2, 3, 5, 7, 3, 2, 2, 1), (1, 2, 4, 4, 2, 2, 1, 0), (3, 1, 6, 5, 3, 3, 3, 2)]  # N C H W HH WW s p


def _conv(N, C, H, W, HH, WW, stride, pad, seed=0):
    rng = np.random.RandomState(seed)
    H = stride * ((H + 2 * pad - HH) // stride) + HH - 2 * pad  # the stride divides exactly
    W = stride * ((W + 2 * pad - WW) // stride) + WW - 2 * pad
    return rng.randn(N, C, H, W), rng.randn(4, C, HH, WW), rng.randn(4), {"stride": stride, "pad": pad}


@pytest.mark.parametrize("geometry", GEOMETRIES)
def test_the_fast_convolution_is_the_naive_one_forward_and_backward(geometry):
    x, w, b, conv_param = _conv(*geometry)
    out, cache = fast_layers.conv_forward_fast(x, w, b, conv_param)
    expected, naive_cache = naive.conv_forward_naive(x, w, b, conv_param)
    assert relative_error(out, expected) < 1e-14
    dout = np.random.RandomState(1).randn(*out.shape)
    for fast, slow in zip(fast_layers.conv_backward_fast(dout, cache), naive.conv_backward_naive(dout, naive_cache)):
        assert fast.shape == slow.shape and relative_error(fast, slow) < 1e-14


def test_the_fast_max_pool_is_the_naive_one_forward_and_backward():
    x = np.random.RandomState(2).permutation(2 * 3 * 7 * 8).reshape(2, 3, 7, 8).astype(float)
    pool_param = {"pool_height": 3, "pool_width": 2, "stride": 2}
    out, cache = fast_layers.max_pool_forward_fast(x, pool_param)
    expected, naive_cache = naive.max_pool_forward_naive(x, pool_param)
    assert np.array_equal(out, expected)
    dout = np.random.RandomState(3).randn(*out.shape)
    expected = naive.max_pool_backward_naive(dout, naive_cache)
    assert np.allclose(fast_layers.max_pool_backward_fast(dout, cache), expected)


def test_im2col_has_the_courses_layout_and_col2im_is_its_adjoint():
    rng = np.random.RandomState(4)
    x, fh, fw, pad, stride = rng.randn(2, 3, 5, 6), 3, 2, 1, 2
    cols = im2col_cython.im2col_cython(x, fh, fw, pad, stride)
    padded = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out_h, out_w = (5 + 2 * pad - fh) // stride + 1, (6 + 2 * pad - fw) // stride + 1
    assert cols.shape == (3 * fh * fw, out_h * out_w * 2)
    for c, a, b, i, j, n in [(0, 0, 0, 0, 0, 0), (2, 1, 1, 2, 3, 1), (1, 2, 0, 1, 2, 0)]:
        assert cols[(c * fh + a) * fw + b, (i * out_w + j) * 2 + n] == padded[n, c, stride * i + a, stride * j + b]
    other = rng.randn(*cols.shape)
    back = im2col_cython.col2im_cython(other, 2, 3, 5, 6, fh, fw, pad, stride)
    assert np.isclose(np.sum(cols * other), np.sum(x * back), rtol=1e-12)
    six = other.reshape(3, fh, fw, out_h, out_w, 2).transpose(0, 1, 2, 5, 3, 4)  # (C, HH, WW, N, H', W')
    assert np.allclose(im2col_cython.col2im_6d_cython(six, 2, 3, 5, 6, fh, fw, pad, stride), back)
    assert np.array_equal(im2col.im2col_indices(x, fh, fw, pad, stride), cols)


def test_the_numerical_gradients_are_central_differences():
    rng = np.random.RandomState(5)
    A, x = rng.randn(3, 3), rng.randn(3)
    grad = gradient_check.eval_numerical_gradient(lambda v: float(v @ A @ v), x.copy(), verbose=False)
    assert relative_error(grad, (A + A.T) @ x) < 1e-9
    df = rng.randn(3)
    assert relative_error(gradient_check.eval_numerical_gradient_array(lambda v: A @ v, x.copy(), df), A.T @ df) < 1e-9


def test_the_update_rules_take_the_courses_steps():
    w, dw = np.array([1.0, -2.0]), np.array([0.5, 0.25])
    assert np.allclose(optim.sgd(w, dw)[0], w - 1e-2 * dw)
    next_w, config = optim.sgd_momentum(w, dw, {"learning_rate": 0.1})
    assert np.allclose(next_w, w - 0.1 * dw) and np.allclose(optim.sgd_momentum(next_w, dw, config)[0],
                                                              next_w + 0.9 * (-0.1 * dw) - 0.1 * dw)
    assert np.allclose(optim.rmsprop(w, dw)[0], w - 1e-2 * dw / (np.sqrt(0.01 * dw ** 2) + 1e-8))
    next_w, config = optim.adam(w, dw)
    assert config["t"] == 1 and np.allclose(next_w, w - 1e-3 * np.sign(dw), atol=1e-10)  # the first step: lr * sign


def test_the_sandwich_layers_backward_is_their_forwards_gradient():
    rng = np.random.RandomState(6)
    x, w, b = rng.randn(3, 4), rng.randn(4, 5), rng.randn(5)
    out, cache = layer_utils.affine_relu_forward(x, w, b)
    dout = rng.randn(*out.shape)
    dx = layer_utils.affine_relu_backward(dout, cache)[0]
    numeric = gradient_check.eval_numerical_gradient_array(lambda v: layer_utils.affine_relu_forward(v, w, b)[0],
                                                           x.copy(), dout)
    assert relative_error(dx, numeric) < 1e-8
    x, w, b, conv_param = _conv(2, 2, 8, 8, 3, 3, 1, 1)
    pool_param = {"pool_height": 2, "pool_width": 2, "stride": 2}
    out, cache = layer_utils.conv_relu_pool_forward(x, w, b, conv_param, pool_param)
    dout = rng.randn(*out.shape)
    dw = layer_utils.conv_relu_pool_backward(dout, cache)[1]
    numeric = gradient_check.eval_numerical_gradient_array(
        lambda v: layer_utils.conv_relu_pool_forward(x, v, b, conv_param, pool_param)[0], w.copy(), dout)
    assert relative_error(dw, numeric) < 1e-7


class _Softmax:
    """A linear softmax classifier: the smallest model the Solver trains."""

    def __init__(self, D, C):
        self.params = {"W": np.zeros((D, C))}

    def loss(self, X, y=None):
        scores = X @ self.params["W"]
        if y is None:
            return scores
        loss, dscores = naive.softmax_loss(scores, y)
        return loss, {"W": X.T @ dscores}


def test_the_solver_trains_a_model_and_keeps_its_best_parameters():
    rng = np.random.RandomState(7)
    X = rng.randn(200, 5)
    y = np.argmax(X @ rng.randn(5, 3), axis=1)
    data = {"X_train": X[:150], "y_train": y[:150], "X_val": X[150:], "y_val": y[150:]}
    solver = Solver(_Softmax(5, 3), data, update_rule="sgd", optim_config={"learning_rate": 0.5}, batch_size=50,
                    num_epochs=5, verbose=False)
    np.random.seed(0)
    solver.train()
    assert solver.loss_history[-1] < solver.loss_history[0] and solver.best_val_acc > 0.8
    assert solver.check_accuracy(data["X_val"], data["y_val"]) == solver.best_val_acc
