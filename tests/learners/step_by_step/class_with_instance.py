# Step by Step rewritten as a class: the network keeps its layer sizes, and every
# function of the assignment is a method. The instance at the bottom is what I use.
import numpy as np


class DeepNeuralNetwork:

    def __init__(self, layer_dims):
        self.layer_dims = layer_dims

    def sigmoid(self, Z):
        return 1 / (1 + np.exp(-Z)), Z

    def relu(self, Z):
        return np.maximum(0, Z), Z

    def sigmoid_backward(self, dA, cache):
        s = 1 / (1 + np.exp(-cache))
        return dA * s * (1 - s)

    def relu_backward(self, dA, cache):
        return np.where(cache > 0, dA, 0.0)

    def initialize_parameters(self, n_x, n_h, n_y):
        np.random.seed(1)
        W1 = np.random.randn(n_h, n_x) * 0.01
        b1 = np.zeros((n_h, 1))
        W2 = np.random.randn(n_y, n_h) * 0.01
        b2 = np.zeros((n_y, 1))
        return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}

    def initialize_parameters_deep(self, layer_dims=None):
        layer_dims = layer_dims or self.layer_dims
        np.random.seed(3)
        parameters = {}
        for l in range(1, len(layer_dims)):
            parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
            parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
        return parameters

    def linear_forward(self, A, W, b):
        return np.dot(W, A) + b, (A, W, b)

    def linear_activation_forward(self, A_prev, W, b, activation):
        Z, linear_cache = self.linear_forward(A_prev, W, b)
        if activation == "sigmoid":
            A, activation_cache = self.sigmoid(Z)
        else:
            A, activation_cache = self.relu(Z)
        return A, (linear_cache, activation_cache)

    def L_model_forward(self, X, parameters):
        caches = []
        A = X
        L = len(parameters) // 2
        for l in range(1, L):
            A, cache = self.linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
            caches.append(cache)
        AL, cache = self.linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
        caches.append(cache)
        return AL, caches

    def compute_cost(self, AL, Y):
        m = Y.shape[1]
        return np.squeeze(-(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m)

    def linear_backward(self, dZ, cache):
        A_prev, W, b = cache
        m = A_prev.shape[1]
        return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m

    def linear_activation_backward(self, dA, cache, activation):
        linear_cache, activation_cache = cache
        if activation == "relu":
            dZ = self.relu_backward(dA, activation_cache)
        else:
            dZ = self.sigmoid_backward(dA, activation_cache)
        return self.linear_backward(dZ, linear_cache)

    def L_model_backward(self, AL, Y, caches):
        grads = {}
        L = len(caches)
        Y = Y.reshape(AL.shape)
        dA = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        for l in range(L, 0, -1):
            activation = "sigmoid" if l == L else "relu"
            dA, dW, db = self.linear_activation_backward(dA, caches[l - 1], activation)
            grads["dA" + str(l - 1)] = dA
            grads["dW" + str(l)] = dW
            grads["db" + str(l)] = db
        return grads

    def update_parameters(self, parameters, grads, learning_rate):
        return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


net = DeepNeuralNetwork([12288, 20, 7, 5, 1])
