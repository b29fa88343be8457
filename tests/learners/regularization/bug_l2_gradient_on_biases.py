# C2W1 Regularization -- my version with loops over the layers instead of copy-paste
# (the notebook's test cells are at the bottom)
import numpy as np
from reg_utils import compute_cost, relu, sigmoid
from testCases import *


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    L = len(parameters) // 2
    l2 = 0
    for l in range(1, L + 1):
        l2 += np.sum(np.square(parameters["W" + str(l)]))
    return compute_cost(A3, Y) + lambd / (2 * m) * l2


def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    A = {0: X, 1: A1, 2: A2}
    W = {1: W1, 2: W2, 3: W3}
    b = {1: b1, 2: b2, 3: b3}
    grads = {}
    dZ = A3 - Y
    grads["dZ3"] = dZ
    for l in (3, 2, 1):
        # weight decay on every parameter of the layer
        grads["dW" + str(l)] = 1. / m * np.dot(dZ, A[l - 1].T) + lambd / m * W[l]
        grads["db" + str(l)] = 1. / m * np.sum(dZ, axis=1, keepdims=True) + lambd / m * b[l]
        if l > 1:
            dA = np.dot(W[l].T, dZ)
            dZ = dA * (A[l - 1] > 0)
            grads["dA" + str(l - 1)] = dA
            grads["dZ" + str(l - 1)] = dZ
    return grads


def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    np.random.seed(1)
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = np.random.rand(A1.shape[0], A1.shape[1]) < keep_prob
    A1 = A1 * D1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = np.random.rand(A2.shape[0], A2.shape[1]) < keep_prob
    A2 = A2 * D2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    A = {0: X, 1: A1, 2: A2}
    D = {1: D1, 2: D2}
    W = {2: W2, 3: W3}
    grads = {}
    dZ = A3 - Y
    grads["dZ3"] = dZ
    for l in (3, 2, 1):
        grads["dW" + str(l)] = 1. / m * np.dot(dZ, A[l - 1].T)
        grads["db" + str(l)] = 1. / m * np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA = np.dot(W[l].T, dZ) * D[l - 1] / keep_prob
            dZ = dA * (A[l - 1] > 0)
            grads["dA" + str(l - 1)] = dA
            grads["dZ" + str(l - 1)] = dZ
    return grads


if __name__ == "__main__":
    X_assess, Y_assess, cache = backward_propagation_with_regularization_test_case()
    grads = backward_propagation_with_regularization(X_assess, Y_assess, cache, lambd=0.7)
    for k in ("dW1", "dW2", "dW3"):
        print(k, "=", grads[k])
    X_assess, Y_assess, cache = backward_propagation_with_dropout_test_case()
    gradients = backward_propagation_with_dropout(X_assess, Y_assess, cache, keep_prob=0.8)
    print("dA1 =", gradients["dA1"])
    print("dA2 =", gradients["dA2"])
