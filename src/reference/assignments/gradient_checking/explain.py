"""``manual-dnn explain --assignment gradient_checking``: the two-sided difference a learner writes in course 2
week 1, with numbers.

First the 1-D J(theta) = theta x: thetaplus, thetaminus, J+ and J-, gradapprox, the difference against the
backward's gradient and the course's threshold 2e-7. Then the course's 4-5-3-1 network: backward_propagation_n's
gradients beside JAX's (reference.assignments.gradient_checking.math), a few coordinates of theta nudged one
at a time, the difference over all 47, the one-sided difference beside the two-sided one, and what the
course's two planted bugs do to the difference. The numbers are manual_dnn.gradient_checking's.
"""

import numpy as np

from manual_dnn import gradient_checking as gc
from reference.assignments.gradient_checking import math
from reference.assignments.gradient_checking.planted_bugs import PLANTED_FACTORS, backward_propagation_n_as_handed_out
from reference.assignments.gradient_checking.points import POINTS
from reference.engine.points import draw_point
from reference.explain import Beside, derivation, jax_gradient, verdict, writer

__all__ = ["explain"]

EPSILON = 1e-7  # the notebook's
PARAMETERS = ("W1", "b1", "W2", "b2", "W3", "b3")
SHOWN = ("W1", "b1", "W2")  # the first entry of each is nudged on the page: b1 and W2 hold the planted bugs


def _digits(value):
    """Every digit of a float64: where a difference quotient loses them shows."""
    return repr(float(value))


def _say_number(w, name, value):
    w.say(f"    {name} = {_digits(value)}")


def _gradapprox(X, Y, parameters, epsilon, one_sided=False):
    """(n, 1): the cost's difference quotient for each coordinate of theta, two-sided unless ``one_sided``."""
    theta, _ = gc.dictionary_to_vector(parameters)
    J = gc.forward_propagation_n(X, Y, parameters)[0]
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        thetaplus, thetaminus = np.copy(theta), np.copy(theta)
        thetaplus[i, 0] += epsilon
        thetaminus[i, 0] -= epsilon
        J_plus = gc.forward_propagation_n(X, Y, gc.vector_to_dictionary(thetaplus))[0]
        if one_sided:
            gradapprox[i, 0] = (J_plus - J) / epsilon
        else:
            J_minus = gc.forward_propagation_n(X, Y, gc.vector_to_dictionary(thetaminus))[0]
            gradapprox[i, 0] = (J_plus - J_minus) / (2 * epsilon)
    return gradapprox


def explain(seed=0, fmt="text"):
    """The walk-through as one string (``fmt`` "text", "markdown" or "html", a whole page)."""
    point = draw_point(POINTS, seed).values
    w = writer(fmt)
    w.heading(f"Gradient checking: the two-sided difference, in 1-D and on the 4-5-3-1 network (seed {seed})", 1)
    w.say(f"epsilon = {EPSILON:.0e}, the notebook's. difference = ||grad - gradapprox|| / (||grad|| + "
          f"||gradapprox||); below {gc.THRESHOLD:.0e} the course says the backward propagation works.")
    derivation(w, "Gradient checking (course 2, week 1): the two-sided difference a learner writes")
    beside = Beside(w)
    _one_dimension(w, beside, point["x"], point["theta"])
    difference = _network(w, beside, point["X"], point["Y"], point["parameters"])
    verdict(w, beside.worst, f"The two-sided check agrees: difference {difference:.1e} < {gc.THRESHOLD:.0e}."
            if difference < gc.THRESHOLD else
            f"The two-sided check finds a mistake: difference {difference:.1e} > {gc.THRESHOLD:.0e}.")
    return w.text()


def _one_dimension(w, beside, x, theta):
    w.heading("1-D: J(theta) = theta x")
    _say_number(w, "x", x)
    _say_number(w, "theta", theta)
    thetaplus, thetaminus = theta + EPSILON, theta - EPSILON
    w.equation("thetaplus = theta + epsilon,  thetaminus = theta - epsilon")
    _say_number(w, "thetaplus", thetaplus)
    _say_number(w, "thetaminus", thetaminus)
    J_plus, J_minus = gc.forward_propagation(x, thetaplus), gc.forward_propagation(x, thetaminus)
    w.equation("J_plus = forward_propagation(x, thetaplus),  J_minus = forward_propagation(x, thetaminus)")
    _say_number(w, "J_plus", J_plus)
    _say_number(w, "J_minus", J_minus)
    gradapprox = (J_plus - J_minus) / (2 * EPSILON)
    w.equation("gradapprox = (J_plus - J_minus) / (2 epsilon)")
    _say_number(w, "gradapprox", gradapprox)
    grad = gc.backward_propagation(x, theta)
    w.equation("grad = backward_propagation(x, theta) = x")
    beside.gradient("grad", np.float64(grad), jax_gradient(math.J, [x, theta], (1,))[0])
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    w.equation("difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||)")
    w.say(f"    difference = {numerator:.3e} / {denominator:.6f} = {numerator / denominator:.3e}   "
          f"(gradient_check(x, theta) returns {gc.gradient_check(x, theta):.3e})")
    one_sided = (J_plus - gc.forward_propagation(x, theta)) / EPSILON
    w.say(f"J is linear in theta, so even the one-sided (J_plus - J) / epsilon = {_digits(one_sided)} is off by "
          "rounding alone here; on a network it is not.")


