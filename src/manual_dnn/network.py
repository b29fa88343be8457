"""The whole L-layer network: [LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID.

Forward pass, cross-entropy cost, backward pass and the gradient-descent step.
"""

import numpy as np

from manual_dnn.layer import linear_activation_backward, linear_activation_forward
from manual_dnn.validation import as_matrix, count_layers, require_examples


def L_model_forward(X, parameters):
    """Forward pass of the L-layer network.

    Parameters
    ----------
    X : (n_x, m) input, one example per column
    parameters : dict with W1..WL, b1..bL

    Returns
    -------
    AL : (1, m) output probabilities
    caches : list of L caches ((A_prev, W, b), Z), layer 1 first
    """
    L = count_layers(parameters)
    caches = []
    A = X
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(
            A_prev, parameters["W" + str(l)], parameters["b" + str(l)], activation="relu"
        )
        caches.append(cache)
    AL, cache = linear_activation_forward(
        A, parameters["W" + str(L)], parameters["b" + str(L)], activation="sigmoid"
    )
    caches.append(cache)
    return AL, caches


def _check_labels(AL, Y):
    """Return (AL, Y) as (1, m) matrices; Y may also come as (m,)."""
    AL = as_matrix("AL", AL)
    require_examples("AL", AL)
    Y = np.asarray(Y)
    if AL.shape[0] != 1 or Y.shape not in (AL.shape, (AL.shape[1],)):
        raise ValueError(f"Y has shape {Y.shape} but AL has shape {AL.shape}: both must be (1, m)")
    return AL, Y.reshape(AL.shape)


def _refuse(AL, where, what):
    """Raise naming how many entries of AL are ``where`` (a boolean mask) and why."""
    count = np.count_nonzero(where)
    if count:
        raise ValueError(f"AL has {count} entries {what}")


def compute_cost(AL, Y):
    """Cross-entropy cost -(1/m) sum(Y log AL + (1 - Y) log(1 - AL)).

    AL and Y are (1, m); AL must lie strictly between 0 and 1, where both
    logarithms are defined. Returns the cost as the seed does: np.squeeze of a
    (1, 1) product, a 0-d float64 array (``float(cost)`` gives the number).
    """
    AL, Y = _check_labels(AL, Y)
    _refuse(AL, ~((AL >= 0) & (AL <= 1)), "outside [0, 1], so AL is not a probability: is the output "
            "layer's activation a sigmoid?")
    _refuse(AL, AL == 0, "exactly 0, where the cross-entropy takes the log of 0: a sigmoid gives 0 only for "
            "Z below -745; is the output layer's activation a sigmoid, or are the weights huge?")
    _refuse(AL, AL == 1, "exactly 1 (a saturated sigmoid, Z above 36.7), where the cross-entropy takes the log "
            "of 0; scale down the weights or the learning rate")
    m = Y.shape[1]
    cost = (1.0 / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))
    return np.squeeze(cost)


def L_model_backward(AL, Y, caches):
    """Backward pass of the L-layer network.

    Parameters
    ----------
    AL : (1, m) output of L_model_forward (any value but exactly 0 or 1, where
        dAL divides by zero)
    Y : (1, m) labels in {0, 1}
    caches : the list L_model_forward returned

    Returns
    -------
    grads : dict with dA{l-1}, dW{l}, db{l} for l = 1..L (dA0 is the gradient for X)
    """
    AL, Y = _check_labels(AL, Y)
    _refuse(AL, (AL == 0) | (AL == 1) | ~np.isfinite(AL), "equal to 0 or 1, or not finite: dAL divides by "
            "AL and 1 - AL; scale down the weights or the learning rate")
    grads = {}
    L = len(caches)
    # Derivative of the summed loss with respect to AL; linear_backward adds the 1/m.
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache, "sigmoid")
    grads["dA" + str(L - 1)] = dA_prev_temp
    grads["dW" + str(L)] = dW_temp
    grads["db" + str(L)] = db_temp
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 1)], current_cache, "relu")
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads


def update_parameters(parameters, grads, learning_rate):
    """One step of gradient descent: W{l} - lr * dW{l}, b{l} - lr * db{l}.

    Returns a new dict of new arrays; the caller's dict and arrays are untouched.
    """
    L = count_layers(parameters)
    new_parameters = {}
    for l in range(1, L + 1):
        for name in ("W" + str(l), "b" + str(l)):
            grad = grads.get("d" + name)
            if grad is None:
                raise ValueError(f"grads has no 'd{name}' for parameters['{name}']")
            if np.shape(grad) != np.shape(parameters[name]):
                raise ValueError(
                    f"grads['d{name}'] has shape {np.shape(grad)} but parameters['{name}'] "
                    f"has shape {np.shape(parameters[name])}: they must match"
                )
            new_parameters[name] = parameters[name] - learning_rate * grad
    return new_parameters
