"""CS231n's classifiers: the rows of assignment 1's losses (``linear_svm.py``, ``softmax.py``) and of the
two-layer net's ``loss`` (``neural_net.py`` to 2019, ``fc_net.py`` from 2020; assignment 2's ``fc_net.py``
2017-2019 has it too), called on a net the learner's own class builds.

A loss is judged as a value (the data loss averaged over N plus the regularisation) and its gradients
against the VJP of the same loss in JAX. Where a file regularises by the other year's convention
(0.5 reg or reg), it is judged by that one and the difference is said.
"""

from reference.engine.declarations import Convention, Function, Gradient, Instance, Keys, Lazy, Value, from_course

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
    exact_shapes=False, notebook="the two-layer net (neural_net.py, or fc_net.py from 2020)")

CLASSIFIERS = (
    _linear("svm_loss_naive", "linear_svm", "classifiers/linear_svm.py"),
    _linear("svm_loss_vectorized", "linear_svm", "classifiers/linear_svm.py"),
    _linear("softmax_loss_naive", "linear_softmax", "classifiers/softmax.py"),
    _linear("softmax_loss_vectorized", "linear_softmax", "classifiers/softmax.py"),
    TWO_LAYER_NET,
)

# neural_net.py's constructor (2016-2019) beside fc_net.py's.
ALIASES = {"input_dim": ("input_size",), "hidden_dim": ("hidden_size",), "num_classes": ("output_size",)}
