"""The bug zoo: realistic mistakes learners make in this assignment.

Each mutant is the seed's implementation with exactly one function replaced
by a buggy version, written the way a learner writes it. The functions of a
mutant call each other through one shared namespace, as in a notebook, so a
wrong relu_backward really does flow into linear_activation_backward and
L_model_backward. ``manual-dnn gradcheck --mutant NAME`` shows its report.
"""

import builtins
import types
from dataclasses import dataclass

import numpy as np

from manual_dnn import activations, initialization, layer, linear, network, training

__all__ = ["Mutant", "MUTANTS", "seed_namespace", "mutant_namespace", "notebook_namespace", "zoo_of"]


@dataclass(frozen=True)
class Mutant:
    function: str  # the one function that differs from the seed
    summary: str
    implementation: object


def _rebind(function, namespace):
    """``function`` with ``namespace`` as its globals, so its calls go through it."""
    rebound = types.FunctionType(function.__code__, namespace, function.__name__,
                                 function.__defaults__, function.__closure__)
    rebound.__kwdefaults__ = function.__kwdefaults__
    return rebound


def seed_namespace():
    """The seed's functions, rebound into one notebook-like namespace: every
    function of manual_dnn's network modules (training's private helpers too),
    so that a mutant reaches everything that calls it, as in a notebook."""
    namespace = {"np": np}
    for module in (activations, linear, layer, network, initialization, training):
        namespace.update({k: v for k, v in vars(module).items() if not k.startswith("__")})
    for name, value in list(namespace.items()):
        if isinstance(value, types.FunctionType) and value.__module__.startswith("manual_dnn."):
            namespace[name] = _rebind(value, namespace)
    return namespace


def notebook_namespace(modules, replacements=()):
    """Every function of ``modules`` (manual_dnn's solution of an assignment) rebound into one
    notebook-like namespace, with ``replacements`` (functions, under their own names or as
    (name, function) pairs) put in place of the solution's: the other assignments' zoos."""
    namespace = {"np": np, "__builtins__": builtins}  # without it numpy's keyword calls (x.sum(axis=0)) fail
    for module in modules:
        namespace.update({k: v for k, v in vars(module).items() if not k.startswith("__")})
    for name, value in list(namespace.items()):
        if isinstance(value, types.FunctionType) and value.__module__.startswith("manual_dnn"):
            namespace[name] = _rebind(value, namespace)
    for replacement in replacements:
        name, function = replacement if isinstance(replacement, tuple) else (replacement.__name__, replacement)
        namespace[name] = _rebind(function, namespace)
    return namespace


def zoo_of(assignment):
    """(MUTANTS, namespace(name)) of an assignment: this module's for the cat network, else the
    ``zoo`` module of its package (None when it has none)."""
    if assignment in (None, "dnn"):
        return MUTANTS, mutant_namespace
    import importlib

    try:
        zoo = importlib.import_module(f"reference.assignments.{assignment}.zoo")
    except ModuleNotFoundError:
        return None
    return zoo.MUTANTS, zoo.mutant_namespace


def mutant_namespace(name):
    namespace = seed_namespace()
    mutant = MUTANTS[name]
    namespace[mutant.function] = _rebind(mutant.implementation, namespace)
    for helper in (_model_backward, _two_layer_model, _L_layer_model):  # each shared by several mutants
        namespace[helper.__name__] = _rebind(helper, namespace)
    return namespace


# Each buggy function below differs from the seed on the line marked BUG.
# They use only names a learner's notebook has: np and the seed's functions.

def linear_forward_without_bias(A, W, b):
    Z = np.dot(W, A)  # BUG: + b forgotten
    return Z, (A, W, b)


