"""Declarations: what the engine needs to know of a function to check it, as data.

A ``Function`` is one row of an assignment's table: its course name, arguments and
what it returns; the JAX math it is judged against and which returned value is which
output or gradient of that math; how its arguments are prepared from a check point
(a cache from the course's forward or from the learner's own); the variants it is
called in (each activation); where it has no derivative. Where a row needs more than
data, it names a small function (``custom``) that the engine runs beside it.

    Function("linear_backward", ("dZ", "cache"), ("dA_prev", "dW", "db"),
             math=linear, math_inputs=("A_prev", "W", "b"), cotangent={"Z": "dZ"},
             judge={"dA_prev": Gradient("A_prev"), "dW": Gradient("W", PER_M), "db": Gradient("b", PER_M)},
             prepare={"cache": from_point("A_prev", "W", "b")})

Returned structures (``returns``): a name is one value returned as it is; a tuple is a
tuple (or list) of structures; ``Keys("dw", "db")`` is a dict holding those keys (each
key names its value). Every name in a structure is unique within its row.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Function", "Gradient", "Value", "Keys", "Variant", "PER_M", "BY_M", "from_point", "from_course",
           "from_learner", "names_in", "Prepared", "Lazy", "Instance", "Convention", "Likely"]


class Lazy:
    """A function of a module imported when first called: a table names its JAX math this way,
    so that reading the table (the learner's sandbox does, to know the course's functions and
    helpers) never imports JAX."""

    def __init__(self, module, name):
        self.module, self.name = module, name
        self.__qualname__ = name
        self.__module__ = module
        self._function = None

    def __call__(self, *args, **kwargs):
        if self._function is None:
            self._function = getattr(importlib.import_module(self.module), self.name)
        return self._function(*args, **kwargs)

    def __repr__(self):
        return f"Lazy({self.module}.{self.name})"

    def __eq__(self, other):  # two rows naming the same math share its compiled oracles
        return isinstance(other, Lazy) and (self.module, self.name) == (other.module, other.name)

    def __hash__(self):
        return hash((Lazy, self.module, self.name))


@dataclass(frozen=True)
class Keys:
    """A returned dict with these keys; each key names its value (``Keys("dW1", "db1")``).
    A pair reads a key under another name (``Keys(("dx", "dxt"), ...)``: the dict's "dx" is the
    value the row calls dxt), for another version's or a learner's own naming."""

    entries: tuple  # ((key in the dict, name of its value), ...)

    def __init__(self, *entries):
        object.__setattr__(self, "entries", tuple(e if isinstance(e, tuple) else (e, e) for e in entries))

    @property
    def names(self):
        return tuple(name for _, name in self.entries)

    @property
    def keys(self):
        return tuple(key for key, _ in self.entries)


def names_in(structure):
    """Every value name of a returned structure, in order."""
    if isinstance(structure, str):
        return [structure]
    if isinstance(structure, Keys):
        return list(structure.names)
    return [name for part in structure for name in names_in(part)]


@dataclass(frozen=True)
class Gradient:
    """A returned value that is ``scale`` times the gradient of the math's input ``of``
    (the VJP of the math with the row's cotangent). ``scale``: a number, or a function of
    the point's values (the course's 1/m on dW and db: ``PER_M``)."""

    of: str
    scale: object = 1.0
    exact_shape: bool | None = None  # the row's exact_shapes, for this value only


@dataclass(frozen=True)
class Value:
    """A returned value that is the math's output ``of`` (a forward value, a loss). ``near``: a
    value within this relative error, though not within the tolerance, is a contract difference,
    not a failure (a cost with an epsilon inside its logarithms)."""

    of: str
    shape_words: str = ""  # said beside a wrong shape whose values are right (the course's np.squeeze)
    exact_shape: bool | None = None  # the row's exact_shapes, for this value only
    near: float = 0.0


def PER_M(values):
    """1/m, m the number of examples (the columns of the point's ``m``)."""
    return 1.0 / values["m"]


def BY_M(values):
    """m: a gradient of the summed loss where the math gives the mean's (the course's dZ)."""
    return float(values["m"])


@dataclass(frozen=True)
class Variant:
    """One way a row is called: values added to the point (``{"activation": "relu"}``, or a
    function of the point's values returning them: another hyperparameter set drawn with the
    point), and the suffix its checks carry (" (relu)"). ``row``: other fields of the row in this
    variant (its math_inputs, returns, judge: a network with batch norm returns gamma's gradients too).
    ``requires``: constructor parameters (of a Class.method row) without which the learner's version
    has no such variant (layer norm, added in 2018): not checked there, and a note says so."""

    values: dict | Callable
    suffix: str = ""
    math: Callable | None = None  # the math of this variant, where it is not the row's
    row: dict = field(default_factory=dict)
    requires: tuple = ()
    complex_step: bool | None = None  # where it differs from the row's (a max is not analytic)
    numerical: bool | None = None  # False: JAX's VJP alone judges this variant (the numerical oracles ran at another)


@dataclass(frozen=True)
class Instance:
    """How the object a ``Class.method`` row is called on is built: ``Class(*arguments)``, the course's
    constructor parameters (point values) bound to the learner's own constructor by name, as a function's
    arguments are (the assignment's aliases too); ``keywords`` {parameter: point value} passed where the
    learner's constructor has that parameter and the point (or the variant) that value (a dtype, a seed,
    a normalisation named by one variant); then ``attributes`` {attribute: point
    value} set on the new object (copies: the network's ``params`` at the check point)."""

    arguments: tuple = ()
    keywords: dict = field(default_factory=dict)
    attributes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Convention:
    """Another course version's math for a row (a regularisation of 0.5 reg where the row's is reg): where
    the values the learner's function returned fit it and not the row's own math, the row is judged by
    it, and the difference said in ``words``."""

    words: str
    math: Callable


@dataclass(frozen=True)
class Likely:
    """A likely bug, by the math it computes instead of the row's (the other activation's): a value
    that fails JAX's check and fits this math is said in ``words``."""

    words: str
    math: Callable


@dataclass(frozen=True)
class Prepared:
    """An argument the checker prepares before the call.

    ``course(values)`` builds it as the course's code would (the checker's own forward);
    ``learner``, where given, names the learner's function whose output ``pick`` takes it
    from, called with ``learner_arguments`` (names in the point): the learner's own cache,
    where the backward must read what its forward kept (a dropout mask). When the learner's
    forward is missing or fails, the course's is used, and the report says so; likewise when
    ``usable(value, values)`` names a reason not to use the learner's (a cache of another layout,
    or holding wrong values: the backward is then judged on its own, from the course's cache).
    """

    course: Callable | None = None
    learner: str | None = None
    learner_arguments: tuple = ()
    pick: Callable | None = None
    usable: Callable | None = None  # (value, point values) -> None, or why the learner's cannot be used


def from_point(*names):
    """A prepared tuple of point values in the course's layout (a cache (A_prev, W, b))."""
    return Prepared(course=lambda values: tuple(values[n] for n in names))


def from_course(function):
    """A prepared value that ``function(values)`` builds (the checker's own forward)."""
    return Prepared(course=function)


def from_learner(function, arguments, pick, course=None, usable=None):
    """The learner's own ``function(*arguments)`` output, as ``pick(result)`` takes it;
    the course's ``course(values)`` where the learner's is missing or fails, or where
    ``usable(value, values)`` says why it cannot be used."""
    return Prepared(course=course, learner=function, learner_arguments=tuple(arguments), pick=pick, usable=usable)


@dataclass(frozen=True)
class Function:
    """One function of an assignment, and how to check it.

    name, arguments, returns: the course's contract (current version). ``signatures``:
    other argument lists of other course versions (called by name, reported as a
    difference, never failed). ``calls``: the functions of the assignment it calls in the
    course's code (root causes follow them); ``needs``: those whose results it reads
    without calling them (a backward reads its forward's cache).

    math, math_inputs, math_outputs: the JAX forward it is judged against (a function of
    the named point values, in this order; an entry ``(name, pick)`` takes its value as
    ``pick(values)``, e.g. a dropout mask read from the learner's own cache). ``judge``
    says which returned value is which output (``Value``) or gradient (``Gradient``);
    ``cotangent`` maps math outputs to the argument that holds their upstream gradient
    (none: a scalar loss, whose cotangent is 1). ``complex_step``: the math is analytic
    at the points drawn, so the complex step judges too. ``exact_shapes``: a returned
    value must have the math's exact shape (else a singleton difference -- (1, 1) for (), (1, D)
    for (D,), the same shape once its 1s are dropped -- is a contract difference; any other shape fails).
    ``custom``: functions ``(run, row, values, returned, suffix)``
    that add checks of their own after the generic ones (a cache's layout, the kink of ReLU);
    ``check``: a function ``(run, row, values)`` that checks the row instead of the generic
    judge (a training loop, a learner's own gradient checker). ``mutable``: arguments it may
    write into (the course's update_parameters writes into its dict), said as a difference;
    ``writes``: arguments its contract has it write into (batch norm's running averages into
    bn_param), neither failed nor said. ``alternatives``: the
    returned structures of other course versions (read, reported as a difference).
    ``harmless_writes``: {argument: why} it may write into without failing, said as a warning
    note (a backward writing into ``dout`` where the course's own code never reads ``dout`` again).
    ``invalid(values)``: why the numerical oracles cannot judge at this point (a kink), or
    None; there JAX's VJP still judges where the course's convention is JAX's (ReLU's 0 at 0),
    unless ``vjp_at_invalid`` is False (a tie in a max: no convention, so no oracle judges).
    ``taylor``: also the Taylor test of the learner's gradients along one direction.
    ``math_static``: point values the math takes as keyword arguments that are not
    differentiated (a stride, a padding, a window shape): hashable, part of what is compiled.
    ``graded`` False: the course marks it optional and does not grade it; where the learner left
    its template unfilled (reference.engine.unfilled) it is "not done", never a failure.
    ``excuse(run, row, values, suffix, failing checks)``: a reason when the failures of a variant
    are the course's template's own and not the learner's (the template's ``[pad:-pad]`` at pad
    0); those checks are then INVALID with the reason, never FAIL.
    ``time_axes``: returned values with a time axis ({"dx": -1}): a failing one says which time
    steps are wrong and the first one its pass meets (forward, or backward for a gradient).
    ``instance``: for a row named ``Class.method``, how the object it is called on is built (Instance).
    ``conventions``: other versions' math (Convention), chosen where the returned values fit them.
    ``likely``: likely bugs (Likely) a failing value is compared with, to name them.
    """

    name: str
    arguments: tuple
    returns: object
    math: Callable | None = None
    math_inputs: tuple = ()
    math_outputs: tuple = ("out",)
    judge: dict = field(default_factory=dict)
    cotangent: dict = field(default_factory=dict)
    prepare: dict = field(default_factory=dict)
    variants: tuple = (Variant({}),)
    calls: tuple = ()
    needs: tuple = ()
    signatures: tuple = ()
    helper: bool = False
    graded: bool = True
    notebook: str = ""
    home: str = ""
    complex_step: bool = True
    exact_shapes: bool = True
    custom: tuple = ()
    check: Callable | None = None
    mutable: tuple = ()
    writes: tuple = ()  # arguments the course's contract has it write into (bn_param's running averages)
    harmless_writes: dict = field(default_factory=dict)
    since: str = ""  # the course version that added it: a file with none of that version's functions lacks none
    alternatives: tuple = ()
    invalid: Callable | None = None
    taylor: bool = False
    instance: Instance | None = None
    conventions: tuple = ()
    description: str = ""
    math_static: tuple = ()
    excuse: Callable | None = None
    vjp_at_invalid: bool = True
    numerical: bool = True  # central differences (and the complex step) beside JAX's VJP
    time_axes: dict = field(default_factory=dict)  # returned name -> its axis of time steps (a, dx of an RNN)
    likely: tuple = ()

    @property
    def gradients(self):
        return {name: j for name, j in self.judge.items() if isinstance(j, Gradient)}

    @property
    def values(self):
        return {name: j for name, j in self.judge.items() if isinstance(j, Value)}

    @property
    def outputs(self):
        """The names of what it returns, in order (every level of a nested structure)."""
        return tuple(names_in(self.returns))
