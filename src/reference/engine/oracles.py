"""The oracles of one declared math function: values and VJP by JAX, and, independent of
autodiff, central differences and the complex step of the same function.

The function ``math(*inputs)`` returns one array or a tuple of arrays. With cotangents
``u`` (one per output), the gradient of ``phi(x) = sum_k <u_k, math(x)_k>`` with respect to
an input is that input's VJP; central differences and the complex step estimate the same
gradient coordinate by coordinate (``phi`` is a scalar), by evaluating the math at shifted
inputs. JAX runs in float64 inside each call only (never a process-wide flag); every result
is a numpy float64 array; an oracle's own failure is an OracleError (the checker's error,
never the learner's FAIL).

Compiling is what a check spends its time on, so ``gradients`` asks for every oracle of a
row in one compiled program: the VJP, and ``phi`` at every shifted input of every input
differentiated at once (``jax.vmap`` over a batch of shifts, real for central differences,
complex for the complex step; at most CHUNK coordinates a call, the program called again
for more). Compiled functions are kept per (math, kind, inputs differentiated, methods):
JAX compiles each once per shape; the assignments' own programs are kept between runs too
(reference/oracles/executables.py), so a warm check neither traces nor compiles them.
"""

import hashlib
import threading

import jax
import jax.numpy as jnp
import numpy as np

from reference.oracles import compilation_cache, executables, memo
from reference.oracles.jax_network import OracleError
from reference.tolerances import COMPLEX_STEP, FD_STEP

__all__ = ["run_oracle", "as_input", "values", "gradients", "prefetch", "vjp", "central_differences",
           "complex_step", "OracleError", "MAX_COORDINATES", "METHODS", "bound"]

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
_compiled_lock = threading.Lock()  # a program is made once, whether the check or a prefetch asks first
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


def _jitted(kind, math, wrt=(), methods=()):
    with _compiled_lock:
        return _program(kind, math, wrt, methods)


def _program(kind, math, wrt, methods):
    key = (kind, math, wrt, methods)
    if key not in _compiled:
        if kind == "values":
            program = lambda inputs: _outputs(math(*inputs))
        else:  # "gradients": the VJP and phi at batches of shifted inputs, in one program
            program = _gradients_program(math, wrt, methods)
        name = _kept_name(kind, math, wrt, methods)
        # not kept, it is compiled as a kept one is (executables.COMPILER_OPTIONS: XLA's float semantics do not
        # depend on the optimisation level, its cost does)
        _compiled[key] = executables.jit(program, name) if name else \
            jax.jit(program, compiler_options=executables.COMPILER_OPTIONS)
    return _compiled[key]


def _kept_name(kind, math, wrt=(), methods=()):
    """The name the program's executables are kept under between runs (reference/oracles/executables.py),
    or None to compile it in each process. Kept: a math of the reference package named by its module and
    qualified name alone, as the assignments' are -- the executables' digest covers that package's source, so
    an edit compiles afresh. Not kept: anyone's own math (check_backward's: its edits would not show in the
    digest), a lambda or a local function (two can share a qualified name)."""
    inner = math.math if isinstance(math, _Bound) else math
    module, qualname = getattr(inner, "__module__", None), getattr(inner, "__qualname__", None)
    if not (isinstance(module, str) and module.startswith("reference.") and isinstance(qualname, str)) \
            or "<" in qualname:
        return None
    what = repr((kind, module, getattr(math, "__qualname__", qualname), tuple(wrt), tuple(methods)))
    return "engine-" + hashlib.sha256(what.encode()).hexdigest()[:24]


def _gradients_program(math, wrt, methods):
    """program(inputs, cotangents, real_batch, complex_batch) -> {method: result}: the VJP for each
    input in ``wrt``; phi at each row of a batch of shifted inputs (every input in ``wrt``
    flattened and joined, one row a shifted point), real ones for central differences and
    complex ones for the complex step."""
    phi = _phi(math, wrt)

    def phi_of_row(row, inputs, cotangents):
        return phi(_split(row, [inputs[i] for i in wrt]), inputs, cotangents)

    def program(inputs, cotangents, real_batch, complex_batch):
        found = {}
        if "jax-vjp" in methods:
            found["jax-vjp"] = jax.grad(phi)(tuple(inputs[i] for i in wrt), inputs, cotangents)
        shifted = jax.vmap(phi_of_row, in_axes=(0, None, None))
        if "central-fd" in methods:
            found["central-fd"] = shifted(real_batch, inputs, cotangents)
        if "complex-step" in methods:
            found["complex-step"] = shifted(complex_batch, inputs, cotangents)
        return found
    return program


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


METHODS = ("jax-vjp", "central-fd", "complex-step")
CHUNK = 256  # shifted points per call of a gradients program (at most BATCH_BUDGET numbers in a batch)
BATCH_BUDGET = 1 << 21  # 16 MB of float64 per batch of shifted inputs, whatever the inputs' size


