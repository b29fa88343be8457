"""The course's modules a "Convolutional Model: Step by Step" notebook imports, rebuilt from manual_dnn.

Only the 2021+ notebooks import one: ``from public_tests import *``. Its four graded tests draw the
course's inputs (np.random.seed(1) first, as the course's) and compare the learner's function with
manual_dnn's there, printing "All tests passed." or raising AssertionError, as the course's
test_utils does. Its four ungraded tests cannot run in the course's own module: they use names it
never defines (``parameters``, ``cache``, ``X``, ``Y``, ``grads``, ``n_h``) and raise NameError; so do
these (tests/learners/convolution/course_modules.md).
"""

import numpy as np

from manual_dnn import convolution as reference

__all__ = ["contents"]

PASSED = "\033[92m All tests passed."


def _same(expected, actual):
    if isinstance(expected, tuple):
        return isinstance(actual, tuple) and len(actual) == len(expected) and all(map(_same, expected, actual))
    if isinstance(expected, dict):
        return expected == actual
    return isinstance(actual, (np.ndarray, np.generic, float)) and np.shape(actual) == np.shape(expected) and \
        np.allclose(actual, expected)


def _test(target, cases):
    """cases: [(arguments, expected)]; the course's verdict and its message."""
    failed = sum(not _same(expected, target(*arguments)) for arguments, expected in cases)
    if failed:
        print("\033[91m", failed, " Tests failed")
        raise AssertionError(f"Not all tests were passed for {target.__name__}. Check your equations and avoid using "
                             "global variables inside the function.")
    print(PASSED)


def zero_pad_test(target):
    rng = np.random.RandomState(1)
    x = rng.randn(4, 3, 3, 2)
    _test(target, [((x, 2), reference.zero_pad(x, 2))])


def conv_single_step_test(target):
    rng = np.random.RandomState(1)
    a_slice_prev, W, b = rng.randn(4, 4, 3), rng.randn(4, 4, 3), rng.randn(1, 1, 1)
    _test(target, [((a_slice_prev, W, b), np.float64(reference.conv_single_step(a_slice_prev, W, b)))])


def conv_forward_test(target):
    rng = np.random.RandomState(1)
    A_prev, W, b = rng.randn(2, 5, 7, 4), rng.randn(3, 3, 4, 8), rng.randn(1, 1, 1, 8)
    cases = [((A_prev, W, b, hparameters), reference.conv_forward(A_prev, W, b, hparameters))
             for hparameters in ({"pad": 3, "stride": 1}, {"pad": 0, "stride": 2}, {"pad": 1, "stride": 2})]
    _test(target, cases)


def pool_forward_test(target):
    rng = np.random.RandomState(1)
    A_prev = rng.randn(2, 5, 5, 3)
    cases = [((A_prev, hparameters, mode), reference.pool_forward(A_prev, hparameters, mode))
             for hparameters in ({"stride": 1, "f": 3}, {"stride": 2, "f": 2}) for mode in ("max", "average")]
    _test(target, cases)


def _cannot_run(name, missing):
    def test(target):
        raise NameError(f"name '{missing}' is not defined")
    test.__name__ = name
    test.__doc__ = f"As the course's {name}: it refers to {missing}, which its module never defines."
    return test


PUBLIC_TESTS = {
    "zero_pad_test": zero_pad_test, "conv_single_step_test": conv_single_step_test,
    "conv_forward_test": conv_forward_test, "pool_forward_test": pool_forward_test,
    "conv_backward_test": _cannot_run("conv_backward_test", "parameters"),
    "create_mask_from_window_test": _cannot_run("create_mask_from_window_test", "parameters"),
    "distribute_value_test": _cannot_run("distribute_value_test", "X"),
    "pool_backward_test": _cannot_run("pool_backward_test", "parameters"),
}


def contents():
    """{module name: {name: object}}: what each of the course's modules holds."""
    return {"public_tests": dict(PUBLIC_TESTS)}
