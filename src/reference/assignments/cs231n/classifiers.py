"""CS231n's classifiers: the rows of assignment 1's losses (``linear_svm.py``, ``softmax.py``) and of the
two-layer net's ``loss`` (``neural_net.py`` to 2019, ``fc_net.py`` from 2020; assignment 2's ``fc_net.py``
2017-2019 has it too), called on a net the learner's own class builds.

A loss is judged as a value (the data loss averaged over N plus the regularisation) and its gradients
against the VJP of the same loss in JAX. Where a file regularises by the other year's convention
(0.5 reg or reg), it is judged by that one and the difference is said.
"""

from reference.assignments.cs231n import network_checks
from reference.engine.declarations import (
    Convention,
    Function,
    Gradient,
    Instance,
    Keys,
    Lazy,
    Value,
    Variant,
    from_course,
    from_learner,
)

__all__ = ["CLASSIFIERS", "ALIASES"]


def _math(name):
    return Lazy("reference.assignments.cs231n.classifier_math", name)


def given(name):
    return from_course(lambda values: values[name])


HALF = ("regularises with 0.5 * reg * sum(W**2) (dW + reg * W): the course's 2016 convention; from 2017 "
        "reg * sum(W**2)")
FULL = ("regularises with reg * (sum(W1**2) + sum(W2**2)) (dW + 2 reg W): neural_net.py's convention (2017-2019); "
        "fc_net.py's is 0.5 * reg")


def _linear(name, math, notebook):
    return Function(name, ("W", "X", "y", "reg"), ("loss", "dW"), math=_math(math), math_inputs=("W", "X", "y", "reg"),
                    judge={"loss": Value("out"), "dW": Gradient("W")},
                    prepare={"W": given("W_linear"), "X": given("X_linear"), "y": given("y_linear")},
                    conventions=(Convention(HALF, _math(f"{math}_half")),), exact_shapes=False, notebook=notebook)


def _parameter(key):
    return (key, lambda values: values["params"][key])


def _loss_of(parameters):
    """What a network's loss returns and how each part is judged: the loss, the gradient of every parameter."""
    return {"returns": ("loss", Keys(*parameters)),
            "judge": {"loss": Value("out"), **{key: Gradient(key) for key in parameters}}}


PARAMETERS = ("W1", "b1", "W2", "b2")
TWO_LAYER_NET = Function(
    "TwoLayerNet.loss", ("X", "y"), ("loss", Keys(*PARAMETERS)), math=_math("two_layer_net"),
    math_inputs=("X", "y", *map(_parameter, PARAMETERS), "reg"),
    judge={"loss": Value("out"), **{key: Gradient(key) for key in PARAMETERS}},
    prepare={"X": given("X_net"), "y": given("y_net"), "params": given("params_net")},
    instance=Instance(arguments=("input_dim", "hidden_dim", "num_classes"),
                      attributes={"params": "params", "reg": "reg"}),
    conventions=(Convention(FULL, _math("two_layer_net_full")),), signatures=(("X", "y", "reg"),),
    calls=("affine_forward", "affine_backward", "relu_forward", "relu_backward", "softmax_loss"),
    custom=(network_checks.scores_in_test_mode(_math("two_layer_scores"), PARAMETERS),),
    exact_shapes=False, notebook="the two-layer net (neural_net.py, or fc_net.py from 2020)")

LAYERS_OF_A_NET = ("affine_forward", "affine_backward", "relu_forward", "relu_backward", "batchnorm_forward",
                   "batchnorm_backward", "layernorm_forward", "layernorm_backward", "dropout_forward",
                   "dropout_backward", "softmax_loss")
FC = ("W1", "b1", "W2", "b2", "W3", "b3")
NORMALISED = ("W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3")


def _mask(layer):
    """The dropout mask of hidden layer ``layer``: the learner's own dropout_forward at the net's seed and p,
    on ones of that layer's shape (the course's where the file has none)."""
    def course(values):
        from manual_dnn.cs231n_layers import dropout_forward

        return dropout_forward(values[f"ones_fc{layer}"], dict(values["dropout_param_fc"]))[0]
    return from_learner("dropout_forward", (f"ones_fc{layer}", "dropout_param_fc"), network_checks.applied,
                        course=course)


