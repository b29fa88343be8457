"""L_layer_model against the same network trained by JAX (jit, float64), in one run.

Run by hand (make bench), not in CI. Trains [12288, 20, 7, 5, 1] on the cat
images for 2500 iterations at learning rate 0.0075 from the same scaled
initialisation, RUNS times each, alternating; prints the medians, their ratio
(target: numpy at most 2.0x JAX) and how far the costs are from the course's.
"""

import statistics
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np

import manual_dnn as md
from manual_dnn.data import flatten_images, load_data
from reference.oracles import jax_network as jnet

jax.config.update("jax_enable_x64", True)  # this script only: the JAX trainer runs in float64

RUNS = 3
LAYERS = [12288, 20, 7, 5, 1]
ITERATIONS, LEARNING_RATE = 2500, 0.0075
PUBLISHED = {0: 0.7717493284237686, 2400: 0.092878}  # the Application notebook's printout


def jax_trainer(X, Y):
    """A jitted gradient-descent step; the Python loop mirrors the seed's."""
    X, Y = jnp.asarray(X), jnp.asarray(Y)

    def cost_of(weights):
        return jnet.cost(jnet.forward(X, weights)[0], Y)

    @jax.jit
    def step(weights):
        cost, grads = jax.value_and_grad(cost_of)(weights)
        return [(W - LEARNING_RATE * dW, b - LEARNING_RATE * db) for (W, b), (dW, db) in zip(weights, grads)], cost

    def train(parameters):
        weights = [(jnp.asarray(parameters[f"W{l}"]), jnp.asarray(parameters[f"b{l}"])) for l in range(1, len(LAYERS))]
        costs = []
        for i in range(ITERATIONS):
            weights, cost = step(weights)
            if i % 100 == 0:
                costs.append(cost)
        return [float(c) for c in costs]

    return train


def seed_style(X, Y):
    """The Application notebook's loop, verbatim in spirit: the full backward pass, dA0 included."""
    parameters = md.initialize_parameters_deep(LAYERS, scaled=True)
    costs = []
    for i in range(ITERATIONS):
        AL, caches = md.L_model_forward(X, parameters)
        cost = md.compute_cost(AL, Y)
        grads = md.L_model_backward(AL, Y, caches)
        parameters = md.update_parameters(parameters, grads, LEARNING_RATE)
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else None
    train_x, train_y, *_ = load_data(data_dir)
    X, Y = flatten_images(train_x), train_y.astype(np.float64)
    train_jax = jax_trainer(X, Y)
    initial = md.initialize_parameters_deep(LAYERS, scaled=True)
    train_jax(initial)  # compile once, outside the timing
    numpy_times, jax_times = [], []
    for _ in range(RUNS):
        seconds, (_, numpy_costs) = timed(md.L_layer_model, X, train_y, LAYERS, LEARNING_RATE, ITERATIONS)
        numpy_times.append(seconds)
        seconds, jax_costs = timed(train_jax, initial)
        jax_times.append(seconds)
    seed_seconds, (_, seed_costs) = timed(seed_style, X, train_y)
    numpy_median, jax_median = statistics.median(numpy_times), statistics.median(jax_times)
    print(f"{RUNS} runs each, {ITERATIONS} iterations of {LAYERS} on {X.shape[1]} cat images (2 cores)")
    print(f"numpy L_layer_model  median {numpy_median:6.2f} s  ({', '.join(f'{t:.2f}' for t in numpy_times)})")
    print(f"JAX jit, float64     median {jax_median:6.2f} s  ({', '.join(f'{t:.2f}' for t in jax_times)})")
    print(f"seed-style loop      one run {seed_seconds:6.2f} s  (computes dA0 every iteration)")
    print(f"ratio numpy / JAX    {numpy_median / jax_median:.2f}x  (target <= 2.0x); "
          f"seed-style / JAX {seed_seconds / jax_median:.2f}x")
    print(f"largest |L_layer_model - seed-style| over the 25 recorded costs: "
          f"{max(abs(a - b) for a, b in zip(numpy_costs, seed_costs)):.1e}  (target <= 1e-9)")
    print(f"cost at 0: numpy {numpy_costs[0]!r}  published {PUBLISHED[0]!r}  "
          f"difference {abs(numpy_costs[0] - PUBLISHED[0]):.1e}")
    print(f"cost at 2400: numpy {numpy_costs[24]:.6f}  published {PUBLISHED[2400]}  JAX {jax_costs[24]:.6f}")
    print(f"largest |numpy - JAX| over the 25 recorded costs: "
          f"{max(abs(a - b) for a, b in zip(numpy_costs, jax_costs)):.1e}")


if __name__ == "__main__":
    main()
