# Keeps dAL under "dA" + str(L) and the gradient for X under "dA0", but
# never stores the dA of the hidden layers: neither convention's keys.
# Expected: FAIL, root cause L_model_backward, naming both conventions.
import numpy as np
from dnn_utils import sigmoid, relu, sigmoid_backward, relu_backward


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L)] = dA
    for l in reversed(range(L)):
        (A_prev, W, b), Z = caches[l]
        dZ = sigmoid_backward(dA, Z) if l == L - 1 else relu_backward(dA, Z)
        m = A_prev.shape[1]
        grads["dW" + str(l + 1)] = np.dot(dZ, A_prev.T) / m
        grads["db" + str(l + 1)] = np.sum(dZ, axis=1, keepdims=True) / m
        dA = np.dot(W.T, dZ)
    grads["dA0"] = dA
    return grads
