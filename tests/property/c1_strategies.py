"""Hypothesis strategies of course 1, weeks 2 and 3: shapes first, then bounded float64 arrays.

Values lie on strategies.py's 1e-3 grid. Sizes stop at the bounds below, which the padded
oracles (c1_oracles.py) pad every feature and hidden dimension to; m is never padded (the
cost is a mean over it), so JAX compiles once per m. Every drawn point keeps the output
away from 0 and 1 (|w.T x + b| <= MAX_FEATURES * 4 + 2 = 22, |Z2| <= MAX_HIDDEN * 2 + 2),
where both logarithms of the cost stay finite and far from rounding to 0.

test_c1_strategy_coverage.py shows each strategy reaches the cases that matter.
"""

from hypothesis import strategies as st

from tests.property.strategies import GRID, labels, matrices

MAX_FEATURES = 5  # n_x
MAX_HIDDEN = 5  # n_h of the planar network
MAX_M = 8  # examples; each m compiles the oracles once
MAX_STEPS = 120  # gradient-descent iterations of optimize: past 100, costs holds two entries
MAX_NN_STEPS = 40  # iterations of nn_model (learning rate 1.2)
VALUE_BOUND = 2.0

FEATURES = st.integers(1, MAX_FEATURES)
HIDDEN = st.integers(1, MAX_HIDDEN)
EXAMPLES = st.integers(1, MAX_M)
# A learning rate on the grid: 0.001 .. 1.0
LEARNING_RATES = st.integers(1, GRID).map(lambda i: i / GRID)
SEEDS = st.integers(0, 2**16)


def scalars(bound=VALUE_BOUND):
    """A 0-d-like Python float on the grid, for the bias b."""
    k = round(GRID * bound)
    return st.integers(-k, k).map(lambda i: i / GRID)


@st.composite
def logistic_points(draw):
    """(w (n_x, 1), b float, X (n_x, m), Y (1, m))."""
    n_x, m = draw(FEATURES), draw(EXAMPLES)
    return (draw(matrices(n_x, 1, VALUE_BOUND)), draw(scalars()), draw(matrices(n_x, m, VALUE_BOUND)),
            draw(labels(m)))


@st.composite
def logistic_training(draw):
    """(w, b, X, Y, learning_rate, num_iterations) for optimize."""
    return (*draw(logistic_points()), draw(LEARNING_RATES), draw(st.integers(1, MAX_STEPS)))


@st.composite
def logistic_models(draw):
    """(X_train, Y_train, X_test, Y_test, learning_rate, num_iterations) for model."""
    n_x, m, m_test = draw(FEATURES), draw(EXAMPLES), draw(EXAMPLES)
    return (draw(matrices(n_x, m, VALUE_BOUND)), draw(labels(m)), draw(matrices(n_x, m_test, VALUE_BOUND)),
            draw(labels(m_test)), draw(LEARNING_RATES), draw(st.integers(1, MAX_STEPS)))


@st.composite
def planar_points(draw):
    """(X (n_x, m), Y (1, m), parameters with W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h), b2 (1, 1))."""
    n_x, n_h, m = draw(FEATURES), draw(HIDDEN), draw(EXAMPLES)
    parameters = {"W1": draw(matrices(n_h, n_x, VALUE_BOUND)), "b1": draw(matrices(n_h, 1, VALUE_BOUND)),
                  "W2": draw(matrices(1, n_h, VALUE_BOUND)), "b2": draw(matrices(1, 1, VALUE_BOUND))}
    return draw(matrices(n_x, m, VALUE_BOUND)), draw(labels(m)), parameters


@st.composite
def planar_training(draw):
    """(X, Y, n_h, num_iterations, seed) for nn_model, which starts from initialize_parameters(seed)."""
    n_x, n_h, m = draw(FEATURES), draw(HIDDEN), draw(EXAMPLES)
    return (draw(matrices(n_x, m, VALUE_BOUND)), draw(labels(m)), n_h, draw(st.integers(1, MAX_NN_STEPS)),
            draw(SEEDS))


LOGISTIC_POINTS = logistic_points()
LOGISTIC_TRAINING = logistic_training()
LOGISTIC_MODELS = logistic_models()
PLANAR_POINTS = planar_points()
PLANAR_TRAINING = planar_training()
