# Own sigmoid whose cache is A (not Z) and own sigmoid_backward that takes
# that A: right together, but not on the course's caches ((A_prev, W, b), Z),
# which linear_activation_backward and L_model_backward are given.
# Expected: FAIL, root causes sigmoid and sigmoid_backward, both contract
# differences; sigmoid_backward's own check passes on its own cache.
import numpy as np
from dnn_utils import relu, relu_backward


def sigmoid(Z):
    A = 1 / (1 + np.exp(-Z))
    return A, A


def sigmoid_backward(dA, cache):
    A = cache
    return dA * A * (1 - A)


def linear_forward(A, W, b):
    return np.dot(W, A) + b, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (linear_cache, activation_cache)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    backward = sigmoid_backward if activation == "sigmoid" else relu_backward
    return linear_backward(backward(dA, activation_cache), linear_cache)
