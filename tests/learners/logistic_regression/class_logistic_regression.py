"""Logistic regression "with a neural network mindset", rewritten as a class after finishing the
course notebook (so I can reuse it on other data sets)."""

import numpy as np


class LogisticRegressionNN:
    """One sigmoid neuron trained with batch gradient descent."""

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def initialize_with_zeros(self, dim):
        w = np.zeros((dim, 1))
        b = 0.0
        return w, b

    def propagate(self, w, b, X, Y):
        m = X.shape[1]
        A = self.sigmoid(np.dot(w.T, X) + b)
        cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
        dw = np.dot(X, (A - Y).T) / m
        db = np.sum(A - Y) / m
        grads = {"dw": dw, "db": db}
        return grads, np.squeeze(cost)

    def optimize(self, w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
        costs = []
        for i in range(num_iterations):
            grads, cost = self.propagate(w, b, X, Y)
            dw, db = grads["dw"], grads["db"]
            w = w - learning_rate * dw
            b = b - learning_rate * db
            if i % 100 == 0:
                costs.append(cost)
                if print_cost:
                    print(f"Cost after iteration {i}: {cost:.6f}")
        return {"w": w, "b": b}, {"dw": dw, "db": db}, costs

    def predict(self, w, b, X):
        A = self.sigmoid(np.dot(w.reshape(X.shape[0], 1).T, X) + b)
        return np.where(A > 0.5, 1.0, 0.0)

    def model(self, X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
        w, b = self.initialize_with_zeros(X_train.shape[0])
        params, grads, costs = self.optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
        w, b = params["w"], params["b"]
        Y_prediction_test = self.predict(w, b, X_test)
        Y_prediction_train = self.predict(w, b, X_train)
        if print_cost:
            print("train accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100))
            print("test accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100))
        return {"costs": costs, "Y_prediction_test": Y_prediction_test, "Y_prediction_train": Y_prediction_train,
                "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}


clf = LogisticRegressionNN()

if __name__ == "__main__":
    from lr_utils import load_dataset

    train_x_orig, train_y, test_x_orig, test_y, classes = load_dataset()
    train_x = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255.
    test_x = test_x_orig.reshape(test_x_orig.shape[0], -1).T / 255.
    d = clf.model(train_x, train_y, test_x, test_y, num_iterations=2000, learning_rate=0.005, print_cost=True)
