"""The bug zoo of "Gradient Checking": mistakes its learners make in the checkers and the backwards
(tests/learners/gradient_checking/README.md counts them), each written as a learner writes it."""

import numpy as np

from manual_dnn import gradient_checking, three_layer
from reference.bug_zoo import Mutant, notebook_namespace

__all__ = ["MUTANTS", "mutant_namespace"]


def backward_returns_theta(x, theta):
    dtheta = theta  # BUG: the derivative with respect to x
    return dtheta


def gradient_check_forgot_2(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / epsilon  # BUG: 2 * epsilon
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


def gradient_check_n_one_sided(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    J, _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values))
    for i in range(num_parameters):
        thetaplus = np.copy(parameters_values)
        thetaplus[i][0] = thetaplus[i][0] + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus))
        gradapprox[i] = (J_plus - J) / epsilon  # BUG: one-sided, error grows like epsilon
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


def gradient_check_n_thetaminus_from_thetaplus(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        thetaplus = np.copy(parameters_values)
        thetaplus[i][0] = thetaplus[i][0] + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus))
        thetaminus = np.copy(thetaplus)  # BUG: starts from thetaplus, so it lands back on theta
        thetaminus[i][0] = thetaminus[i][0] - epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaminus))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


MUTANTS = {
    "backward-returns-theta": Mutant("backward_propagation", "returns theta, the derivative in x",
                                     backward_returns_theta),
    "gradient-check-forgot-2": Mutant("gradient_check", "divides by epsilon, not 2 epsilon", gradient_check_forgot_2),
    "gradient-check-n-one-sided": Mutant("gradient_check_n", "(J(theta + eps) - J(theta)) / eps",
                                         gradient_check_n_one_sided),
    "gradient-check-n-thetaminus-from-thetaplus": Mutant("gradient_check_n", "thetaminus copied from thetaplus",
                                                         gradient_check_n_thetaminus_from_thetaplus),
}


def mutant_namespace(name):
    mutant = MUTANTS[name]
    return notebook_namespace((three_layer, gradient_checking), [(mutant.function, mutant.implementation)])
