"""One whole layer: LINEAR then ACTIVATION, forward and backward."""

from manual_dnn.activations import relu, relu_backward, sigmoid, sigmoid_backward
from manual_dnn.linear import linear_backward, linear_forward
from manual_dnn.validation import require_activation


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) with g named by ``activation`` ("relu" or "sigmoid").

    Returns
    -------
    A : (n_l, m)
    cache : (linear_cache, activation_cache) = ((A_prev, W, b), Z)
    """
    require_activation(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    else:
        A, activation_cache = relu(Z)
    return A, (linear_cache, activation_cache)


def linear_activation_backward(dA, cache, activation):
    """Backward through g, then through the linear part.

    Parameters
    ----------
    dA : (n_l, m) gradient with respect to this layer's output
    cache : ((A_prev, W, b), Z) from linear_activation_forward

    Returns
    -------
    dA_prev : (n_{l-1}, m), dW : (n_l, n_{l-1}), db : (n_l, 1)
    """
    require_activation(activation)
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    else:
        dZ = sigmoid_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)