NORMALISED_ROW = {"math_inputs": ("X", "y", *map(_parameter, NORMALISED), "reg"), **_loss_of(NORMALISED),
                  "prepare": {"X": given("X_fc"), "y": given("y_fc"), "params": given("params_fc_norm")},
                  "custom": ()}
# Batch norm subtracts the batch's mean of each feature, and with it the bias before it: those biases'
# gradient is 0, and a relative error between two rounding errors says nothing. They are judged in the
# other variants.
BATCHNORM_ROW = {**NORMALISED_ROW, "judge": {k: v for k, v in NORMALISED_ROW["judge"].items() if k not in ("b1", "b2")}}
DROPOUT_ROW = {"math_inputs": ("X", "y", *map(_parameter, FC), ("mask1", lambda v: v["mask1"]),
                               ("mask2", lambda v: v["mask2"]), "reg"),
               "prepare": {"X": given("X_fc"), "y": given("y_fc"), "params": given("params_fc"), "mask1": _mask(1),
                           "mask2": _mask(2), "net_dropout": given("p")}, "custom": ()}
FULLY_CONNECTED_NET = Function(
    "FullyConnectedNet.loss", ("X", "y"), math=_math("fc_net"), math_inputs=("X", "y", *map(_parameter, FC), "reg"),
    **_loss_of(FC), prepare={"X": given("X_fc"), "y": given("y_fc"), "params": given("params_fc")},
    instance=Instance(arguments=("hidden_dims",), attributes={"params": "params"}, keywords={
        "input_dim": "input_dim_fc", "num_classes": "num_classes", "reg": "reg", "dtype": "dtype", "seed": "seed_fc",
        "normalization": "normalization", "use_batchnorm": "use_batchnorm", "dropout": "net_dropout",
        "dropout_keep_ratio": "net_dropout"}),
    variants=(Variant({}, " (plain)"),
              Variant({"normalization": "batchnorm", "use_batchnorm": True}, " (normalization='batchnorm')",
                      _math("fc_net_batchnorm"), BATCHNORM_ROW, requires=("normalization", "use_batchnorm")),
              Variant({"normalization": "layernorm"}, " (normalization='layernorm')", _math("fc_net_layernorm"),
                      NORMALISED_ROW, requires=("normalization",)),
              Variant({}, " (dropout)", _math("fc_net_dropout"), DROPOUT_ROW,
                      requires=("dropout", "dropout_keep_ratio"))),
    custom=(network_checks.scores_in_test_mode(_math("fc_scores"), FC),), calls=LAYERS_OF_A_NET,
    exact_shapes=False, notebook="classifiers/fc_net.py")
CNN = ("W1", "b1", "W2", "b2", "W3", "b3")
THREE_LAYER_CONV_NET = Function(
    "ThreeLayerConvNet.loss", ("X", "y"), math=_math("cnn"), math_inputs=("X", "y", *map(_parameter, CNN), "reg"),
    **_loss_of(CNN), prepare={"X": given("X_cnn"), "y": given("y_cnn"), "params": given("params_cnn")},
    instance=Instance(attributes={"params": "params"}, keywords={
        "input_dim": "input_dim_cnn", "num_filters": "num_filters", "filter_size": "filter_size",
        "hidden_dim": "hidden_cnn", "num_classes": "num_classes", "reg": "reg", "dtype": "dtype"}),
    custom=(network_checks.scores_in_test_mode(_math("cnn_scores"), CNN),), calls=LAYERS_OF_A_NET,
    exact_shapes=False, notebook="classifiers/cnn.py")

CLASSIFIERS = (
    _linear("svm_loss_naive", "linear_svm", "classifiers/linear_svm.py"),
    _linear("svm_loss_vectorized", "linear_svm", "classifiers/linear_svm.py"),
    _linear("softmax_loss_naive", "linear_softmax", "classifiers/softmax.py"),
    _linear("softmax_loss_vectorized", "linear_softmax", "classifiers/softmax.py"),
    TWO_LAYER_NET,
    FULLY_CONNECTED_NET,
    THREE_LAYER_CONV_NET,
)

# neural_net.py's constructor (2016-2019) beside fc_net.py's.
ALIASES = {"input_dim": ("input_size",), "hidden_dim": ("hidden_size",), "num_classes": ("output_size",)}
