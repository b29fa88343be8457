"""Course 4 week 1, "Convolutional Model: Step by Step", as an assignment of the engine.

Graded by the course: zero_pad, conv_single_step, conv_forward, pool_forward (both modes).
Optional and ungraded (``graded=False``): conv_backward, create_mask_from_window, distribute_value,
pool_backward -- an unfilled template there is "not done", never a failure of the forwards.

Every backward is judged at the point's values against the VJP of the JAX forward (math.py), central
differences and the complex step (not for the max), called with the cache of the learner's own
forward (the course's, built from the point, where the learner's fails). create_mask_from_window is
judged as the gradient of max(x) and distribute_value as dz times the gradient of mean(window): the
two pieces pool_backward puts together. The convolution's rows run twice: at the course-like
stride 2, pad 1, and at pad 0, where the course's own template slice [pad:-pad] is empty (said
apart, INVALID: custom.template_slice_at_pad_0).
"""

from reference.assignments.convolution import course, custom
from reference.assignments.convolution.points import POINTS, mask_tie, max_pool_tie
from reference.engine.assignment import Assignment
from reference.engine.declarations import Function, Gradient, Lazy, Value, Variant, from_course, from_learner

__all__ = ["ASSIGNMENT"]


def _math(name):
    return Lazy("reference.assignments.convolution.math", name)


CONV = _math("conv")  # one object for conv_forward and conv_backward: their oracles are compiled once


CONV_HPARAMETERS = from_course(lambda v: v["conv_hparameters"])
POOL_HPARAMETERS = from_course(lambda v: v["pool_hparameters"])
# At pad 0 the question is the unpadding: JAX's VJP judges it; the numerical oracles ran at the main point.
COURSE_AND_PAD_0 = (Variant({}), Variant(lambda v: v["pad0"], " (pad 0)", numerical=False))
MODES = (Variant({"mode": "max"}, " (max)", _math("max_pool"), complex_step=False),  # the same objects for both rows
         Variant({"mode": "average"}, " (average)", _math("average_pool")))

FUNCTIONS = (
    Function("zero_pad", ("X", "pad"), "X_pad", math=_math("zero_pad"), math_inputs=("X",), math_static=("pad",),
             judge={"X_pad": Value("out")}),
    Function("conv_single_step", ("a_slice_prev", "W", "b"), "Z", math=_math("conv_single_step"),
             math_inputs=("a_slice_prev", "W", "b"), judge={"Z": Value("out")}, exact_shapes=False,
             prepare={"W": from_course(lambda v: v["slice_W"]), "b": from_course(lambda v: v["slice_b"])},
             custom=(custom.bias_inside_the_sum,)),
    Function("conv_forward", ("A_prev", "W", "b", "hparameters"), ("Z", "cache"), math=CONV,
             math_inputs=("A_prev", "W", "b"), math_static=("hparameters",), judge={"Z": Value("out")},
             prepare={"hparameters": CONV_HPARAMETERS}, variants=COURSE_AND_PAD_0,
             calls=("zero_pad", "conv_single_step"), custom=(custom.conv_cache, custom.stride_taken_as_1)),
    Function("pool_forward", ("A_prev", "hparameters", "mode"), ("A", "cache"), math_inputs=("A_prev",),
             math_static=("hparameters",), judge={"A": Value("out")}, prepare={"hparameters": POOL_HPARAMETERS},
             variants=MODES, custom=(custom.pool_cache, custom.stride_taken_as_1)),
    Function("conv_backward", ("dZ", "cache"), ("dA_prev", "dW", "db"), math=CONV,
             math_inputs=("A_prev", "W", "b"), math_static=("hparameters",), cotangent={"out": "dZ"},
             judge={"dA_prev": Gradient("A_prev"), "dW": Gradient("W"), "db": Gradient("b")},
             prepare={"hparameters": CONV_HPARAMETERS,
                      "cache": from_learner("conv_forward", ("A_prev", "W", "b", "conv_hparameters"),
                                            custom.second, course=custom.conv_course_cache)},
             variants=COURSE_AND_PAD_0, calls=("zero_pad",), needs=("conv_forward",), graded=False,
             custom=(custom.stride_taken_as_1,), excuse=custom.template_slice_at_pad_0),
    Function("create_mask_from_window", ("x",), "mask", math=_math("window_max"), math_inputs=("x",),
             judge={"mask": Gradient("x")}, complex_step=False, graded=False, invalid=mask_tie, vjp_at_invalid=False),
    Function("distribute_value", ("dz", "shape"), "a", math=_math("window_mean"), math_inputs=("window",),
             cotangent={"out": "dz"}, judge={"a": Gradient("window")}, graded=False),
    Function("pool_backward", ("dA", "cache", "mode"), "dA_prev", math_inputs=("A_prev",),
             math_static=("hparameters",), cotangent={"out": "dA"}, judge={"dA_prev": Gradient("A_prev")},
             prepare={"hparameters": POOL_HPARAMETERS,
                      "cache": from_learner("pool_forward", ("A_prev", "pool_hparameters", "mode"), custom.second,
                                            course=custom.pool_course_cache)},
             variants=MODES, calls=("create_mask_from_window", "distribute_value"), needs=("pool_forward",),
             custom=(custom.stride_taken_as_1,), graded=False, invalid=max_pool_tie, vjp_at_invalid=False),
)

ASSIGNMENT = Assignment(
    "convolution", "Convolutional Model: Step by Step", "course 4, week 1", functions=FUNCTIONS, points=POINTS,
    course_modules=course.contents, reference="manual_dnn.convolution",
    versions=("v1 (2017: the bias inside the sum)", "v2 (2018)", "v2a (2020)", "2021+ (public_tests)"),
    aliases={"hparameters": ("hparams", "hparam", "hyperparameters"), "a_slice_prev": ("a_slice",)},
    explain=Lazy("reference.assignments.convolution.explain", "explain"),
)
