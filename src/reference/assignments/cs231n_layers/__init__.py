"""Stanford CS231n's ``cs231n/layers.py`` (assignment 2; its first half in assignment 1 from 2020 on), as
an assignment of the engine.

Every forward is judged against its JAX math; every backward against the VJP of that math through
the learner's *own* cache (``from_learner``: the cache its forward made, the course's fallback
said in a note), on non-square images, strides and pads, gamma and beta far from 1 and 0. Batch
normalisation's forward is judged in train and test mode. Dropout's backward is judged with the
mask the learner's own forward applied (its ``out / x``), held fixed. The version a file follows
decides two verdicts: dropout's ``p`` (2016-2017: the probability of dropping a unit; from 2018:
of keeping it) and whether layer and group normalisation are there at all (added in 2018).
"""

from reference.assignments.cs231n_layers import custom
from reference.assignments.cs231n_layers.points import POINTS
from reference.engine.assignment import Assignment
from reference.engine.declarations import Function, Gradient, Lazy, Value, Variant, from_course, from_learner

__all__ = ["ASSIGNMENT", "LAYERS"]

DOUT_WRITE = ("harmless in the course's own code (layer_utils and the classifiers pass each upstream gradient to "
              "one backward and never read it again), a bug wherever dout is used twice (a skip connection, "
              "a gradient check that reuses it): compute into a new array (dout * (x > 0), or dout.copy())")


def _math(name):
    return Lazy("reference.assignments.cs231n_layers.math", name)


def given(name):
    """A prepared argument: the point's value ``name`` (each layer family has its own x)."""
    return from_course(lambda values: values[name])


def _cache(result):
    return result[1]


def own_cache(forward, arguments, course):
    """The cache the learner's own ``forward`` made (the course's ``course(values)`` where it has none)."""
    return from_learner(forward, arguments, _cache, course=course)


def _reference(name):
    def course(values, arguments):
        import manual_dnn.cs231n_layers as reference

        return getattr(reference, name)(*[_copy(values[a]) for a in arguments])[1]
    return course


def _copy(value):
    import copy

    return copy.deepcopy(value)


ONCE = (Variant({}),)


def _pair(forward, gradients, *, inputs, extra=(), math, prepare, variants=ONCE, **options):
    """A forward ``(out, cache)`` and its backward ``(dout, cache) -> gradients`` (in ``inputs`` order)."""
    arguments = tuple(inputs) + tuple(extra)
    backward = forward.replace("_forward", "_backward")
    course = _reference(forward)
    forward_row = Function(forward, arguments, ("out", "cache"), math=math, math_inputs=options.get("math_inputs",
                           inputs), judge={"out": Value("out")}, prepare=prepare, variants=variants,
                           mutable=options.get("mutable", ()), complex_step=options.get("complex_step", True))
    backward_row = Function(
        backward, ("dout", "cache"), tuple(f"d{g}" for g in gradients) if len(gradients) > 1 else f"d{gradients[0]}",
        math=math, math_inputs=options.get("math_inputs", inputs), cotangent={"out": "dout"},
        judge={f"d{g}": Gradient(g) for g in gradients},
        prepare={**prepare, "dout": given(options["dout"]),
                 "cache": own_cache(forward, arguments, lambda v: course(v, arguments))},
        variants=options.get("backward_variants", ONCE), needs=(forward,),
        exact_shapes=False, complex_step=options.get("complex_step", True),
        harmless_writes=options.get("harmless_writes", {}))
    return forward_row, backward_row


def _bn_param(mean, var):
    return from_course(lambda v: {"mode": v["mode"], "eps": v["eps"], "momentum": 0.9,
                                  "running_mean": v[mean].copy(), "running_var": v[var].copy()})


TRAIN = Variant({"mode": "train"}, " (train)")
NORMALISATION_MODES = (Variant({"mode": "train"}, " (train)", _math("batchnorm_train")),
                       Variant({"mode": "test"}, " (test)", _math("batchnorm_test")))
SPATIAL_MODES = (Variant({"mode": "train"}, " (train)", _math("spatial_batchnorm_train")),
                 Variant({"mode": "test"}, " (test)", _math("spatial_batchnorm_test")))


def _running(mean, var):
    return (("running_mean", lambda v: v[mean]), ("running_var", lambda v: v[var]))


def _geometry(param, *keys):
    def pick(values):
        from reference.assignments.cs231n_layers.points import settings

        return settings(*(values[param][k] for k in keys))
    return (("geometry", pick),)


AFFINE = _pair("affine_forward", ("x", "w", "b"), inputs=("x", "w", "b"), math=_math("affine"),
               prepare={"x": given("x_affine")}, dout="dout_affine")
RELU = _pair("relu_forward", ("x",), inputs=("x",), math=_math("relu"), prepare={"x": given("x_relu")},
             dout="dout_relu", harmless_writes={"dout": DOUT_WRITE})
