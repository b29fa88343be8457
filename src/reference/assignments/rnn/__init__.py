"""Course 5 week 1, "Building your Recurrent Neural Network: Step by Step", as an assignment of
the engine: the basic RNN and the LSTM, forward (graded by the course) and backward (optional,
ungraded: a learner's unfilled template is "not done", never a failure).

Every course version has the same signatures, caches and gradient keys (tests/learners/rnn/
README.md has the evidence): v1-v3 (2018, test cells with notebook globals), v3a/v3b (2020,
``_tmp`` test cells) and the current one (2021 on, public_tests). A learner's own key names
(``dx`` for the cell's ``dxt``, as its docstring says; ``dWu``/``dbu`` for the update gate, as
the equations say) are read and reported as a difference. Each backward is called with its
own forward's cache when that cache is the course's, else with the course's cache (said in a
note), so that it is judged on its own; the sequences' gradients are also judged one time step
at a time (hooks.through_time), and a wrong tensor with a time axis says which steps are wrong.
"""

from reference.assignments.rnn import course_values, hooks
from reference.assignments.rnn.points import POINTS
from reference.engine.assignment import Assignment
from reference.engine.declarations import Function, Gradient, Keys, Lazy, Value, from_learner

__all__ = ["ASSIGNMENT", "RNN_GRADIENTS", "LSTM_GRADIENTS"]


def _math(name):
    return Lazy("reference.assignments.rnn.math", name)


RNN_INPUTS = ("Wax", "Waa", "Wya", "ba", "by")
LSTM_INPUTS = ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo", "Wy", "by")
RNN_GRADIENTS = ("dWax", "dWaa", "dba")
LSTM_GRADIENTS = ("dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo")
RNN_CELL_KEYS = ("dxt", "da_prev", *RNN_GRADIENTS)
LSTM_CELL_KEYS = ("dxt", "da_prev", "dc_prev", *LSTM_GRADIENTS)
UPDATE_GATE = {"dWi": "dWu", "dbi": "dbu"}  # the equations call the update gate u, the code i


def _renamed(keys, renames):
    """Keys of another naming: each returned key read as the course's name it stands for."""
    return Keys(*[(renames[k], k) if k in renames else k for k in keys])


def _gradients(keys, inputs):
    """{returned key: Gradient of the math input it names} (dxt -> xt, dWax -> Wax, da0 -> a0)."""
    of = {"dxt": "xt", "dx": "x", "da_prev": "a_prev", "dc_prev": "c_prev", "da0": "a0"}
    return {k: Gradient(of.get(k, k[1:])) for k in keys if of.get(k, k[1:]) in inputs}


# One Lazy per math, shared by the forward and backward rows: the engine compiles per function object.
MATH = {name: _math(name) for name in ("softmax", "rnn_cell_outputs", "rnn_sequence_outputs", "lstm_cell_outputs",
                                       "lstm_sequence_outputs")}
RNN_CELL_MATH = ("xt", "a_prev", *RNN_INPUTS)
LSTM_CELL_MATH = ("xt", "a_prev", "c_prev", *LSTM_INPUTS)
RNN_SEQUENCE_MATH = ("x", "a0", *RNN_INPUTS)
LSTM_SEQUENCE_MATH = ("x", "a0", *LSTM_INPUTS)
RNN = hooks.using(parameters="rnn_parameters")
LSTM = hooks.using(parameters="lstm_parameters")
SEQUENCE = {"a": -1, "y_pred": -1, "y": -1, "c": -1, "dx": -1}  # time is the last axis


def _cell_cache(forward, arguments):
    return {"cache": from_learner(forward, arguments, lambda result: result[-1], course=hooks.cell_cache,
                                  usable=hooks.usable_cache)}


def _sequence_caches(forward):
    return {"caches": from_learner(forward, ("x", "a0", "parameters"), lambda result: result[-1],
                                   course=hooks.sequence_caches, usable=hooks.usable_caches)}


