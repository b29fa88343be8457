"""Two-layer network of DLS course 1 week 3, kept as a class of static methods
(same names as the notebook so the test cases still work: ShallowNet.forward_propagation(...))."""

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


class ShallowNet:

    @staticmethod
    def layer_sizes(X, Y):
        return X.shape[0], 4, Y.shape[0]

    @staticmethod
    def initialize_parameters(n_x, n_h, n_y):
        W1 = np.random.randn(n_h, n_x) * 0.01
        W2 = np.random.randn(n_y, n_h) * 0.01
        return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}

    @staticmethod
    def forward_propagation(X, parameters):
        Z1 = parameters["W1"] @ X + parameters["b1"]
        A1 = np.tanh(Z1)
        Z2 = parameters["W2"] @ A1 + parameters["b2"]
        A2 = sigmoid(Z2)
        return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}

    @staticmethod
    def compute_cost(A2, Y):
        m = Y.shape[1]
        cost = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m
        return float(cost)

    @staticmethod
    def backward_propagation(parameters, cache, X, Y):
        m = X.shape[1]
        dZ2 = cache["A2"] - Y
        grads = {"dW2": dZ2 @ cache["A1"].T / m,
                 "db2": dZ2.sum(axis=1, keepdims=True) / m}
        dZ1 = (parameters["W2"].T @ dZ2) * (1 - cache["A1"] ** 2)
        grads["dW1"] = dZ1 @ X.T / m
        grads["db1"] = dZ1.sum(axis=1, keepdims=True) / m
        return grads

    @staticmethod
    def update_parameters(parameters, grads, learning_rate=1.2):
        return {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}

    @staticmethod
    def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
        np.random.seed(3)
        n_x, _, n_y = ShallowNet.layer_sizes(X, Y)
        parameters = ShallowNet.initialize_parameters(n_x, n_h, n_y)
        for i in range(num_iterations):
            A2, cache = ShallowNet.forward_propagation(X, parameters)
            cost = ShallowNet.compute_cost(A2, Y)
            grads = ShallowNet.backward_propagation(parameters, cache, X, Y)
            parameters = ShallowNet.update_parameters(parameters, grads)
            if print_cost and i % 1000 == 0:
                print(f"Cost after iteration {i}: {cost:f}")
        return parameters

    @staticmethod
    def predict(parameters, X):
        A2, _ = ShallowNet.forward_propagation(X, parameters)
        return (A2 > 0.5).astype(int)


if __name__ == "__main__":
    from planar_utils import load_planar_dataset
    X, Y = load_planar_dataset()
    params = ShallowNet.nn_model(X, Y, 4, print_cost=True)
    print("accuracy:", np.mean(ShallowNet.predict(params, X) == Y))
