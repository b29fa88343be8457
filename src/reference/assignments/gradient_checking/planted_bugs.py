"""``backward_propagation_n`` as the course hands it out: with two bugs planted on purpose.

The notebook asks the learner to find them with their own ``gradient_check_n``, and its expected
output (difference = 0.2850931567761623 at the test case, "There is a mistake in the backward
propagation!") assumes they are still there; since 2021 the notebook also accepts
1.1890913024229996e-07, the difference once both are fixed. The two bugs, the same lines in every
version we read (the 2017 notebook, "Gradient Checking v1" 2018-2020, the public_tests notebooks
2021-2024):

1. dW2 is multiplied by 2 after its 1/m product: ``dW2 = 2 * (1/m) dZ2 A1^T``;
2. db1 is computed with 4/m instead of 1/m: ``db1 = (4/m) sum(dZ1)``.

Every other entry of the dict is right, dZ and dA included. A learner who leaves the function as it
came is not to be failed for these; one who fixes them passes. ``PLANTED_FACTORS`` says how the
planted entries relate to the right ones, so a checker can recognise them in a learner's output.

This module is written for this project from that description (never copied); it is not in
manual_dnn, whose ``backward_propagation_n`` is the right one.
"""


from manual_dnn.three_layer import backward_propagation

__all__ = ["PLANTED_FACTORS", "backward_propagation_n_as_handed_out"]

PLANTED_FACTORS = {"dW2": 2.0, "db1": 4.0}
"""The planted entries are these multiples of the right ones; all other entries are right."""


def backward_propagation_n_as_handed_out(X, Y, cache):
    """The course's backward_propagation_n: the right gradients, then dW2 doubled and db1 quadrupled."""
    gradients = backward_propagation(X, Y, cache)
    for key, factor in PLANTED_FACTORS.items():
        gradients[key] = factor * gradients[key]
    return gradients
