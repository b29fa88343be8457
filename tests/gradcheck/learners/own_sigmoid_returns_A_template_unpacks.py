# Own sigmoid returning A alone, but linear_activation_forward kept the
# template's `A, activation_cache = sigmoid(Z)`: the two disagree.
# Expected: FAIL, root cause sigmoid (a contract difference that its caller
# does not follow); linear_activation_forward and L_model_forward fail with it.
import numpy as np
from dnn_utils import relu


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def linear_forward(A, W, b):
    return np.dot(W, A) + b, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    else:
        A, activation_cache = relu(Z)
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