def relu_backward_masking_dA(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[dA <= 0] = 0  # BUG: masks on dA, not on Z
    return dZ


def relu_backward_without_dA(dA, cache):
    Z = cache
    dZ = (Z > 0).astype(float)  # BUG: g'(Z) alone, dA never multiplied in
    return dZ


def relu_backward_in_place(dA, cache):
    Z = cache
    dZ = dA  # BUG: no copy, so the next line writes into the caller's dA
    dZ[Z <= 0] = 0
    return dZ


def relu_backward_one_at_kink(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[Z < 0] = 0  # BUG: < instead of <=, so dZ = dA at Z == 0
    return dZ


def sigmoid_backward_without_one_minus_s(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s  # BUG: * (1 - s) forgotten
    return dZ


def sigmoid_backward_cache_as_A(dA, cache):
    A = cache  # BUG: the cache holds Z, not A = sigmoid(Z)
    dZ = dA * A * (1 - A)
    return dZ


def linear_backward_dW_without_1_over_m(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T)  # BUG: 1/m forgotten
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_backward_db_without_1_over_m(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = np.sum(dZ, axis=1, keepdims=True)  # BUG: 1/m forgotten
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_backward_db_wrong_axis(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=0, keepdims=True)  # BUG: sums over units, not examples
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_backward_db_without_keepdims(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1)  # BUG: shape (n,), not (n, 1)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_activation_backward_swapped(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = sigmoid_backward(dA, activation_cache)  # BUG: the other activation's derivative
    else:
        dZ = relu_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)


def compute_cost_without_1_over_m(AL, Y):
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))  # BUG: a sum, not a mean
    return float(np.squeeze(cost))


def L_model_forward_skipping_a_layer(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L - 1):  # BUG: stops one ReLU layer early
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def _model_backward(AL, Y, caches, sign=1, last="sigmoid", shift=1, typo=False):
    """The seed's L_model_backward with four knobs that the bugs below turn."""
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -sign * (np.divide(Y, AL) - np.divide(1 - Y, AL if typo else 1 - AL))
    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], last)
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = dA_prev, dW, db
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)] = dA_prev
        grads["dW" + str(l + shift)] = dW
        grads["db" + str(l + shift)] = db
    return grads


def L_model_backward_dAL_wrong_sign(AL, Y, caches):
    return _model_backward(AL, Y, caches, sign=-1)  # BUG: dAL = +(Y/AL - (1-Y)/(1-AL))


def L_model_backward_dAL_typo(AL, Y, caches):
    return _model_backward(AL, Y, caches, typo=True)  # BUG: dAL = -(Y/AL - (1-Y)/AL), 1 - AL typed as AL


def L_model_backward_last_layer_relu(AL, Y, caches):
    return _model_backward(AL, Y, caches, last="relu")  # BUG: the output layer is a sigmoid


def L_model_backward_wrong_layer_index(AL, Y, caches):
    return _model_backward(AL, Y, caches, shift=2)  # BUG: dW{l+2} instead of dW{l+1}


def update_parameters_climbing(parameters, grads, learning_rate):
    parameters = dict(parameters)
    for l in range(1, len(parameters) // 2 + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] + learning_rate * grads["dW" + str(l)]  # BUG: +
        parameters["b" + str(l)] = parameters["b" + str(l)] + learning_rate * grads["db" + str(l)]  # BUG: +
    return parameters


def update_parameters_forgetting_b(parameters, grads, learning_rate):
    parameters = dict(parameters)
    for l in range(1, len(parameters) // 2 + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        # BUG: b{l} is never updated
    return parameters


def _two_layer_model(X, Y, layers_dims, learning_rate, num_iterations, first="relu", second="sigmoid", sign=1):
    """The seed's two_layer_model with the knobs the bugs below turn."""
    np.random.seed(1)
    costs = []
    n_x, n_h, n_y = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(0, num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], first)
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], second)
        cost = compute_cost(A2, Y)
        dA2 = -sign * (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, second)
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, first)
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs


def two_layer_model_activations_swapped(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                                        print_cost=False):
    return _two_layer_model(X, Y, layers_dims, learning_rate, num_iterations, "sigmoid", "relu")  # BUG


def two_layer_model_dA2_wrong_sign(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                                   print_cost=False):
    return _two_layer_model(X, Y, layers_dims, learning_rate, num_iterations, sign=-1)  # BUG: climbs


def _L_layer_model(X, Y, layers_dims, learning_rate, num_iterations, assign=True, every=100, rate=None):
    """The seed's L_layer_model with the knobs the bugs below turn."""
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims, scaled=True)
    for i in range(0, num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        updated = update_parameters(parameters, grads, learning_rate if rate is None else rate)
        parameters = updated if assign else parameters
        if i % every == 0:
            costs.append(cost)
    return parameters, costs


def L_layer_model_update_not_assigned(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                                      print_cost=False):
    # BUG: update_parameters(parameters, grads, learning_rate) called, its result thrown away
    return _L_layer_model(X, Y, layers_dims, learning_rate, num_iterations, assign=False)


def L_layer_model_costs_every_iteration(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                                        print_cost=False):
    return _L_layer_model(X, Y, layers_dims, learning_rate, num_iterations, every=1)  # BUG: not every 100th


def L_layer_model_fixed_learning_rate(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                                      print_cost=False):
    return _L_layer_model(X, Y, layers_dims, learning_rate, num_iterations, rate=0.0075)  # BUG: ignores its own


def predict_flat(X, y, parameters):
    m = X.shape[1]
    p = np.zeros(m)  # BUG: shape (m,), not (1, m)
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, probas.shape[1]):
        p[i] = 1 if probas[0, i] > 0.5 else 0
    return p


