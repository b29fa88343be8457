"""Training loops of the "Application" notebook, and prediction."""

import numpy as np

from manual_dnn.activations import relu_backward, sigmoid_backward
from manual_dnn.initialization import initialize_parameters, initialize_parameters_deep
from manual_dnn.layer import linear_activation_backward, linear_activation_forward
from manual_dnn.linear import weight_gradients
from manual_dnn.network import L_model_forward, _check_labels, compute_cost, update_parameters
from manual_dnn.validation import as_matrix, require_finite, require_layer_dims, require_learning_rate

# The Application notebook's networks for the 64x64x3 cat images.
CAT_NETWORK = (12288, 20, 7, 5, 1)
CAT_TWO_LAYER_NETWORK = (12288, 7, 1)
CAT_EXAMPLES = 209  # the training set's images


# Overflow and 0/0 warnings would repeat what the loops check and report themselves
# (_stop_if_saturated, _stop_if_not_finite, predict's NaN check), in one line.
def _overflow_is_checked():
    return np.errstate(over="ignore", invalid="ignore", divide="ignore")


class TrainingStopped(ValueError):
    """Training cannot go on: the output saturated or a number stopped being finite.

    ``iteration`` is where it happened; no parameters are returned.
    """

    def __init__(self, message, iteration):
        super().__init__(message)
        self.iteration = iteration


def _check_training_inputs(X, Y, layers_dims, num_iterations, learning_rate):
    X = as_matrix("X", X)
    if X.shape[0] != layers_dims[0]:
        raise ValueError(f"X has shape {X.shape} but layers_dims[0] is {layers_dims[0]}: they must match")
    if isinstance(num_iterations, bool) or not isinstance(num_iterations, (int, np.integer)) or num_iterations < 0:
        raise ValueError(f"num_iterations must be a non-negative integer, got {num_iterations!r}")
    if np.shape(Y)[-1:] != X.shape[1:]:
        raise ValueError(f"Y has shape {np.shape(Y)} but X has {X.shape[1]} examples: Y must be (1, {X.shape[1]})")
    require_finite("X", X)
    require_finite("Y", Y)
    require_learning_rate(learning_rate)
    return X


def _stop_if_saturated(i, AL, learning_rate):
    """Stop before the backward pass when AL left (0, 1): dAL = -(Y/AL - (1-Y)/(1-AL))
    divides by zero at exactly 0 or 1, and NaN means the parameters overflowed."""
    inside = (AL > 0) & (AL < 1)  # (1, m); False for NaN too
    if inside.all():
        return
    nan, m = np.count_nonzero(np.isnan(AL)), AL.shape[1]
    if nan:
        what = f"the output is NaN on {nan} of {m} examples (the parameters overflowed)"
    else:
        what = (f"the output saturated to exactly 0 or 1 on {np.count_nonzero(~inside)} of {m} examples, "
                "where dAL divides by zero")
    if i == 0:
        advice = "the initial parameters already do this: scale the inputs X down (pixels / 255)"
    else:
        advice = f"lower the learning rate (it is {learning_rate})"
    raise TrainingStopped(f"training stopped at iteration {i}: {what}; {advice}", i)


def _stop_if_not_finite(i, parameters, learning_rate):
    """Stop when the update at iteration ``i`` made a parameter inf or NaN."""
    for name, value in parameters.items():
        if not np.isfinite(value).all():
            raise TrainingStopped(
                f"training stopped at iteration {i}: the update made {name} non-finite (inf or NaN); "
                f"lower the learning rate (it is {learning_rate})", i)


def _record(costs, i, cost, print_cost, callback):
    """The seed's bookkeeping: keep (and maybe print) the cost every 100 iterations."""
    if i % 100 == 0:
        costs.append(cost)
        if print_cost:
            print(f"Cost after iteration {i}: {cost}")
    if callback is not None:
        callback(i, cost)


