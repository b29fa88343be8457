# linear_activation_backward finds its helper by name with eval, and the
# file's own relu_backward masks on dA instead of Z.
# Expected: FAIL, root cause relu_backward alone (the eval'd call counts).
import numpy as np
from dnn_utils import sigmoid_backward


def relu_backward(dA, cache):
    dZ = np.array(dA, copy=True)
    dZ[dA <= 0] = 0
    return dZ


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    dZ = eval(activation + "_backward")(dA, activation_cache)
    return linear_backward(dZ, linear_cache)
