"""What learners meet, handled in the engine and the loader for every assignment: an unfilled optional
template is "not done", NumPy-1 code that this NumPy refuses is named with its fix (old_idioms), a global that only
a test cell assigns is named, a .py file that does not parse as a whole is loaded piece by piece, and
static math arguments compile once per value."""

import numpy as np
import pytest

from reference.engine import oracles
from reference.engine.unfilled import placeholders, unfilled_reason
from reference.learner.calling import call
from reference.learner.implementation import ImplementationError
from reference.learner.loading import from_path
from reference.learner.old_idioms import hint_for

TEMPLATE_NONE = '''def distribute_value(dz, shape):
    ### START CODE HERE ###
    (n_H, n_W) = None
    average = None
    a = None
    ### END CODE HERE ###
    return a
'''
TEMPLATE_EMPTY = '''def create_mask_from_window(x):
    # mask = None
    # YOUR CODE STARTS HERE

    # YOUR CODE ENDS HERE
    return mask
'''
FILLED = '''def create_mask_from_window(x):
    # YOUR CODE STARTS HERE
    mask = x == np.max(x)
    # YOUR CODE ENDS HERE
    return mask
'''


def _run(source, *args):
    namespace = {"np": np}
    exec(compile(source, "learner.py", "exec"), namespace)
    import linecache

    linecache.cache["learner.py"] = (len(source), None, source.splitlines(True), "learner.py")
    function = next(v for k, v in namespace.items() if callable(v) and k != "np")
    return call(function, [f"a{i}" for i in range(len(args))], *args)


def test_a_template_left_as_none_lines_is_unfilled_and_the_line_is_named():
    result = _run(TEMPLATE_NONE, 2.0, (2, 2))
    assert result.error_type == "TypeError"
    assert unfilled_reason(TEMPLATE_NONE, result) == "the template's `(n_H, n_W) = None` is still there"


def test_an_empty_your_code_block_is_unfilled_through_its_name_error():
    result = _run(TEMPLATE_EMPTY, np.ones((2, 2)))
    assert placeholders(TEMPLATE_EMPTY) == ([], True)
    assert "YOUR CODE block is still empty (NameError: name 'mask' is not defined)" in \
        unfilled_reason(TEMPLATE_EMPTY, result)


def test_a_template_returning_none_is_unfilled():
    source = "def f(x):\n    mask = None\n    return mask\n"
    assert unfilled_reason(source, _run(source, 1.0)) == "returns None: the template's `mask = None` is still there"


def test_written_code_is_never_called_unfilled_even_when_it_fails():
    result = _run(FILLED.replace("np.max(x)", "np.max(y)"), np.ones((2, 2)))  # a real NameError of its own
    assert result.error_type == "NameError"
    assert unfilled_reason(FILLED.replace("np.max(x)", "np.max(y)"), result) is None
    assert unfilled_reason(FILLED, _run(FILLED, np.arange(4.0))) is None
    assert unfilled_reason(None, _run(TEMPLATE_NONE, 2.0, (2, 2))) is None  # no source, no verdict


def _raised(statement, line=None):
    """The Call of ``statement`` run by the learner (the NumPy of this machine says what it refuses)."""
    namespace = {"np": np, "b": np.ones((1, 1, 1)), "Z": np.zeros((2, 2))}
    result = call(lambda: exec(statement, namespace), [])
    assert result.error_type, f"{statement} did not raise"
    result.error_source = line
    return result


@pytest.mark.parametrize("statement, words", [
    ("float(b)", "float(b.item())"),
    ("np.float(3)", "np.float was removed from NumPy"),
    ("np.NaN", "write np.nan instead"),
    ("np.product([1, 2])", "write np.prod instead"),
])
def test_numpy_1_code_that_this_numpy_refuses_is_named_with_its_fix(statement, words):
    assert words in hint_for(_raised(statement))


def test_a_one_number_array_stored_into_one_entry_is_named_as_numpy_1_code():
    assert "one entry takes a number, not an array" in hint_for(_raised("Z[0, 0] = b", "Z[0, 0] = b"))
    assert hint_for(_raised("Z[0, 0] = b", "Z = b")) is None  # not a store into one entry


def test_other_exceptions_are_not_taken_for_numpy_changes():
    assert hint_for(_raised("1 + 'a'")) is None
    assert hint_for(_raised("np.frobnicate")) is None


PASTED = '''import numpy as np

def zero_pad(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
x_pad.shape =
 (4, 9, 9, 2)

def conv_single_step(a_slice_prev, W, b):
    return np.sum(a_slice_prev * W) + b.item()
Z = [[ 0.9 -0.6]
 [ 1.2  0.5]]

def distribute_value(dz, shape):
    return np.full(shape, dz / (shape[0] * shape[1])
'''


def test_a_py_file_that_does_not_parse_as_a_whole_is_loaded_piece_by_piece(tmp_path):
    from reference.assignments import assignment

    path = tmp_path / "pasted.py"
    path.write_text(PASTED)
    impl = from_path(path, assignment=assignment("convolution"))
    assert {"zero_pad", "conv_single_step"} <= set(impl.functions)
    assert "distribute_value" not in impl.functions
    note = next(n for n in impl.notes if "does not parse as a whole" in n)
    assert "lines 5-7" in note and "so distribute_value is not checked" in note


def test_a_file_with_nothing_that_parses_stays_unloadable(tmp_path):
    path = tmp_path / "garbage.py"
    path.write_text("def f(:\n")
    with pytest.raises(ImplementationError, match="line 1"):
        from_path(path)


def test_a_global_that_only_test_code_assigns_is_named_with_its_line(tmp_path):
    from reference.assignments import assignment
    from reference.checks.checker import check

    path = tmp_path / "script.py"
    path.write_text("import numpy as np\n\ndef distribute_value(dz, shape):\n    return np.ones(shape) * dz / size\n\n"
                    "if __name__ == '__main__':\n    size = 4\n    print(distribute_value(2, (2, 2)))\n")
    impl = from_path(path, assignment=assignment("convolution"))
    assert impl.test_globals == {"distribute_value": [["size", "line 6"]]}
    failure = next(c for c in check(path).checks if c.passed is False)
    assert "size is a global that only the file's top-level code assigns (line 6)" in failure.detail


def test_static_math_arguments_bind_one_object_per_value():
    def math(x, *, hparameters):
        return x * hparameters["stride"]

    one = oracles.bound(math, {"hparameters": {"stride": 2, "pad": 1}})
    assert oracles.bound(math, {"hparameters": {"pad": 1, "stride": 2}}) is one
    assert oracles.bound(math, {"hparameters": {"pad": 1, "stride": 3}}) is not one
    assert float(oracles.values(one, [np.float64(1.5)])[0]) == 3.0
