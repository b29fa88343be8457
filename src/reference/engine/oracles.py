"""The oracles of one declared math function: values and VJP by JAX, and, independent of
autodiff, central differences and the complex step of the same function.

The function ``math(*inputs)`` returns one array or a tuple of arrays. With cotangents
``u`` (one per output), the gradient of ``phi(x) = sum_k <u_k, math(x)_k>`` with respect to
an input is that input's VJP; central differences and the complex step estimate the same
gradient coordinate by coordinate (``phi`` is a scalar), by evaluating the jitted math at
shifted inputs. JAX runs in float64 inside each call only (never a process-wide flag); every
result is a numpy float64 array; an oracle's own failure is an OracleError (the checker's
error, never the learner's FAIL). Compiled functions are kept per (math, kind, inputs
differentiated): JAX compiles each once per shape.
"""

import jax
import jax.numpy as jnp
import numpy as np

from reference.oracles import memo
from reference.oracles.jax_network import OracleError
from reference.tolerances import COMPLEX_STEP, FD_STEP

__all__ = ["run_oracle", "as_input", "values", "vjp", "central_differences", "complex_step", "OracleError",
           "MAX_COORDINATES"]

MAX_COORDINATES = 20_000  # coordinates differentiated numerically, one by one, per call


def _name(math):
    return f"{getattr(math, '__module__', '?')}.{getattr(math, '__qualname__', repr(math))}"


def _outputs(result):
    return tuple(result) if isinstance(result, (tuple, list)) else (result,)


def _phi(math, wrt):
    """phi(x_wrt..., others..., cotangents): <u, math(x)>, a scalar."""
    def phi(shifted, inputs, cotangents):
        inputs = list(inputs)
        for i, x in zip(wrt, shifted):
            inputs[i] = x
        return sum(jnp.sum(u * y) for u, y in zip(cotangents, _outputs(math(*inputs))))
    return phi


_compiled = {}
# The oracles' functions are small: compiling them costs far more than running them, and LLVM's
# optimisations are a third of that cost for no measurable gain in their run time
# (benchmarks/rnn_speed.py). XLA's float semantics do not depend on the level.
COMPILER_OPTIONS = {"xla_backend_optimization_level": 0}


def _jitted(kind, math, wrt=()):
    key = (kind, math, wrt)
    if key not in _compiled:
        if kind == "values":
            _compiled[key] = jax.jit(lambda inputs: _outputs(math(*inputs)), compiler_options=COMPILER_OPTIONS)
        else:  # "vjp"
            phi = _phi(math, wrt)
            _compiled[key] = jax.jit(jax.grad(phi), compiler_options=COMPILER_OPTIONS)
    return _compiled[key]


def _float64(x):
    x = np.asarray(x)
    if x.dtype.kind in "biu":  # a prediction, a mask: exact as float64
        return x.astype(np.float64)
    if x.dtype != np.float64:
        raise TypeError(f"it returned {x.dtype}, not float64")
    return x


def run_oracle(kind, math, compute, arguments):
    """``compute()`` in float64, remembered across a batch (under ``kind``, ``math`` and the
    ``arguments`` it depends on), any failure an OracleError naming ``math``."""
    def run():
        with jax.enable_x64(True):
            return compute()
    try:
        return memo.remember(f"engine.{kind}.{_name(math)}", arguments, run)
    except OracleError:
        raise
    except Exception as error:
        message = str(error).splitlines()[0] if str(error) else ""
        raise OracleError(f"the JAX oracle {kind} of {_name(math)} failed ({type(error).__name__}: {message}): "
                          "this is an error of the checker, not of the code under check") from error


def as_input(x):
    """An input as the math gets it: floating point in float64; integers (labels, indices) and
    booleans (masks) as they are."""
    x = np.asarray(x)
    return x if x.dtype.kind in "biu" else x.astype(np.float64)


def _arrays(inputs):
    return tuple(jax.device_put(as_input(x)) for x in inputs)  # jnp.asarray would compile a copy per shape


def values(math, inputs):
    """The math's outputs at ``inputs``, as a tuple of float64 arrays."""
    def compute():
        return tuple(_float64(y) for y in _jitted("values", math)(_arrays(inputs)))
    return run_oracle("values", math, compute, ("values", tuple(inputs)))


def vjp(math, inputs, wrt, cotangents):
    """The VJP of the math with ``cotangents`` (one per output) for each input index in ``wrt``."""
    wrt = tuple(wrt)

    def compute():
        arrays = _arrays(inputs)
        grads = _jitted("vjp", math, wrt)(tuple(arrays[i] for i in wrt), arrays, _arrays(cotangents))
        return tuple(_float64(g) for g in grads)
    return run_oracle("vjp", math, compute, ("vjp", wrt, tuple(inputs), tuple(cotangents)))


def _numeric(kind, math, inputs, wrt, cotangents, estimate, complex_inputs=False):
    """Each input of ``wrt`` differentiated by ``estimate(phi, x)``, phi(x) = sum_k <u_k, math(x)_k>: the
    math's compiled values (the forward's own compilation) contracted with the cotangents in numpy, so
    numerical derivatives compile nothing more; the complex step, whose inputs are all made complex
    (the others with no imaginary part), compiles the values once more."""
    wrt = tuple(wrt)

    def compute():
        given = [as_input(x) for x in inputs]
        if complex_inputs:  # converted by numpy: an eager astype would compile once per shape
            given = [x.astype(np.complex128) if x.dtype.kind == "f" else x for x in given]
        arrays = tuple(jax.device_put(x) for x in given)
        cots = [np.asarray(u, dtype=np.float64) for u in cotangents]
        evaluate = _jitted("values", math)
        grads = []
        for i in wrt:
            x = np.array(inputs[i], dtype=np.float64)
            if x.size > MAX_COORDINATES:
                raise ValueError(f"input {i} has {x.size} coordinates, more than {MAX_COORDINATES}")

            def phi(shifted, i=i):
                outputs = evaluate(arrays[:i] + (shifted,) + arrays[i + 1:])
                return sum(np.sum(u * np.asarray(y)) for u, y in zip(cots, outputs))
            grads.append(estimate(phi, x))
        return tuple(grads)
    return run_oracle(kind, math, compute, (kind, wrt, tuple(inputs), tuple(cotangents)))


def central_differences(math, inputs, wrt, cotangents, eps=FD_STEP):
    """(phi(x + eps e_i) - phi(x - eps e_i)) / (2 eps) for every coordinate of each input in ``wrt``."""
    def estimate(phi, x):
        grad = np.zeros(x.shape)
        for index in np.ndindex(x.shape):
            original = x[index]
            x[index] = original + eps
            plus = float(phi(jax.device_put(x)))
            x[index] = original - eps
            minus = float(phi(jax.device_put(x)))
            x[index] = original
            grad[index] = (plus - minus) / (2 * eps)
        return grad
    return _numeric("central-fd", math, inputs, wrt, cotangents, estimate)


def complex_step(math, inputs, wrt, cotangents, h=COMPLEX_STEP):
    """Im phi(x + i h e_i) / h for every coordinate: exact to rounding where the math is analytic."""
    def estimate(phi, x):
        z = np.array(x, dtype=np.complex128)
        grad = np.zeros(x.shape)
        for index in np.ndindex(x.shape):
            z[index] += 1j * h
            grad[index] = float(np.imag(phi(jax.device_put(z)))) / h
            z[index] -= 1j * h
        return grad
    return _numeric("complex-step", math, inputs, wrt, cotangents, estimate, complex_inputs=True)
