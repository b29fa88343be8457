"""manual-dnn: the DeepLearning.ai course 1, week 4 network, written by hand in numpy.

Shape convention, used everywhere: examples are columns.
    X, A[0] : (n_x, m)        W[l] : (n_l, n_{l-1})      b[l] : (n_l, 1)
    Z[l], A[l] : (n_l, m)      AL, Y : (1, m)
The network is [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID with the
cross-entropy cost. Names, arguments and returns are the course's own.
"""

from manual_dnn.activations import relu, relu_backward, sigmoid, sigmoid_backward
from manual_dnn.initialization import initialize_parameters, initialize_parameters_deep
from manual_dnn.layer import linear_activation_backward, linear_activation_forward
from manual_dnn.linear import linear_backward, linear_forward
from manual_dnn.network import L_model_backward, L_model_forward, compute_cost, update_parameters
from manual_dnn.training import L_layer_model, predict, two_layer_model

__all__ = [
    "initialize_parameters",
    "initialize_parameters_deep",
    "linear_forward",
    "linear_backward",
    "sigmoid",
    "sigmoid_backward",
    "relu",
    "relu_backward",
    "linear_activation_forward",
    "linear_activation_backward",
    "L_model_forward",
    "compute_cost",
    "L_model_backward",
    "update_parameters",
    "two_layer_model",
    "L_layer_model",
    "predict",
]
