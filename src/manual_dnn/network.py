"""The whole L-layer network: [LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID.

Forward pass, cross-entropy cost, backward pass and the gradient-descent step.
"""

import numpy as np

from manual_dnn._checks import as_matrix, count_layers, require_examples
from manual_dnn.layer import linear_activation_backward, linear_activation_forward


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
    """Return (AL, Y) as (1, m) matrices; Y may also come as (m,).

    AL exactly 0 or 1 (a saturated sigmoid) is refused: the cross-entropy takes
    log(0) there and the seed's dAL divides by 0, which would give NaN silently.
    The check is O(m), nothing beside the O(n m) matrix products.
    """
    AL = as_matrix("AL", AL)
    require_examples("AL", AL)
    Y = np.asarray(Y)
    if AL.shape[0] != 1 or Y.shape not in (AL.shape, (AL.shape[1],)):
        raise ValueError(f"Y has shape {Y.shape} but AL has shape {AL.shape}: both must be (1, m)")
    saturated = np.count_nonzero((AL <= 0) | (AL >= 1))
    if saturated:
        raise ValueError(
            f"AL has {saturated} entries equal to 0 or 1 (saturated sigmoid): the cross-entropy "
            "and its gradient are undefined there; scale down the weights or the learning rate"
        )
    return AL, Y.reshape(AL.shape)


def compute_cost(AL, Y):
    """Cross-entropy cost -(1/m) sum(Y log AL + (1 - Y) log(1 - AL)), as a float.

    AL and Y are (1, m).
    """
    AL, Y = _check_labels(AL, Y)
    m = Y.shape[1]
    cost = (1.0 / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))
    return float(np.squeeze(cost))


def L_model_backward(AL, Y, caches, *, need_dA0=True):
    """Backward pass of the L-layer network.

    Parameters
    ----------
    AL : (1, m) output of L_model_forward
    Y : (1, m) labels in {0, 1}
    caches : the list L_model_forward returned
    need_dA0 : False leaves out dA0, the gradient for X: training never uses it,
        and for the cat network it is a third of the backward pass's work

    Returns
    -------
    grads : dict with dA{l-1}, dW{l}, db{l} for l = 1..L (dA0 is the gradient for X)
    """
    AL, Y = _check_labels(AL, Y)
    grads = {}
    L = len(caches)
    # Derivative of the summed loss with respect to AL; linear_backward adds the 1/m.
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
        dAL, current_cache, "sigmoid", **_skip_dA_prev(not need_dA0 and L == 1)
    )
    grads["dA" + str(L - 1)] = dA_prev_temp
    grads["dW" + str(L)] = dW_temp
    grads["db" + str(L)] = db_temp
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
            grads["dA" + str(l + 1)], current_cache, "relu", **_skip_dA_prev(not need_dA0 and l == 0)
        )
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    if not need_dA0:
        del grads["dA0"]
    return grads


def _skip_dA_prev(skip):
    """The keyword only when it changes something: the seed's calls stay the seed's,
    so a learner's (or a mutant's) linear_activation_backward still fits in."""
    return {"need_dA_prev": False} if skip else {}


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