MUTANTS = {
    "linear-forward-no-bias": Mutant(
        "linear_forward", "Z = W A: the bias b is forgotten",
        linear_forward_without_bias),
    "relu-backward-masks-dA": Mutant(
        "relu_backward", "zeroes dZ where dA <= 0 instead of where Z <= 0",
        relu_backward_masking_dA),
    "relu-backward-no-dA": Mutant(
        "relu_backward", "returns g'(Z) = (Z > 0) without multiplying by dA",
        relu_backward_without_dA),
    "relu-backward-in-place": Mutant(
        "relu_backward", "dZ = dA without a copy, so it writes into the caller's dA",
        relu_backward_in_place),
    "relu-backward-kink": Mutant(
        "relu_backward", "masks Z < 0 instead of Z <= 0: dZ = dA at Z == 0",
        relu_backward_one_at_kink),
    "sigmoid-backward-no-1-minus-s": Mutant(
        "sigmoid_backward", "dZ = dA * s, the (1 - s) forgotten",
        sigmoid_backward_without_one_minus_s),
    "sigmoid-backward-cache-as-A": Mutant(
        "sigmoid_backward", "treats the cache Z as A: dZ = dA * Z * (1 - Z)",
        sigmoid_backward_cache_as_A),
    "dW-missing-1/m": Mutant(
        "linear_backward", "dW = dZ A_prev^T without the 1/m",
        linear_backward_dW_without_1_over_m),
    "db-missing-1/m": Mutant(
        "linear_backward", "db = sum(dZ) without the 1/m",
        linear_backward_db_without_1_over_m),
    "db-wrong-axis": Mutant(
        "linear_backward", "db sums dZ over axis 0 (units) instead of axis 1 (examples)",
        linear_backward_db_wrong_axis),
    "db-no-keepdims": Mutant(
        "linear_backward", "db = sum(dZ, axis=1) / m without keepdims: shape (n,)",
        linear_backward_db_without_keepdims),
    "activations-swapped": Mutant(
        "linear_activation_backward", "uses sigmoid_backward for 'relu' and relu_backward for 'sigmoid'",
        linear_activation_backward_swapped),
    "cost-missing-1/m": Mutant(
        "compute_cost", "the cross-entropy summed, not averaged over m",
        compute_cost_without_1_over_m),
    "forward-skips-a-layer": Mutant(
        "L_model_forward", "the ReLU loop stops one layer early",
        L_model_forward_skipping_a_layer),
    "dAL-wrong-sign": Mutant(
        "L_model_backward", "dAL = Y/AL - (1-Y)/(1-AL): the minus sign dropped",
        L_model_backward_dAL_wrong_sign),
    "dAL-typo": Mutant(
        "L_model_backward", "dAL = -(Y/AL - (1-Y)/AL): 1 - AL typed as AL in the second term",
        L_model_backward_dAL_typo),
    "last-layer-relu": Mutant(
        "L_model_backward", "backpropagates the output layer as relu, not sigmoid",
        L_model_backward_last_layer_relu),
    "grads-wrong-layer-index": Mutant(
        "L_model_backward", "stores the hidden layers' dW, db under l+2 instead of l+1",
        L_model_backward_wrong_layer_index),
    "update-climbs": Mutant(
        "update_parameters", "W + lr dW: climbs the gradient instead of descending",
        update_parameters_climbing),
    "update-forgets-b": Mutant(
        "update_parameters", "updates W but never b",
        update_parameters_forgetting_b),
    "two-layer-activations-swapped": Mutant(
        "two_layer_model", "LINEAR->SIGMOID->LINEAR->RELU: the activations in the wrong order",
        two_layer_model_activations_swapped),
    "two-layer-dA2-wrong-sign": Mutant(
        "two_layer_model", "dA2 without its minus sign: the loop climbs the cost",
        two_layer_model_dA2_wrong_sign),
    "L-layer-update-not-assigned": Mutant(
        "L_layer_model", "calls update_parameters but never assigns its result",
        L_layer_model_update_not_assigned),
    "L-layer-costs-every-iteration": Mutant(
        "L_layer_model", "records the cost at every iteration, not every 100th",
        L_layer_model_costs_every_iteration),
    "L-layer-fixed-learning-rate": Mutant(
        "L_layer_model", "updates with 0.0075 whatever learning_rate it is given",
        L_layer_model_fixed_learning_rate),
    "predict-flat": Mutant(
        "predict", "returns p of shape (m,) instead of (1, m)",
        predict_flat),
}