FUNCTIONS = (
    Function("softmax", ("x",), "s", math=MATH["softmax"], math_inputs=("x",), math_outputs=("s",),
             judge={"s": Value("s")}, helper=True, graded=False, home="rnn_utils",
             check=hooks.using(x="logits")),
    Function("rnn_cell_forward", ("xt", "a_prev", "parameters"), ("a_next", "yt_pred", "cache"),
             math=MATH["rnn_cell_outputs"], math_inputs=RNN_CELL_MATH, math_outputs=("a_next", "yt_pred"),
             judge={"a_next": Value("a_next"), "yt_pred": Value("yt_pred")}, calls=("softmax",),
             custom=(hooks.forward_cache,), check=RNN),
    Function("rnn_forward", ("x", "a0", "parameters"), ("a", "y_pred", "caches"),
             math=MATH["rnn_sequence_outputs"], math_inputs=RNN_SEQUENCE_MATH, math_outputs=("a", "y_pred"),
             judge={"a": Value("a"), "y_pred": Value("y_pred")}, calls=("rnn_cell_forward",), time_axes=SEQUENCE,
             custom=(hooks.forward_caches, hooks.starts_from_a0), check=RNN),
    Function("lstm_cell_forward", ("xt", "a_prev", "c_prev", "parameters"), ("a_next", "c_next", "yt_pred", "cache"),
             math=MATH["lstm_cell_outputs"], math_inputs=LSTM_CELL_MATH, math_outputs=("a_next", "c_next", "yt_pred"),
             judge={"a_next": Value("a_next"), "c_next": Value("c_next"), "yt_pred": Value("yt_pred")},
             calls=("softmax",), custom=(hooks.forward_cache,), check=LSTM),
    Function("lstm_forward", ("x", "a0", "parameters"), ("a", "y", "c", "caches"),
             math=MATH["lstm_sequence_outputs"], math_inputs=LSTM_SEQUENCE_MATH, math_outputs=("a", "y", "c"),
             judge={"a": Value("a"), "y": Value("y"), "c": Value("c")}, calls=("lstm_cell_forward",),
             time_axes=SEQUENCE, custom=(hooks.forward_caches, hooks.starts_from_a0), check=LSTM),
    Function("rnn_cell_backward", ("da_next", "cache"), Keys(*RNN_CELL_KEYS),
             math=MATH["rnn_cell_outputs"], math_inputs=RNN_CELL_MATH, math_outputs=("a_next", "yt_pred"),
             cotangent={"a_next": "da_next"}, judge=_gradients(RNN_CELL_KEYS, RNN_CELL_MATH),
             alternatives=(_renamed(RNN_CELL_KEYS, {"dxt": "dx"}),), graded=False,
             prepare=_cell_cache("rnn_cell_forward", ("xt", "a_prev", "parameters")), check=RNN),
    Function("rnn_backward", ("da", "caches"), Keys("dx", "da0", *RNN_GRADIENTS),
             math=MATH["rnn_sequence_outputs"], math_inputs=RNN_SEQUENCE_MATH, math_outputs=("a", "y_pred"),
             cotangent={"a": "da"}, judge=_gradients(("dx", "da0", *RNN_GRADIENTS), RNN_SEQUENCE_MATH),
             calls=("rnn_cell_backward",), graded=False, time_axes=SEQUENCE, taylor=True,
             prepare=_sequence_caches("rnn_forward"), custom=(hooks.through_time,), check=RNN),
    Function("lstm_cell_backward", ("da_next", "dc_next", "cache"), Keys(*LSTM_CELL_KEYS),
             math=MATH["lstm_cell_outputs"], math_inputs=LSTM_CELL_MATH, math_outputs=("a_next", "c_next", "yt_pred"),
             cotangent={"a_next": "da_next", "c_next": "dc_next"}, judge=_gradients(LSTM_CELL_KEYS, LSTM_CELL_MATH),
             alternatives=(_renamed(LSTM_CELL_KEYS, {"dxt": "dx"}), _renamed(LSTM_CELL_KEYS, UPDATE_GATE),
                           _renamed(LSTM_CELL_KEYS, {"dxt": "dx", **UPDATE_GATE})), graded=False,
             prepare=_cell_cache("lstm_cell_forward", ("xt", "a_prev", "c_prev", "parameters")), check=LSTM),
    Function("lstm_backward", ("da", "caches"), Keys("dx", "da0", *LSTM_GRADIENTS),
             math=MATH["lstm_sequence_outputs"], math_inputs=LSTM_SEQUENCE_MATH, math_outputs=("a", "y", "c"),
             cotangent={"a": "da"}, judge=_gradients(("dx", "da0", *LSTM_GRADIENTS), LSTM_SEQUENCE_MATH),
             alternatives=(_renamed(("dx", "da0", *LSTM_GRADIENTS), UPDATE_GATE),),
             calls=("lstm_cell_backward",), graded=False, time_axes=SEQUENCE, taylor=True,
             prepare=_sequence_caches("lstm_forward"), custom=(hooks.through_time, course_values.printed_numbers_note),
             check=LSTM),
)


def course_modules():
    """rnn_utils, as the notebook imports it (``from rnn_utils import *``): softmax and sigmoid."""
    from manual_dnn.rnn_activations import sigmoid, softmax

    return {"rnn_utils": {"softmax": softmax, "sigmoid": sigmoid}}


ASSIGNMENT = Assignment(
    "rnn", "Building your Recurrent Neural Network: Step by Step", "course 5, week 1",
    functions=FUNCTIONS, points=POINTS, course_modules=course_modules, reference="manual_dnn.rnn",
    explain=Lazy("reference.assignments.rnn.explain", "explain_rnn"),
    versions=("v1-v3 (2018)", "v3a, v3b (2020)", "current (public_tests)"))