def two_layer_model(
    X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, *, seed=1, callback=None
):
    """Train LINEAR->RELU->LINEAR->SIGMOID with the ×0.01 initialisation (seed 1).

    Raises ValueError for NaN/inf in X or Y or the learning rate, and
    TrainingStopped (a ValueError naming the iteration) when the output
    saturates to exactly 0 or 1 or a parameter stops being finite.

    Parameters
    ----------
    X : (n_x, m), Y : (1, m), layers_dims : (n_x, n_h, n_y)
    seed : of the initialisation (the course's is 1)
    callback : called as callback(i, cost) after every iteration (progress bars)

    Returns
    -------
    parameters : dict W1, b1, W2, b2
    costs : list of the cost at iterations 0, 100, 200, ...
    """
    n_x, n_h, n_y = require_layer_dims("layers_dims", layers_dims)
    X = _check_training_inputs(X, Y, (n_x, n_h, n_y), num_iterations, learning_rate)
    parameters = initialize_parameters(n_x, n_h, n_y, seed=seed)
    Y_row = np.reshape(Y, (1, -1))  # dA2 below needs Y as (1, m), like AL
    costs = []
    with _overflow_is_checked():
        for i in range(num_iterations):
            W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
            A1, cache1 = linear_activation_forward(X, W1, b1, activation="relu")
            A2, cache2 = linear_activation_forward(A1, W2, b2, activation="sigmoid")
            _stop_if_saturated(i, A2, learning_rate)
            cost = compute_cost(A2, Y)  # also refuses Y that does not fit
            dA2 = -(np.divide(Y_row, A2) - np.divide(1 - Y_row, 1 - A2))
            dA1, dW2, db2 = linear_activation_backward(dA2, cache2, activation="sigmoid")
            dW1, db1 = _first_layer_gradients(dA1, cache1, "relu")
            grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
            parameters = update_parameters(parameters, grads, learning_rate)
            _stop_if_not_finite(i, parameters, learning_rate)
            _record(costs, i, cost, print_cost, callback)
    return parameters, costs


def L_layer_model(
    X,
    Y,
    layers_dims,
    learning_rate=0.0075,
    num_iterations=3000,
    print_cost=False,
    *,
    scaled_init=True,
    seed=None,
    callback=None,
):
    """Train [LINEAR->RELU]*(L-1)->LINEAR->SIGMOID.

    ``scaled_init=True`` (default) uses the Application's randn / sqrt(n_{l-1})
    initialisation; False uses the Step-by-Step ×0.01 one, with which a deep
    network barely learns (README, "A lesson in initialisation"). ``seed``
    defaults to the course's (1 scaled, 3 unscaled); ``callback(i, cost)`` runs
    after every iteration. Raises as two_layer_model does for non-finite
    input and when training cannot go on (TrainingStopped).

    Returns
    -------
    parameters : dict W1..WL, b1..bL
    costs : list of the cost at iterations 0, 100, 200, ...
    """
    layers_dims = require_layer_dims("layers_dims", layers_dims)
    X = _check_training_inputs(X, Y, layers_dims, num_iterations, learning_rate)
    parameters = initialize_parameters_deep(layers_dims, scaled=scaled_init, seed=seed)
    costs = []
    with _overflow_is_checked():
        for i in range(num_iterations):
            AL, caches = L_model_forward(X, parameters)
            _stop_if_saturated(i, AL, learning_rate)
            cost = compute_cost(AL, Y)
            grads = _backward_without_dA0(AL, Y, caches)
            parameters = update_parameters(parameters, grads, learning_rate)
            _stop_if_not_finite(i, parameters, learning_rate)
            _record(costs, i, cost, print_cost, callback)
    return parameters, costs


def _first_layer_gradients(dA1, cache, activation):
    """(dW1, db1) of the first layer, without its dA0 = W1^T dZ1: nobody needs
    the gradient for X, and for the cat network it is a third of the backward pass."""
    linear_cache, Z = cache
    dZ = relu_backward(dA1, Z) if activation == "relu" else sigmoid_backward(dA1, Z)
    return weight_gradients(dZ, linear_cache)


def _backward_without_dA0(AL, Y, caches):
    """L_model_backward's grads without dA0: the same seed functions for layers
    L..2, then _first_layer_gradients."""
    L = len(caches)
    Y = np.reshape(Y, AL.shape)
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads = {}
    for l in range(L, 1, -1):
        dA, grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(
            dA, caches[l - 1], "sigmoid" if l == L else "relu")
        grads["dA" + str(l - 1)] = dA
    grads["dW1"], grads["db1"] = _first_layer_gradients(dA, caches[0], "sigmoid" if L == 1 else "relu")
    return grads


def predict(X, y, parameters):
    """Predict 0/1 labels with threshold 0.5.

    Parameters
    ----------
    X : (n_x, m); y : (1, m) true labels, or None; parameters : W1..WL, b1..bL

    Returns
    -------
    p : (1, m) array of 0.0 and 1.0. Unlike the seed, nothing is printed:
        the accuracy is ``np.mean(p == y)``. NaN or inf in X or the
        parameters raise a ValueError (a NaN probability is no prediction).
    """
    require_finite("X", X)
    if isinstance(parameters, dict):  # anything else is refused by L_model_forward
        for name, value in parameters.items():
            require_finite(f"parameters['{name}']", value)
    with _overflow_is_checked():
        probas, _ = L_model_forward(X, parameters)
    if np.isnan(probas).any():  # finite weights can still overflow on large inputs
        raise ValueError(f"the network's output is NaN on {np.count_nonzero(np.isnan(probas))} examples: "
                         "the forward pass overflowed (inputs or weights far too large)")
    if y is not None:
        _check_labels(probas, require_finite("y", y))
    return (probas > 0.5).astype(np.float64)