BATCHNORM = _pair("batchnorm_forward", ("x", "gamma", "beta"), inputs=("x", "gamma", "beta"), extra=("bn_param",),
                  math=_math("batchnorm_train"), math_inputs=("x", "gamma", "beta", *_running("running_mean",
                                                                                              "running_var")),
                  prepare={"x": given("x_norm"), "bn_param": _bn_param("running_mean", "running_var")},
                  variants=NORMALISATION_MODES, backward_variants=(Variant({"mode": "train"}),), mutable=("bn_param",),
                  dout="dout_norm")
BATCHNORM_ALT = Function(
    "batchnorm_backward_alt", ("dout", "cache"), ("dx", "dgamma", "dbeta"), math=_math("batchnorm_train"),
    math_inputs=BATCHNORM[1].math_inputs, cotangent={"out": "dout"}, judge=BATCHNORM[1].judge,
    prepare=BATCHNORM[1].prepare, variants=BATCHNORM[1].variants, needs=("batchnorm_forward",), exact_shapes=False)
LAYERNORM = _pair("layernorm_forward", ("x", "gamma", "beta"), inputs=("x", "gamma", "beta"), extra=("ln_param",),
                  math=_math("layernorm"), prepare={"x": given("x_norm"), "ln_param": from_course(
                      lambda v: {"eps": v["eps"]})}, mutable=("ln_param",), dout="dout_norm")
DROPOUT_FORWARD = Function("dropout_forward", ("x", "dropout_param"), ("out", "cache"), check=custom.dropout_forward)
DROPOUT_BACKWARD = Function(
    "dropout_backward", ("dout", "cache"), "dx", math=_math("dropout"),
    math_inputs=("x", ("mask", custom.applied_mask)), cotangent={"out": "dout"}, judge={"dx": Gradient("x")},
    prepare={"x": given("x_dropout"), "dout": given("dout_dropout"), "dropout_param": custom.DROPOUT_TRAIN,
             "dropout_result": from_learner("dropout_forward", ("x", "dropout_param"), custom.out_and_cache,
                                            course=custom.course_dropout),
             "cache": from_course(lambda v: v["dropout_result"][1])},
    needs=("dropout_forward",), exact_shapes=False)
CONV = _pair("conv_forward_naive", ("x", "w", "b"), inputs=("x", "w", "b"), extra=("conv_param",),
             math=_math("conv"), math_inputs=("x", "w", "b", *_geometry("conv_param", "stride", "pad")),
             prepare={"x": given("x_conv"), "w": given("w_conv"), "b": given("b_conv")}, dout="dout_conv")
POOL = _pair("max_pool_forward_naive", ("x",), inputs=("x",), extra=("pool_param",), math=_math("max_pool"),
             math_inputs=("x", *_geometry("pool_param", "pool_height", "pool_width", "stride")),
             prepare={"x": given("x_pool")}, dout="dout_pool")
SPATIAL_BATCHNORM = _pair(
    "spatial_batchnorm_forward", ("x", "gamma", "beta"), inputs=("x", "gamma", "beta"), extra=("bn_param",),
    math=_math("spatial_batchnorm_train"),
    math_inputs=("x", "gamma", "beta", *_running("spatial_running_mean", "spatial_running_var")),
    prepare={"x": given("x_spatial"), "gamma": given("gamma_spatial"), "beta": given("beta_spatial"),
             "bn_param": _bn_param("spatial_running_mean", "spatial_running_var")},
    variants=SPATIAL_MODES, backward_variants=(Variant({"mode": "train"}),), mutable=("bn_param",),
    dout="dout_spatial")
GROUPNORM = _pair(
    "spatial_groupnorm_forward", ("x", "gamma", "beta"), inputs=("x", "gamma", "beta"), extra=("G", "gn_param"),
    math=_math("spatial_groupnorm"), math_inputs=("x", "gamma", "beta", ("groups", custom.groups)),
    prepare={"x": given("x_group"), "gamma": given("gamma_group"), "beta": given("beta_group"),
             "gn_param": from_course(lambda v: {"eps": v["eps"]})}, mutable=("gn_param",), dout="dout_group")


def _loss(name, custom_checks=()):
    return Function(name, ("x", "y"), ("loss", "dx"), math=_math(name), math_inputs=("x", "y"),
                    judge={"loss": Value("out"), "dx": Gradient("x")}, prepare={"x": given("scores")},
                    exact_shapes=False, custom=custom_checks)


def _since(rows, version):
    import dataclasses

    return tuple(dataclasses.replace(row, since=version) for row in rows)


LAYERS = (*AFFINE, *RELU, *BATCHNORM, BATCHNORM_ALT, *_since(LAYERNORM, "2018"), DROPOUT_FORWARD, DROPOUT_BACKWARD,
          *CONV, *POOL, *SPATIAL_BATCHNORM, *_since(GROUPNORM, "2018"), _loss("svm_loss"),
          _loss("softmax_loss", (custom.survives_large_scores,)))


ASSIGNMENT = Assignment(
    "cs231n_layers", "CS231n layers.py: every layer's forward and backward", "Stanford CS231n, assignment 2",
    functions=LAYERS, points=POINTS, reference="manual_dnn.cs231n_layers",
    versions=("2016-2017 (dropout p drops)", "2018 on (p keeps; layer and group norm)"),
    aliases={"x": ("X", "scores", "inputs"), "dout": ("dy", "grad", "upstream")})
