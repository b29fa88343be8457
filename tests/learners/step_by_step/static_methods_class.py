"""Week 4 network as one class of static methods, so I can import it in the next notebook.

    from deep_net import DeepNet
    AL, caches = DeepNet.L_model_forward(X, parameters)
"""
import numpy as np
from dnn_utils_v2 import sigmoid, sigmoid_backward, relu, relu_backward


class DeepNet:

    @staticmethod
    def initialize_parameters(n_x, n_h, n_y):
        np.random.seed(1)
        W1 = np.random.randn(n_h, n_x) * 0.01
        b1 = np.zeros((n_h, 1))
        W2 = np.random.randn(n_y, n_h) * 0.01
        b2 = np.zeros((n_y, 1))
        return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}

    @staticmethod
    def initialize_parameters_deep(layer_dims):
        np.random.seed(3)
        parameters = {}
        for l in range(1, len(layer_dims)):
            parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
            parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
        return parameters

    @staticmethod
    def linear_forward(A, W, b):
        Z = np.dot(W, A) + b
        return Z, (A, W, b)

    @staticmethod
    def linear_activation_forward(A_prev, W, b, activation):
        Z, linear_cache = DeepNet.linear_forward(A_prev, W, b)
        if activation == "sigmoid":
            A, activation_cache = sigmoid(Z)
        else:
            A, activation_cache = relu(Z)
        return A, (linear_cache, activation_cache)

    @staticmethod
    def L_model_forward(X, parameters):
        caches = []
        A = X
        L = len(parameters) // 2
        for l in range(1, L):
            A, cache = DeepNet.linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
            caches.append(cache)
        AL, cache = DeepNet.linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
        caches.append(cache)
        return AL, caches

    @staticmethod
    def compute_cost(AL, Y):
        m = Y.shape[1]
        cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
        return np.squeeze(cost)

    @staticmethod
    def linear_backward(dZ, cache):
        A_prev, W, b = cache
        m = A_prev.shape[1]
        dW = np.dot(dZ, A_prev.T) / m
        db = np.sum(dZ, axis=1, keepdims=True) / m
        dA_prev = np.dot(W.T, dZ)
        return dA_prev, dW, db

    @staticmethod
    def linear_activation_backward(dA, cache, activation):
        linear_cache, activation_cache = cache
        if activation == "relu":
            dZ = relu_backward(dA, activation_cache)
        else:
            dZ = sigmoid_backward(dA, activation_cache)
        return DeepNet.linear_backward(dZ, linear_cache)

    @staticmethod
    def L_model_backward(AL, Y, caches):
        grads = {}
        L = len(caches)
        Y = Y.reshape(AL.shape)
        dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        dA_prev, dW, db = DeepNet.linear_activation_backward(dAL, caches[L - 1], "sigmoid")
        grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = dA_prev, dW, db
        for l in reversed(range(L - 1)):
            dA_prev, dW, db = DeepNet.linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
            grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA_prev, dW, db
        return grads

    @staticmethod
    def update_parameters(parameters, grads, learning_rate):
        new_parameters = {}
        for l in range(1, len(parameters) // 2 + 1):
            new_parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
            new_parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
        return new_parameters
