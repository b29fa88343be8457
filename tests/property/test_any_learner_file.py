"""No learner file can make the checker fail: any signature, any return shape is a verdict.

Learner files are generated as source text (tests/property/learner_variants.py):
every seed function with its arguments renamed, reordered, missing, extra,
defaulted, and returning its value as it is, as a list, reshaped, with a part
replaced by junk, or junk outright. Each is run into a namespace and checked in
process (cheap: the oracles' results are remembered); a few go through the real
sandbox and the command line. The checker must give the function a verdict and
never raise; a variant that keeps the course's contract must pass, one that
returns junk must fail.
"""

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

import manual_dnn
from manual_dnn_cli.main import main
from reference.checks.checker import check
from reference.seed_functions import SEED_FUNCTIONS
from tests.pages import verdict_of
from tests.property.bounds import REACH_EXAMPLES
from tests.property.learner_variants import (
    HEADER,
    INITIALISER_OF,
    LOOPS_FROM_THE_FILES_INITIALISER,
    SIGNATURE_KINDS,
    UNSEEDED_INITIALISERS,
    Variant,
    variants,
)

SMALL = dict(layer_dims=[5, 4, 3, 1], examples=6)
FUNCTIONS = list(SEED_FUNCTIONS)
# Each function's share of the profile's budget (ci: 25 each, 425 in all, about 20 s).
PER_FUNCTION = settings(max_examples=max(5, settings.default.max_examples // 8),
                        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _namespace(variant, others, loop=False, unseeded=False):
    """The variant run into a namespace, beside manual_dnn's own ``others`` (a notebook's globals())."""
    namespace = {"__name__": "learner_variant"}
    source = HEADER + variant.source()
    if loop:  # the loop that calls the variant initialiser, as a learner's file does
        source += LOOPS_FROM_THE_FILES_INITIALISER[INITIALISER_OF[variant.function]]
    exec(compile(source, "<variant>", "exec"), namespace)
    if unseeded:
        exec(UNSEEDED_INITIALISERS[variant.function], namespace)
    for name in others:
        namespace.setdefault(name, getattr(manual_dnn, name))
    return namespace


def _check(namespace, **options):
    """check() of the seed functions a namespace defines, as a fragment of its notebooks (``only``)."""
    return check(namespace, only=[f for f in FUNCTIONS if callable(namespace.get(f))], assignment="dnn", **SMALL,
                 **options)


def _verdicts_of(report, variant):
    """The report renders, and has a verdict for the variant's function."""
    json.loads(report.to_json())
    assert verdict_of(report.to_text()).startswith(("PASS", "FAIL")), report.to_text()
    assert variant.function in {c.function for c in report.checks}, report.to_text()


@pytest.mark.parametrize("function", FUNCTIONS)
@PER_FUNCTION
@given(data=st.data())
def test_any_signature_or_return_of_a_learners_function_is_a_verdict_never_a_checker_error(function, data):
    variant = data.draw(variants(function), label="variant")
    others = data.draw(st.sets(st.sampled_from([f for f in FUNCTIONS if f != function])), label="others")
    loop = function in INITIALISER_OF and data.draw(st.booleans(), label="its loop calls it")
    report = _check(_namespace(variant, others, loop))  # never raises
    _verdicts_of(report, variant)
    if variant.harmless:
        assert report.passed, (variant.source(), report.to_text())
    if variant.junk:
        assert function in report.failing_functions, (variant.source(), report.to_text())


@pytest.mark.parametrize("function", list(INITIALISER_OF))
def test_an_initialiser_that_does_not_seed_numpy_passes_with_the_loop_that_calls_it(function):
    course = Variant(function, "course", SEED_FUNCTIONS[function].arguments, SEED_FUNCTIONS[function].arguments,
                     "value", "same", True)
    report = _check(_namespace(course, [], loop=True, unseeded=True))
    assert report.passed, report.to_text()
    assert any(n.startswith(f"{function} draws W as randn * 0.01 without seeding numpy") for n in report.notes)
    loop = INITIALISER_OF[function]
    assert any(c.function == loop and c.target == "start" and c.passed for c in report.checks), report.to_text()


def test_checking_in_process_leaves_the_callers_random_state_alone():
    course = Variant("initialize_parameters_deep", "course", ("layer_dims",), ("layer_dims",), "value", "same", True)
    namespace = _namespace(course, [], loop=True, unseeded=True)
    outer = np.random.get_state()
    try:
        np.random.seed(1234)
        before = np.random.get_state()[1].copy()
        _check(namespace)
        assert np.array_equal(np.random.get_state()[1], before)
    finally:
        np.random.set_state(outer)  # the suite's own state, as it was


# ---------------------------------------------------------------- the strategy reaches what matters

# As test_strategy_coverage's finds: the CI profile's derandomised draws, REACH_EXAMPLES of them.
REACH = settings(settings.get_profile("ci"), max_examples=REACH_EXAMPLES, database=None, phases=[Phase.generate],
                 suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("kind", SIGNATURE_KINDS)
def test_every_kind_of_signature_is_drawn(kind):
    find(st.sampled_from(FUNCTIONS).flatmap(variants), lambda v: v.signature == kind, settings=REACH)


@pytest.mark.parametrize("what", ["harmless", "junk", "changed", "a list for a tuple", "a key replaced",
                                  "nested junk", "junk inside a returned tuple"])
def test_every_kind_of_return_is_drawn(what):
    reached = {"harmless": lambda v: v.harmless and v.signature != "course",
               "junk": lambda v: v.junk,
               "changed": lambda v: v.shape == "changed",
               "a list for a tuple": lambda v: v.returns == "list(value)",
               "a key replaced": lambda v: v.returns.startswith("{**value"),
               "nested junk": lambda v: v.junk and v.returns.count("[") + v.returns.count("{") >= 2,
               "junk inside a returned tuple": lambda v: v.returns.startswith("(value[0], ") and v.shape == "changed"}
    strategy = variants("linear_backward") if what == "junk inside a returned tuple" else \
        st.sampled_from(FUNCTIONS).flatmap(variants)
    find(strategy, reached[what], settings=REACH)


# ---------------------------------------------------------------- a few through the sandbox and the command line

SANDBOXED = [
    Variant("initialize_parameters_deep", "course", ("layer_dims",), ("layer_dims",),
            "{**value, 'W1': [[1, 2], [3]]}", "changed", True),
    Variant("L_layer_model", "course", SEED_FUNCTIONS["L_layer_model"].arguments,
            SEED_FUNCTIONS["L_layer_model"].arguments, "(value[0], 'abc')", "changed", True),
    Variant("predict", "reordered", ("parameters", "X", "y"), ("X", "y", "parameters"), "value", "same", True),
    Variant("linear_activation_backward", "extra", ("dA", "cache", "activation", "keep_prob"),
            ("dA", "cache", "activation"), "value", "same", False),
    Variant("L_model_backward", "course", ("AL", "Y", "caches"), ("AL", "Y", "caches"),
            "{k.lower(): np.asarray(v).T for k, v in value.items()}", "changed", True),
    Variant("update_parameters", "course", ("parameters", "grads", "learning_rate"),
            ("parameters", "grads", "learning_rate"), "list(value.values())", "changed", True),
    Variant("relu", "course", ("Z",), ("Z",), "{'A': [None, (1, 'x')]}", "junk", True),
]


@pytest.fixture(scope="module")
def sandboxed_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("variants") / "variants.py"
    path.write_text(HEADER + "\n\n".join(v.source() for v in SANDBOXED))
    return path


def test_variants_in_the_sandbox_are_verdicts_too(sandboxed_file):
    report = check(sandboxed_file, only=[v.function for v in SANDBOXED], assignment="dnn", **SMALL)
    for variant in SANDBOXED:
        _verdicts_of(report, variant)
    assert set(report.failing_functions) == {v.function for v in SANDBOXED if v.function != "predict"}
    assert "predict" in report.contract_differences
    refused = [c.detail for c in report.checks if c.function == "linear_activation_backward" and c.passed is False
               and c.target.split(" (")[0] == "signature"]  # signature (relu), signature (sigmoid)
    assert refused and all(d == "takes linear_activation_backward(dA, cache, activation, keep_prob), the course's "
                                "linear_activation_backward(dA, cache, activation): its parameters cannot be matched "
                                "to the course's, so it cannot be called as the course's code calls it"
                           for d in refused), refused
    assert any(c.function == "initialize_parameters_deep" and "W1 is list, not an array of numbers" in c.detail
               for c in report.checks), report.to_text()


def test_variants_through_the_command_line_exit_1_with_nothing_on_stderr(sandboxed_file, capsys):
    code = main(["gradcheck", "--impl", str(sandboxed_file), "--layers", "5,4,3,1", "--examples", "6",
                 "--only", ",".join(v.function for v in SANDBOXED)])
    out, err = capsys.readouterr()
    assert code == 1 and err == "", err
    assert verdict_of(out).startswith("FAIL"), out
