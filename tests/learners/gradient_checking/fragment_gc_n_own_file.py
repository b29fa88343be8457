# One graded function per file, as some learners keep their solutions: gradient_check_n alone, right,
# with gc_utils imported; forward_propagation_n stayed in the notebook, where the course defines it.
import numpy as np

from gc_utils import dictionary_to_vector, gradients_to_vector, vector_to_dictionary


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    n = theta.shape[0]
    gradapprox = np.zeros((n, 1))
    for i in range(n):
        up = np.copy(theta)
        up[i] += epsilon
        down = np.copy(theta)
        down[i] -= epsilon
        J_up, _ = forward_propagation_n(X, Y, vector_to_dictionary(up))  # noqa: F821 -- the notebook's
        J_down, _ = forward_propagation_n(X, Y, vector_to_dictionary(down))  # noqa: F821
        gradapprox[i] = (J_up - J_down) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    if print_msg:
        print("difference = " + str(difference))
    return difference
