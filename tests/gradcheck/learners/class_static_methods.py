# Every course function as a @staticmethod of one class, calling each other
# through the class. Written with @ and np.mean, own helpers (the course's
# contract: (A, Z) from the activations, dZ from their backward).
# Expected: PASS, dA convention dA{l-1}, every function found in class NN.
import numpy as np


class NN:
    @staticmethod
    def sigmoid(Z):
        return 1 / (1 + np.exp(-Z)), Z

    @staticmethod
    def relu(Z):
        return np.maximum(0, Z), Z

    @staticmethod
    def sigmoid_backward(dA, cache):
        s = 1 / (1 + np.exp(-cache))
        return dA * s * (1 - s)

    @staticmethod
    def relu_backward(dA, cache):
        return np.where(cache > 0, dA, 0.0)

    @staticmethod
    def linear_forward(A, W, b):
        return W @ A + b, (A, W, b)

    @staticmethod
    def linear_activation_forward(A_prev, W, b, activation):
        Z, linear_cache = NN.linear_forward(A_prev, W, b)
        A, activation_cache = NN.sigmoid(Z) if activation == "sigmoid" else NN.relu(Z)
        return A, (linear_cache, activation_cache)

    @staticmethod
    def L_model_forward(X, parameters):
        L = len(parameters) // 2
        A, caches = X, []
        for l in range(1, L + 1):
            A, cache = NN.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                                    "sigmoid" if l == L else "relu")
            caches.append(cache)
        return A, caches

    @staticmethod
    def compute_cost(AL, Y):
        return np.squeeze(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))

    @staticmethod
    def linear_backward(dZ, cache):
        A_prev, W, b = cache
        m = A_prev.shape[1]
        return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m

    @staticmethod
    def linear_activation_backward(dA, cache, activation):
        linear_cache, activation_cache = cache
        backward = NN.sigmoid_backward if activation == "sigmoid" else NN.relu_backward
        return NN.linear_backward(backward(dA, activation_cache), linear_cache)

    @staticmethod
    def L_model_backward(AL, Y, caches):
        L = len(caches)
        Y = Y.reshape(AL.shape)
        dA = -(Y / AL - (1 - Y) / (1 - AL))
        grads = {}
        for l in reversed(range(1, L + 1)):
            dA, grads[f"dW{l}"], grads[f"db{l}"] = NN.linear_activation_backward(
                dA, caches[l - 1], "sigmoid" if l == L else "relu")
            grads[f"dA{l - 1}"] = dA
        return grads

    @staticmethod
    def update_parameters(parameters, grads, learning_rate):
        return {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}
