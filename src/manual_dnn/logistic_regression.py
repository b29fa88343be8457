"""Course 1, week 2: "Logistic Regression with a Neural Network mindset", by hand in numpy.

One sigmoid unit: A = sigmoid(w.T X + b), with the cross-entropy cost.
    X : (n_x, m)    w, dw : (n_x, 1)    b, db : scalars    A, Y : (1, m)

Names, arguments and returns are those of the current course version (public_tests,
2021 onwards). The older versions differ only in what is around the math:

- v1-v6 (2017-2020, the test cells printed by hand): ``optimize(w, b, X, Y, num_iterations,
  learning_rate, print_cost=False)`` without defaults, no ``copy.deepcopy`` of w and b;
  ``initialize_with_zeros`` returned ``b = 0`` (an int) where today it is ``0.0``;
  ``model`` printed the train and test accuracy always, today only with ``print_cost``.
- ``propagate`` returned ``grads, cost`` in every version, ``cost`` squeezed to a 0-d value.

Unlike the course's code, nothing prints unless asked (``print_cost=True``), the
arguments are never written into, and shapes that do not fit raise a ValueError.
"""

import numpy as np

from manual_dnn.validation import as_matrix, require_examples, require_learning_rate


def sigmoid(z):
    """s = 1 / (1 + exp(-z)), elementwise, for a scalar or an array of any shape."""
    return 1 / (1 + np.exp(-z))


def initialize_with_zeros(dim):
    """w (dim, 1) of zeros and b = 0.0: logistic regression needs no symmetry breaking."""
    if isinstance(dim, bool) or not isinstance(dim, (int, np.integer)) or dim <= 0:
        raise ValueError(f"dim must be a positive integer, got {dim!r}")
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b


def _check(w, b, X, Y=None):
    """Return w (n_x, 1), X (n_x, m) and Y (1, m) as arrays, or raise naming the shapes."""
    X = as_matrix("X", X)
    require_examples("X", X)
    w = np.asarray(w)
    if w.shape != (X.shape[0], 1):
        raise ValueError(f"w has shape {w.shape} but X has shape {X.shape}: w must be ({X.shape[0]}, 1)")
    if np.ndim(b) != 0:
        raise ValueError(f"b must be a scalar, got shape {np.shape(b)}")
    if Y is not None:
        Y = np.asarray(Y)
        if Y.shape != (1, X.shape[1]):
            raise ValueError(f"Y has shape {Y.shape} but X has shape {X.shape}: Y must be (1, {X.shape[1]})")
    return w, X, Y


def propagate(w, b, X, Y):
    """The cost and its gradient at (w, b).

    Parameters
    ----------
    w : (n_x, 1) weights;  b : scalar bias
    X : (n_x, m) examples as columns;  Y : (1, m) labels 0 or 1

    Returns
    -------
    grads : dict with dw (n_x, 1) = X (A - Y).T / m and db (a float64) = sum(A - Y) / m
    cost : 0-d float64 array, -(1/m) sum(Y log A + (1 - Y) log(1 - A))
    """
    w, X, Y = _check(w, b, X, Y)
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)  # (1, m)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y  # (1, m): the derivative of the summed loss with respect to w.T X + b
    dw = np.dot(X, dZ.T) / m
    db = np.sum(dZ) / m
    return {"dw": dw, "db": db}, np.squeeze(np.array(cost))


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Gradient descent on (w, b): ``num_iterations`` steps of ``w - learning_rate * dw``.

    Returns
    -------
    params : dict with the final w (n_x, 1) and b
    grads : dict with dw, db of the last iteration (taken before its update)
    costs : list of the cost at iterations 0, 100, 200, ... (before each update)
    """
    w, X, Y = _check(w, b, X, Y)
    if isinstance(num_iterations, bool) or not isinstance(num_iterations, (int, np.integer)) or num_iterations < 1:
        raise ValueError(f"num_iterations must be a positive integer (grads are the last step's), "
                         f"got {num_iterations!r}")
    require_learning_rate(learning_rate)
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]  # new arrays: the caller's w is left as it was
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    """Y_prediction (1, m) of 0.0 and 1.0: 1 where sigmoid(w.T X + b) > 0.5."""
    w, X, _ = _check(w, b, X)
    A = sigmoid(np.dot(w.T, X) + b)
    return (A > 0.5).astype(np.float64)


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Train from zeros with ``optimize`` and predict both sets.

    Returns
    -------
    d : dict with costs, Y_prediction_test (1, m_test), Y_prediction_train (1, m_train),
        w, b, learning_rate and num_iterations
    """
    w, b = initialize_with_zeros(as_matrix("X_train", X_train).shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    if print_cost:
        print(f"train accuracy: {100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100} %")
        print(f"test accuracy: {100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100} %")
    return {"costs": costs, "Y_prediction_test": Y_prediction_test, "Y_prediction_train": Y_prediction_train,
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