def _network(w, beside, X, Y, parameters):
    w.heading(f"N-D: the course's 4-5-3-1 network, m = {X.shape[1]}")
    w.say("forward_propagation_n gives the cost J, backward_propagation_n its gradients; dictionary_to_vector "
          "stacks W1, b1, W2, b2, W3, b3 into one column theta (47, 1), gradients_to_vector the gradients "
          "into grad (47, 1), in the same order.")
    w.matrix("X", X)
    w.matrix("Y", Y)
    J, cache = gc.forward_propagation_n(X, Y, parameters)
    _say_number(w, "J", J)
    gradients = gc.backward_propagation_n(X, Y, cache)
    arrays = [X, Y, *(parameters[k] for k in PARAMETERS)]
    expected = dict(zip(PARAMETERS, jax_gradient(math.network_loss, arrays, range(2, 8))))
    w.heading("backward_propagation_n, beside JAX", 3)
    for key in PARAMETERS:
        beside.gradient("d" + key, gradients["d" + key], expected[key])

    theta, keys = gc.dictionary_to_vector(parameters)
    grad = gc.gradients_to_vector(gradients)
    expected_vector = gc.gradients_to_vector({"d" + k: v for k, v in expected.items()})
    w.heading("One coordinate at a time", 3)
    w.say("For coordinate i: thetaplus = a copy of theta with thetaplus[i] += epsilon, thetaminus a copy "
          "with thetaminus[i] -= epsilon (a copy of theta, not of thetaplus), J_plus[i] = "
          "forward_propagation_n(X, Y, vector_to_dictionary(thetaplus)) and J_minus[i] likewise.")
    for key in SHOWN:
        i = keys.index(key)
        thetaplus, thetaminus = np.copy(theta), np.copy(theta)
        thetaplus[i, 0] += EPSILON
        thetaminus[i, 0] -= EPSILON
        J_plus = gc.forward_propagation_n(X, Y, gc.vector_to_dictionary(thetaplus))[0]
        J_minus = gc.forward_propagation_n(X, Y, gc.vector_to_dictionary(thetaminus))[0]
        w.equation(f"i = {i}, the first entry of {key}: gradapprox[{i}] = (J_plus[{i}] - J_minus[{i}]) / (2 epsilon)")
        w.say(f"    J_plus = {_digits(J_plus)},  J_minus = {_digits(J_minus)}")
        w.say(f"    gradapprox[{i}] = {_digits((J_plus - J_minus) / (2 * EPSILON))},  grad[{i}] = {_digits(grad[i, 0])}"
              f"   (JAX: {_digits(expected_vector[i, 0])})")

    gradapprox = _gradapprox(X, Y, parameters, EPSILON)
    difference = gc.difference_of(grad, gradapprox)
    w.heading("All 47 coordinates", 3)
    w.equation("difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||)", "(47, 1) vectors -> a number")
    w.say(f"    difference = {difference:.3e}   (gradient_check_n returns "
          f"{gc.gradient_check_n(parameters, gradients, X, Y):.3e}); the course's threshold is {gc.THRESHOLD:.0e}.")
    w.say(f"The difference is not 0: J_plus and J_minus are each rounded to about 1e-16 |J|, and dividing their "
          f"difference by 2 epsilon makes that an error of about {1e-16 * abs(J) / EPSILON:.0e} in each gradapprox "
          "entry: this is why the course compares with 2e-7, not with 0.")

    w.heading("Why two-sided", 3)
    w.say("J(theta + epsilon) = J + epsilon J' + epsilon^2 J''/2 + epsilon^3 J'''/6 + ... The one-sided "
          "(J_plus - J) / epsilon keeps the error epsilon J''/2; in the two-sided (J_plus - J_minus) / (2 epsilon) "
          "the J'' terms cancel and the error is epsilon^2 J'''/6. The differences, against the same grad:")
    for epsilon in (EPSILON, 1e-3):
        two = gc.difference_of(grad, _gradapprox(X, Y, parameters, epsilon))
        one = gc.difference_of(grad, _gradapprox(X, Y, parameters, epsilon, one_sided=True))
        w.say(f"    epsilon = {epsilon:.0e}:  two-sided {two:.1e},  one-sided {one:.1e}  "
              f"({one / two:.0f} times as large)")
    w.say("Shrink epsilon tenfold and the one-sided error shrinks only tenfold, the two-sided one a hundredfold, "
          "until rounding (the error above, growing like 1/epsilon) takes over: at the notebook's 1e-7 the "
          "two-sided difference is mostly rounding, the one-sided one still mostly its epsilon J''/2.")

    planted = backward_propagation_n_as_handed_out(X, Y, cache)
    handed_out = gc.difference_of(gc.gradients_to_vector(planted), gradapprox)
    w.heading("The course's planted bugs", 3)
    bugs = ", ".join(f"{k} times {factor:g}" for k, factor in PLANTED_FACTORS.items())
    w.say(f"The notebook hands out backward_propagation_n with {bugs}. The same gradapprox against its "
          f"gradients: difference = {handed_out:.3e}, far above {gc.THRESHOLD:.0e}: \"There is a mistake in "
          "the backward propagation!\", as the notebook expects until the learner fixes both.")
    return difference
