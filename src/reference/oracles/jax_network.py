"""The network in jax.numpy (float64), and the autodiff oracles built on it.

ReLU is ``jax.nn.relu``, whose derivative at 0 is 0, as the seed's
relu_backward; ``jnp.maximum(z, 0)`` would give 0.5 there.

Scaling convention of the seed, kept by every oracle here: dZ, dA and dA_prev
are gradients of the *summed* loss m·J (the seed's dAL = -(Y/AL - (1-Y)/(1-AL))
has no 1/m), so they are per-example quantities; dW and db are gradients of
the mean cost J, which is why linear_backward divides by m (and nothing else
does). A VJP of the forward with cotangent dZ therefore gives dA_prev as is,
and dW, db after a division by m.
"""

import functools

import jax
import jax.numpy as jnp
import numpy as np

from reference.oracles import compilation_cache, executables, memo

__all__ = [
    "OracleError",
    "float64_oracle",
    "linear",
    "activate",
    "forward",
    "cost",
    "linear_value",
    "activation_value",
    "forward_value",
    "model_forward",
    "cost_value",
    "linear_backward",
    "activation_backward",
    "linear_activation_backward",
    "model_backward",
    "prefetch",
]


class OracleError(RuntimeError):
    """An oracle itself failed: the checker's error, never the learner's FAIL."""


def float64_oracle(function):
    """Run ``function`` with JAX in float64 and return numpy float64 arrays.

    float64 comes from a context around each call, not from a process-wide flag
    set at import: the process may be a learner's notebook, which can turn the
    flag off (``jax.config.update("jax_enable_x64", False)``) without reaching
    the oracles. Every array that comes out is asserted float64; anything the
    oracle raises becomes an OracleError naming it.
    """
    name = getattr(function, "__name__", "oracle")
    key = f"{function.__module__}.{getattr(function, '__qualname__', name)}"

    def compute(args, kwargs):
        with compilation_cache.in_use(), jax.enable_x64(True):
            result = function(*args, **kwargs)
        return jax.tree_util.tree_map(_float64_array, result)

    @functools.wraps(function)
    def oracle(*args, **kwargs):
        try:
            return memo.remember(key, (args, kwargs), lambda: compute(args, kwargs))
        except Exception as error:
            message = str(error).splitlines()[0] if str(error) else ""
            raise OracleError(f"the JAX oracle {name} failed ({type(error).__name__}: {message}): this is an "
                              "error of the checker, not of the code under check") from error

    return oracle


def _float64_array(x):
    x = np.asarray(x)
    if x.dtype != np.float64:
        raise TypeError(f"it returned {x.dtype}, not float64")
    return x


# ---------------------------------------------------------------- the network in jax.numpy (traceable)

ACTIVATIONS = {"relu": jax.nn.relu, "sigmoid": jax.nn.sigmoid}


def linear(A, W, b):
    return jnp.matmul(W, A) + b


def activate(Z, activation):
    return ACTIVATIONS[activation](Z)


def forward(X, weights):
    """AL (1, m) and the list of Z's, for weights [(W1, b1), ..., (WL, bL)]."""
    A, Zs = X, []
    for l, (W, b) in enumerate(weights, start=1):
        Z = linear(A, W, b)
        Zs.append(Z)
        A = activate(Z, "sigmoid" if l == len(weights) else "relu")
    return A, Zs


def cost(AL, Y, mask=None):
    """Mean cross-entropy over the examples (over those where ``mask`` is 1, if given)."""
    if mask is None:
        return -jnp.sum(Y * jnp.log(AL) + (1 - Y) * jnp.log(1 - AL)) / Y.shape[1]
    return -jnp.sum(mask * (Y * jnp.log(AL) + (1 - Y) * jnp.log(1 - AL))) / jnp.sum(mask)


# ---------------------------------------------------------------- oracles: numpy in, float64 numpy out

# One jitted function per shape family: a layer's oracles (its Z, both activations,
# the VJPs of the linear map and of both activated layers) come from one compilation
# per shape, the activations' from another, the network's from a third; running op by
# op -- or turning numpy arrays into jax arrays outside jit -- would compile every
# primitive, and every shape, on its own (seconds in all). Arguments go in as numpy
# arrays: jit moves them without compiling anything.


@executables.jit
def _layer(A_prev, W, b, cotangent):
    """{"Z": Z = W A_prev + b}, and for "linear" (Z itself) and each activation g
    (A = g(Z)) the VJP with ``cotangent``: (dA_prev, dW / m, db / m)."""
    m = A_prev.shape[1]
    vjps = {}
    for activation in ("linear", *ACTIVATIONS):
        def layer(A_, W_, b_, activation=activation):
            Z = linear(A_, W_, b_)
            return Z if activation == "linear" else activate(Z, activation)

        dA_prev, dW, db = jax.vjp(layer, A_prev, W, b)[1](cotangent)
        vjps[activation] = (dA_prev, dW / m, db / m)
    return {"Z": linear(A_prev, W, b)}, vjps


@executables.jit
def _activations(Z, dA):
    """{activation: (g(Z), the VJP of g at Z with cotangent dA)} for each activation."""
    out = {}
    for activation, g in ACTIVATIONS.items():
        A, pullback = jax.vjp(g, Z)
        out[activation] = (A, pullback(dA)[0])
    return out


_cost = executables.jit(cost, "reference.oracles.jax_network.cost")
_forward = executables.jit(forward, "reference.oracles.jax_network.forward")


def _f64(*arrays):
    return [np.asarray(a, dtype=np.float64) for a in arrays]


