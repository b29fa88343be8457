"""Check anyone's own layer: a numpy forward and backward against the same math in JAX.

    from reference import check_backward

    def forward(x, y):            # numpy: returns (out, cache)
        ...
    def backward(dout, cache):    # numpy: returns the gradient of each input in ``wrt``
        ...
    def jax_forward(x, y):        # jax.numpy: returns out
        ...

    report = check_backward(forward, backward, jax_forward, {"x": x, "y": y}, wrt=("x",))
    report.assert_passed()        # in a pytest test: fails with the report as its message

The backward is judged, gradient by gradient, against the VJP of ``jax_forward`` (JAX, float64),
central differences and the complex step of the same function (``complex_step=False`` where it
is not analytic: a max, an abs), with the upstream gradient ``upstream`` (default: drawn, seeded);
the forward's ``out`` against ``jax_forward``; writing into an argument is a failure. A
backward that returns a gradient per input may follow any of two conventions: a tuple in the
order of ``wrt``, or the array alone when ``wrt`` has one name.
"""

import numpy as np

from reference.engine.checking import report_of
from reference.engine.declarations import Function, Gradient, Value, from_learner
from reference.engine.judging import Run, check_function
from reference.engine.points import Point
from reference.learner.implementation import Implementation

__all__ = ["check_backward"]


def _name(function, default):
    name = getattr(function, "__name__", "") or default
    return default if name == "<lambda>" else name


def check_backward(forward, backward, jax_forward, inputs, *, wrt=None, upstream=None, seed=0, scale=None,
                   options=None, complex_step=True, taylor=True):
    """The Report of ``backward`` against the VJP of ``jax_forward`` at ``inputs``.

    forward(*inputs, **options) -> (out, cache); backward(dout, cache) -> the gradients of the
    inputs named in ``wrt`` (default: every floating-point input), a tuple in that order (an
    array alone for one); jax_forward(*inputs, **options) -> out, in jax.numpy. ``inputs``: {name:
    value} in the forward's argument order; ``options``: keyword arguments that are not
    differentiated (a stride, a mode). ``scale``: {name: factor} where the backward's convention
    is a multiple of the true gradient (the course's dW = (1/m) dZ A^T: {"W": 1 / m}).
    """
    if not isinstance(inputs, dict) or not inputs:
        raise ValueError("inputs must be a non-empty dict {name: array}, in the forward's argument order")
    names = list(inputs)
    arrays = {n: np.asarray(v) for n, v in inputs.items()}
    wrt = tuple(wrt) if wrt is not None else tuple(n for n in names if np.issubdtype(arrays[n].dtype, np.floating))
    unknown = [n for n in wrt if n not in inputs]
    if unknown or not wrt:
        raise ValueError(f"wrt must name some of the inputs {names}, got {list(wrt) or 'none'}")
    options = dict(options or {})
    scale = dict(scale or {})
    forward_name, backward_name = _name(forward, "forward"), _name(backward, "backward")
    if forward_name == backward_name:
        backward_name += " (backward)"

    def math(*xs):
        return jax_forward(*xs, **options)

    math.__qualname__ = f"check_backward.{_name(jax_forward, 'jax_forward')}.{id(jax_forward)}"

    def call_forward(*xs):
        return forward(*xs, **options)

    values = {n: arrays[n].astype(np.float64) if n in wrt else arrays[n] for n in names}
    out = _first_output(call_forward(*[np.array(v, copy=True) for v in values.values()]))
    rng = np.random.RandomState(seed)
    values["dout"] = (np.asarray(upstream, dtype=np.float64) if upstream is not None
                      else rng.randn(*np.shape(out)))
    gradient_names = {f"d{n}": n for n in wrt}
    forward_row = Function(forward_name, tuple(names), ("out", "cache"), math=math, math_inputs=tuple(names),
                           judge={"out": Value("out")}, complex_step=complex_step)
    backward_row = Function(
        backward_name, ("dout", "cache"), tuple(gradient_names) if len(wrt) > 1 else next(iter(gradient_names)),
        math=math, math_inputs=tuple(names), cotangent={"out": "dout"},
        judge={g: Gradient(n, scale.get(n, 1.0)) for g, n in gradient_names.items()},
        prepare={"cache": from_learner(forward_name, names, lambda result: result[1])},
        needs=(forward_name,), complex_step=complex_step, taylor=taylor)
    impl = Implementation("check_backward", {forward_name: call_forward, backward_name: backward})
    run = Run(impl)
    for row in (forward_row, backward_row):
        check_function(run, row, values)
    assignment = _Table((forward_row, backward_row))
    return report_of(run, impl, assignment, Point(values, {}, seed))


def _first_output(result):
    if isinstance(result, (tuple, list)) and len(result) == 2:
        return result[0]
    raise ValueError("forward must return (out, cache)")


class _Table:
    """The two rows as an assignment of their own (for the call graph)."""

    def __init__(self, rows):
        self.functions = rows
        self.aliases = {}

    @property
    def call_graph(self):
        return {row.name: list(row.needs) for row in self.functions}