def gradients(math, inputs, wrt, cotangents, methods=METHODS, eps=FD_STEP, h=COMPLEX_STEP):
    """{method: (gradient of each input in ``wrt``)} for each of ``methods`` (jax-vjp,
    central-fd, complex-step), from one compiled program: the VJP of the math with
    ``cotangents`` (one per output); central differences (phi(x + eps e_i) - phi(x - eps e_i)) / (2 eps),
    in real arithmetic, and the complex step Im phi(x + i h e_i) / h (asked for only where the math is
    analytic) for every coordinate of every input in ``wrt``: at most MAX_COORDINATES in all."""
    wrt, methods = tuple(wrt), tuple(m for m in METHODS if m in methods)

    def compute():  # all inputs in ``wrt`` as one flat vector: one function compiled, not one per input
        arrays, cots = _arrays(inputs), _arrays(cotangents)
        originals, joined, numeric, chunk = _batching(inputs, wrt, methods)
        program = _jitted("gradients", math, wrt, methods)
        n = joined.size
        if numeric and n > MAX_COORDINATES:
            raise ValueError(f"inputs {list(wrt)} have {n} coordinates, more than {MAX_COORDINATES}")
        found, estimates = {}, {m: np.zeros(n) for m in numeric}
        for first in range(0, n, chunk) if numeric and n else (0,):  # the VJP alone: one call
            coordinates = np.arange(first, min(first + chunk, n))
            real, imaginary = _shifted(joined, coordinates, chunk, numeric, eps, h)
            result = program(arrays, cots, real, imaginary)
            if "jax-vjp" in methods and "jax-vjp" not in found:
                found["jax-vjp"] = tuple(_float64(g) for g in result["jax-vjp"])
            k = len(coordinates)
            if "central-fd" in numeric:
                phis = np.asarray(result["central-fd"], dtype=np.float64)
                estimates["central-fd"][coordinates] = (phis[:k] - phis[chunk:chunk + k]) / (2 * eps)
            if "complex-step" in numeric:
                estimates["complex-step"][coordinates] = np.imag(np.asarray(result["complex-step"]))[:k] / h
        for method in numeric:
            found[method] = _split(estimates[method], originals)
        return found
    return run_oracle("gradients", math, compute,
                      ("gradients", methods, wrt, eps, h, tuple(inputs), tuple(cotangents)))


def _batching(inputs, wrt, methods):
    """(the inputs in ``wrt`` as float64, them flattened and joined, the numerical methods, the
    coordinates shifted per call of the program)."""
    originals = [np.asarray(inputs[i], dtype=np.float64) for i in wrt]
    joined = np.concatenate([x.ravel() for x in originals]) if originals else np.zeros(0)
    n = joined.size
    return originals, joined, [m for m in methods if m != "jax-vjp"], max(1, min(n, CHUNK, BATCH_BUDGET // max(n, 1)))


def prefetch(math, inputs, wrt, cotangents_of, methods=METHODS):
    """Start loading or compiling, in the background, the programs ``values(math, inputs)`` and
    ``gradients(math, inputs, wrt, cotangents_of(outputs), methods)`` run (``outputs``: zeros shaped as
    the math's): compiling is most of a first check. Only programs kept between runs; a head start only."""
    if _kept_name("values", math) is None or not compilation_cache.enabled():
        return
    arrays, methods = _arrays(inputs), tuple(m for m in METHODS if m in methods)

    def start():
        with jax.enable_x64(True):
            values_program = _jitted("values", math).specialized(arrays)
            if not wrt:
                return
            _, joined, numeric, chunk = _batching(inputs, wrt, methods)
            if numeric and joined.size > MAX_COORDINATES:
                return
            outputs = values_program(arrays)  # run, for the outputs' shapes: a warm check traces nothing
            cotangents = _arrays(cotangents_of(tuple(np.zeros(np.shape(y)) for y in outputs)))
            batches = _shifted(joined, np.arange(min(chunk, joined.size)), chunk, numeric, FD_STEP, COMPLEX_STEP)
            _jitted("gradients", math, tuple(wrt), methods).specialized(arrays, cotangents, *batches)
    executables.in_background(start)


def _shifted(joined, coordinates, chunk, numeric, eps, h):
    """(real batch, complex batch): ``chunk`` rows each; row k shifts coordinate ``coordinates[k]``
    (x + eps e_i in the first ``chunk`` real rows, x - eps e_i in the next; x + i h e_i in the
    complex ones); rows past the coordinates are x itself (the last call's padding)."""
    rows = np.arange(len(coordinates))
    real = np.zeros((0, joined.size))
    imaginary = np.zeros((0, joined.size), dtype=np.complex128)
    if "central-fd" in numeric:
        plus, minus = np.tile(joined, (chunk, 1)), np.tile(joined, (chunk, 1))
        plus[rows, coordinates] = joined[coordinates] + eps
        minus[rows, coordinates] = joined[coordinates] - eps
        real = np.concatenate([plus, minus])
    if "complex-step" in numeric:
        imaginary = np.tile(joined.astype(np.complex128), (chunk, 1))
        imaginary[rows, coordinates] += 1j * h
    return real, imaginary


def _split(joined, like):
    """``joined`` cut into arrays of the shapes of ``like``."""
    pieces, start = [], 0
    for x in like:
        pieces.append(joined[start:start + x.size].reshape(x.shape))
        start += x.size
    return tuple(pieces)


def vjp(math, inputs, wrt, cotangents):
    """The VJP of the math with ``cotangents`` (one per output) for each input index in ``wrt``."""
    return gradients(math, inputs, wrt, cotangents, ("jax-vjp",))["jax-vjp"]


def central_differences(math, inputs, wrt, cotangents, eps=FD_STEP):
    """(phi(x + eps e_i) - phi(x - eps e_i)) / (2 eps) for every coordinate of each input in ``wrt``."""
    return gradients(math, inputs, wrt, cotangents, ("central-fd",), eps=eps)["central-fd"]


def complex_step(math, inputs, wrt, cotangents, h=COMPLEX_STEP):
    """Im phi(x + i h e_i) / h for every coordinate: exact to rounding where the math is analytic."""
    return gradients(math, inputs, wrt, cotangents, ("complex-step",), h=h)["complex-step"]
