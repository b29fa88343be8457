"""How fast `manual-dnn gradcheck` is, whole commands included.

Run by hand (make bench), not in CI. Prints medians of several runs of:
  1. `manual-dnn gradcheck`            (target <= 5 s: interpreter, imports, JAX compile)
  2. `manual-dnn gradcheck --full-fd`  (target <= 10 s: every parameter of the cat network)
  3. the naive estimate: two full forward passes per parameter, timed on a sample.
"""

import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from manual_dnn.training import CAT_NETWORK

RUNS = 5
COMMAND = [str(Path(sys.executable).parent / "manual-dnn"), "gradcheck"]


def wall(argv):
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{result.stdout}{result.stderr}")
    return elapsed


def parameter_count(layer_dims):
    """Every W and b of a network: n_l * n_{l-1} + n_l per layer."""
    return sum(n * n_prev + n for n_prev, n in zip(layer_dims, layer_dims[1:]))


def naive_seconds_per_coordinate(samples=40):
    from reference.checks.points import network_point
    from reference.oracles.numpy_network import network_cost

    point = network_point(list(CAT_NETWORK), 209, seed=0)
    weights = point.weights
    times = []
    for k in range(samples):
        W1 = weights[0][0].copy()
        start = time.perf_counter()
        for sign in (1, -1):
            W1[k % 20, k] += sign * 1e-5
            network_cost(point.X, [(W1, weights[0][1])] + weights[1:], point.Y)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    print(f"{RUNS} runs each; medians. Machine: 2 cores, OPENBLAS_CORETYPE as set here.")
    default = [wall(COMMAND) for _ in range(RUNS)]
    print(f"manual-dnn gradcheck            median {statistics.median(default):6.2f} s  "
          f"(min {min(default):.2f}, max {max(default):.2f})  target <= 5 s")
    full = [wall(COMMAND + ["--full-fd"]) for _ in range(RUNS)]
    print(f"manual-dnn gradcheck --full-fd  median {statistics.median(full):6.2f} s  "
          f"(min {min(full):.2f}, max {max(full):.2f})  target <= 10 s, "
          f"all {parameter_count(CAT_NETWORK):,} parameters of {list(CAT_NETWORK)}")
    per, count = naive_seconds_per_coordinate(), parameter_count(CAT_NETWORK)
    naive = per * count
    print(f"naive full FD (2 forward passes x {count:,} parameters): {per * 1e3:.1f} ms per parameter, "
          f"estimated {naive / 60:.0f} min = {naive / statistics.median(full):.0f}x the --full-fd command")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
