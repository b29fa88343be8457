# linear_activation_backward is the unfilled template (it returns None);
# L_model_backward does not call it but inlines every step, with the file's
# own wrong relu_backward (it forgets dA).
# Expected: FAIL, root causes relu_backward and linear_activation_backward:
# the template fails on its own, not because of relu_backward.
import numpy as np
from dnn_utils import sigmoid_backward


def relu_backward(dA, cache):
    return (cache > 0).astype(float)


def linear_activation_backward(dA, cache, activation):
    # YOUR CODE HERE
    pass


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    for l in reversed(range(L)):
        (A_prev, W, b), Z = caches[l]
        dZ = sigmoid_backward(dA, Z) if l == L - 1 else relu_backward(dA, Z)
        m = A_prev.shape[1]
        grads["dW" + str(l + 1)] = np.dot(dZ, A_prev.T) / m
        grads["db" + str(l + 1)] = np.sum(dZ, axis=1, keepdims=True) / m
        dA = np.dot(W.T, dZ)
        grads["dA" + str(l)] = dA
    return grads
