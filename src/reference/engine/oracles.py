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

from reference.oracles import compilation_cache, memo
from reference.oracles.jax_network import OracleError
from reference.tolerances import COMPLEX_STEP, FD_STEP

__all__ = ["run_oracle", "as_input", "values", "vjp", "central_differences", "complex_step", "OracleError",
           "MAX_COORDINATES", "bound"]

MAX_COORDINATES = 20_000  # coordinates differentiated numerically, one by one, per call (all inputs)


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
_bound = {}


def _frozen(value):
    if isinstance(value, dict):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value.item() if isinstance(value, np.generic) else value


class _Bound:
    """``math`` with keyword arguments that are not differentiated (a stride, a window's shape)
    bound: one object per (math, arguments), so that each is compiled once and named apart."""

    def __init__(self, math, static):
        self.math, self.static = math, static
        self.__module__ = getattr(math, "__module__", "?")
        self.__qualname__ = f"{getattr(math, '__qualname__', repr(math))}{list(_frozen(static))}"

    def __call__(self, *inputs):
        return self.math(*inputs, **self.static)


def bound(math, static):
    """``math(*inputs, **static)`` as a function of the inputs alone (the same object for the same
    math and static values)."""
    key = (math, _frozen(static))
    if key not in _bound:
        _bound[key] = _Bound(math, dict(static))
    return _bound[key]


def _jitted(kind, math, wrt=()):
    key = (kind, math, wrt)
    if key not in _compiled:
        if kind == "values":
            _compiled[key] = jax.jit(lambda inputs: _outputs(math(*inputs)), compiler_options=COMPILER_OPTIONS)
        elif kind == "vjp":
            phi = _phi(math, wrt)
            _compiled[key] = jax.jit(jax.grad(phi), compiler_options=COMPILER_OPTIONS)
        else:  # "phi": every input differentiated, one flat vector, for numerical derivatives
            phi = _phi(math, wrt)

            def flat_phi(flat, inputs, cotangents):
                parts, offset = [], 0
                for i in wrt:
                    size = int(np.prod(inputs[i].shape))
                    parts.append(flat[offset:offset + size].reshape(inputs[i].shape))
                    offset += size
                return phi(parts, inputs, cotangents)
            _compiled[key] = jax.jit(flat_phi, compiler_options=COMPILER_OPTIONS)
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
        with compilation_cache.in_use(), jax.enable_x64(True):  # compilations kept between runs
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
    """numpy arrays, which a jitted function takes as they are (jnp.asarray would compile a copy per shape)."""
    return tuple(as_input(x) for x in inputs)


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


def _numeric(kind, math, inputs, wrt, cotangents, estimate, dtype=np.float64):
    wrt = tuple(wrt)

    def compute():  # all inputs in ``wrt`` as one flat vector: one function compiled, not one per input
        arrays, cots = _arrays(inputs), _arrays(cotangents)
        xs = [np.asarray(inputs[i], dtype=np.float64) for i in wrt]
        flat = np.concatenate([x.ravel() for x in xs]).astype(dtype)
        if flat.size > MAX_COORDINATES:
            raise ValueError(f"inputs {list(wrt)} have {flat.size} coordinates, more than {MAX_COORDINATES}")
        phi = _jitted("phi", math, wrt)
        grad = estimate(lambda shifted: phi(shifted.copy(), arrays, cots), flat)
        parts = np.split(grad, np.cumsum([x.size for x in xs])[:-1])
        return tuple(part.reshape(x.shape) for part, x in zip(parts, xs))
    return run_oracle(kind, math, compute, (kind, wrt, tuple(inputs), tuple(cotangents)))


def central_differences(math, inputs, wrt, cotangents, eps=FD_STEP, analytic=False):
    """(phi(x + eps e_i) - phi(x - eps e_i)) / (2 eps) for every coordinate of each input in ``wrt``.

    ``analytic``: the math takes complex inputs (the complex step judges it too); phi is then
    evaluated in complex arithmetic at these real points (its real part, the same number), so that
    one compiled function serves both oracles."""
    def estimate(phi, x):
        grad = np.zeros(x.shape)
        for index in np.ndindex(x.shape):
            original = x[index]
            x[index] = original + eps
            plus = float(np.real(np.asarray(phi(x))))
            x[index] = original - eps
            minus = float(np.real(np.asarray(phi(x))))
            x[index] = original
            grad[index] = (plus - minus) / (2 * eps)
        return grad
    return _numeric("central-fd", math, inputs, wrt, cotangents, estimate,
                    np.complex128 if analytic else np.float64)


def complex_step(math, inputs, wrt, cotangents, h=COMPLEX_STEP):
    """Im phi(x + i h e_i) / h for every coordinate: exact to rounding where the math is analytic."""
    def estimate(phi, z):
        grad = np.zeros(z.shape)
        for index in np.ndindex(z.shape):
            z[index] += 1j * h
            grad[index] = float(np.imag(np.asarray(phi(z)))) / h
            z[index] -= 1j * h
        return grad
    return _numeric("complex-step", math, inputs, wrt, cotangents, estimate, np.complex128)
