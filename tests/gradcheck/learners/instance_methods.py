# The course functions as plain methods of a class that keeps its layer
# sizes; the file creates one instance at the end. The pre-v4 dA keys, an
# in-place update that returns the same dict, a cost by np.dot.
# Expected: PASS, dA convention dA{l}, every function found on instance `model`.
import numpy as np
from dnn_utils import sigmoid, relu, sigmoid_backward, relu_backward


class DeepNetwork:
    def __init__(self, layer_dims):
        self.layer_dims = layer_dims

    def linear_forward(self, A, W, b):
        Z = np.dot(W, A) + b
        return Z, (A, W, b)

    def linear_activation_forward(self, A_prev, W, b, activation):
        Z, linear_cache = self.linear_forward(A_prev, W, b)
        if activation == "sigmoid":
            A, activation_cache = sigmoid(Z)
        else:
            A, activation_cache = relu(Z)
        return A, (linear_cache, activation_cache)

    def L_model_forward(self, X, parameters):
        caches = []
        A = X
        L = len(parameters) // 2
        for l in range(1, L):
            A, cache = self.linear_activation_forward(A, parameters["W%d" % l], parameters["b%d" % l], "relu")
            caches.append(cache)
        AL, cache = self.linear_activation_forward(A, parameters["W%d" % L], parameters["b%d" % L], "sigmoid")
        caches.append(cache)
        return AL, caches

    def compute_cost(self, AL, Y):
        m = Y.shape[1]
        cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m
        return np.squeeze(cost)

    def linear_backward(self, dZ, cache):
        A_prev, W, b = cache
        m = A_prev.shape[1]
        dW = np.dot(dZ, A_prev.T) / m
        db = np.sum(dZ, axis=1, keepdims=True) / m
        return np.dot(W.T, dZ), dW, db

    def linear_activation_backward(self, dA, cache, activation):
        linear_cache, activation_cache = cache
        if activation == "relu":
            dZ = relu_backward(dA, activation_cache)
        else:
            dZ = sigmoid_backward(dA, activation_cache)
        return self.linear_backward(dZ, linear_cache)

    def L_model_backward(self, AL, Y, caches):
        grads = {}
        L = len(caches)
        Y = Y.reshape(AL.shape)
        dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        grads["dA%d" % L], grads["dW%d" % L], grads["db%d" % L] = \
            self.linear_activation_backward(dAL, caches[L - 1], "sigmoid")
        for l in reversed(range(L - 1)):
            dA_prev, dW, db = self.linear_activation_backward(grads["dA%d" % (l + 2)], caches[l], "relu")
            grads["dA%d" % (l + 1)] = dA_prev
            grads["dW%d" % (l + 1)] = dW
            grads["db%d" % (l + 1)] = db
        return grads

    def update_parameters(self, parameters, grads, learning_rate):
        for l in range(1, len(parameters) // 2 + 1):
            parameters["W%d" % l] -= learning_rate * grads["dW%d" % l]
            parameters["b%d" % l] -= learning_rate * grads["db%d" % l]
        return parameters


model = DeepNetwork([12288, 20, 7, 5, 1])
