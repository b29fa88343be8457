# The backward half kept in a module object the file builds (functions
# nested in a builder, calling each other through the closure); the forward
# half as class methods of a class the file never instantiates.
# Expected: PASS, dA convention dA{l-1}.
import types

import numpy as np
from dnn_utils import sigmoid, relu, sigmoid_backward, relu_backward


class Forward:
    @classmethod
    def linear_forward(cls, A, W, b):
        return np.matmul(W, A) + b, (A, W, b)

    @classmethod
    def linear_activation_forward(cls, A_prev, W, b, activation):
        Z, linear_cache = cls.linear_forward(A_prev, W, b)
        A, activation_cache = {"relu": relu, "sigmoid": sigmoid}[activation](Z)
        return A, (linear_cache, activation_cache)

    @classmethod
    def L_model_forward(cls, X, parameters):
        L = len(parameters) // 2
        caches, A = [], X
        for l in range(1, L + 1):
            A, cache = cls.linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)],
                                                     "relu" if l < L else "sigmoid")
            caches.append(cache)
        return A, caches

    @classmethod
    def compute_cost(cls, AL, Y):
        m = Y.shape[1]
        return np.squeeze(-(1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))


def _build_backprop():
    backprop = types.ModuleType("backprop")

    def linear_backward(dZ, cache):
        A_prev, W, b = cache
        m = A_prev.shape[1]
        return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m

    def linear_activation_backward(dA, cache, activation):
        linear_cache, Z = cache
        dZ = relu_backward(dA, Z) if activation == "relu" else sigmoid_backward(dA, Z)
        return linear_backward(dZ, linear_cache)

    def L_model_backward(AL, Y, caches):
        L = len(caches)
        grads = {}
        dA = -(Y / AL - (1 - Y) / (1 - AL))
        for l in range(L, 0, -1):
            dA, dW, db = linear_activation_backward(dA, caches[l - 1], "sigmoid" if l == L else "relu")
            grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA, dW, db
        return grads

    def update_parameters(parameters, grads, learning_rate):
        updated = dict(parameters)
        for key in parameters:
            updated[key] = parameters[key] - learning_rate * grads["d" + key]
        return updated

    for function in (linear_backward, linear_activation_backward, L_model_backward, update_parameters):
        setattr(backprop, function.__name__, function)
    return backprop


backprop = _build_backprop()