def _no_cotangent(A_prev, W):
    return np.zeros((np.shape(W)[0], np.shape(A_prev)[1]))


@float64_oracle
def linear_value(A, W, b):
    """Z = W A + b."""
    return _layer(*_f64(A, W, b, _no_cotangent(A, W)))[0]["Z"]


@float64_oracle
def activation_value(Z, activation):
    """A = g(Z) for g named by ``activation``."""
    return _activations(*_f64(Z, np.zeros(np.shape(Z))))[activation][0]


@float64_oracle
def cost_value(AL, Y):
    return _cost(*_f64(AL, Y))


@float64_oracle
def forward_value(X, weights):
    """(AL, [Z1, ..., ZL]) as numpy float64."""
    return _forward(*_f64(X), [tuple(_f64(*wb)) for wb in weights])


@float64_oracle
def linear_backward(dZ, A_prev, W, b):
    """(dA_prev, dW, db) as the VJP of Z = W A_prev + b, dW and db over m."""
    return _layer(*_f64(A_prev, W, b, dZ))[1]["linear"]


@float64_oracle
def activation_backward(dA, Z, activation):
    """dZ as the VJP of A = g(Z)."""
    return _activations(*_f64(Z, dA))[activation][1]


@float64_oracle
def linear_activation_backward(dA, A_prev, W, b, activation):
    """(dA_prev, dW, db) as the VJP of A = g(W A_prev + b), dW and db over m."""
    return _layer(*_f64(A_prev, W, b, dA))[1][activation]


def prefetch(layer=None, activations=None, cost=None, network=None):
    """Start loading (or, the first time, compiling) in the background the oracles a check will
    run at these shapes: ``layer`` (n_prev, n, m), the per-layer values and VJPs; ``activations``
    (n, m), activation_value and activation_backward; ``cost`` m, cost_value at (1, m);
    ``network`` (layer_dims, m), model_forward and model_backward. A later call at those shapes
    waits for it if need be."""
    compilation_cache.use_cache()

    def spec(*shape):
        return jax.ShapeDtypeStruct(shape, np.float64)

    with jax.enable_x64(True):
        if layer is not None:
            n_prev, n, m = layer
            _layer.prefetch(spec(n_prev, m), spec(n, n_prev), spec(n, 1), spec(n, m))
        if activations is not None:
            _activations.prefetch(spec(*activations), spec(*activations))
        if cost is not None:
            _cost.prefetch(spec(1, cost), spec(1, cost))
        if network is not None:
            dims, m = network
            _model_grad.prefetch(spec(dims[0], m), [spec(n, m) for n in dims[1:-1]],
                                 [(spec(n, n_prev), spec(n, 1)) for n_prev, n in zip(dims, dims[1:])],
                                 spec(1, m), spec(1, m))


def _cost_with_taps(X, taps, weights, Y, mask):
    """The cost, with ``taps[l]`` added to A[l+1] so its gradient is dJ/dA[l+1];
    and, alongside, the forward pass's AL and Z's (one compilation serves both)."""
    A, Zs = X, []
    L = len(weights)
    for l, (W, b) in enumerate(weights, start=1):
        Z = linear(A, W, b)
        Zs.append(Z)
        A = activate(Z, "sigmoid" if l == L else "relu")
        if l < L:
            A = A + taps[l - 1]
    return cost(A, Y, mask), (A, Zs)


_model_grad = executables.jit(jax.grad(_cost_with_taps, argnums=(0, 1, 2), has_aux=True),
                              "reference.oracles.jax_network.model_grad")


def _model(X, weights, Y, mask=None):
    """(grads as L_model_backward's keys, AL, [Z1..ZL]) from one compiled function, computed once
    for model_backward and model_forward alike (while remembering)."""
    return memo.remember("jax_network.model", (X, weights, Y, mask), lambda: _compute_model(X, weights, Y, mask))


def _compute_model(X, weights, Y, mask):
    mask = np.ones((1, X.shape[1])) if mask is None else np.asarray(mask, dtype=np.float64)
    m = mask.sum()
    taps = [np.zeros((np.shape(W)[0], X.shape[1])) for W, _ in weights[:-1]]
    (dX, dtaps, dweights), (AL, Zs) = _model_grad(
        *_f64(X), taps, [tuple(_f64(*wb)) for wb in weights], *_f64(Y, mask))
    grads = {"dA0": np.asarray(dX) * m}
    for l, dtap in enumerate(dtaps, start=1):
        grads[f"dA{l}"] = np.asarray(dtap) * m
    for l, (dW, db) in enumerate(dweights, start=1):
        grads[f"dW{l}"], grads[f"db{l}"] = np.asarray(dW), np.asarray(db)
    return grads, AL, list(Zs)


@float64_oracle
def model_backward(X, weights, Y, mask=None):
    """Every key of the seed's L_model_backward, by jax.grad of the cost.

    dW{l}, db{l} are dJ/dW, dJ/db; dA{l} is m·dJ/dA[l] (the summed loss), for
    l = 0..L-1, dA0 being the gradient for X. ``mask`` (1, m) of 0/1, if given,
    leaves out the examples where it is 0 (padding: one compiled shape serves
    many networks).
    """
    return _model(X, weights, Y, mask)[0]


@float64_oracle
def model_forward(X, weights, Y):
    """(AL, [Z1, ..., ZL]) of the network at a check point, by the same compiled
    function as model_backward: the forward values without a compilation of their own."""
    _, AL, Zs = _model(X, weights, Y)
    return AL, Zs
