"""Training speed with one BLAS thread against all of them, alone and beside a busy neighbour.

Run by hand (make bench), not in CI. Trains the cat network [12288, 20, 7, 5, 1]
on the 209 cat images for ITERATIONS iterations, RUNS times per setting, with
OpenBLAS limited (threadpoolctl) to 1 thread or left at all the cores, first on
a quiet machine, then while another process spins on one core (as another
user's job would). Prints iterations per second (medians); `manual-dnn train`
uses the choice in manual_dnn_cli/train.py (BLAS_THREADS).

    python benchmarks/training_threads.py [DATA_DIR]
"""

import os
import statistics
import subprocess
import sys
import time

# A thread limit set in the environment before numpy loads caps what threadpoolctl can raise it to.
if any(os.environ.get(name) for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")):
    clean = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                                               "MKL_NUM_THREADS")}
    os.execve(sys.executable, [sys.executable, *sys.argv], clean)

import numpy as np  # noqa: E402 -- after the environment is settled
from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402

import manual_dnn as md  # noqa: E402
from manual_dnn.data import flatten_images, load_data  # noqa: E402

LAYERS = [12288, 20, 7, 5, 1]
ITERATIONS, RUNS = 100, 3


def iterations_per_second(X, Y, threads):
    speeds = []
    for _ in range(RUNS):
        with threadpool_limits(limits=threads, user_api="blas"):
            start = time.perf_counter()
            md.L_layer_model(X, Y, LAYERS, num_iterations=ITERATIONS)
            speeds.append(ITERATIONS / (time.perf_counter() - start))
    return statistics.median(speeds), speeds


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else None
    train_x, train_y, *_ = load_data(data_dir)
    X, Y = flatten_images(train_x), train_y.astype(np.float64)
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    all_threads = max(pool["num_threads"] for pool in blas)
    print(f"{ITERATIONS} iterations of {LAYERS} on {X.shape[1]} cat images, {RUNS} runs each; "
          f"{os.cpu_count()} cores; BLAS: {', '.join(p['internal_api'] + ' ' + str(p['version']) for p in blas)}")
    settings = [(1, "1 thread"), (all_threads, f"{all_threads} threads (all)")]
    for neighbour in (False, True):
        spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if neighbour else None
        try:
            time.sleep(0.5 if neighbour else 0)
            for threads, label in settings:
                median, speeds = iterations_per_second(X, Y, threads)
                where = "beside a busy neighbour" if neighbour else "quiet"
                print(f"{label:<18} {where:<24} median {median:7.1f} it/s  "
                      f"({', '.join(f'{s:.1f}' for s in speeds)})")
        finally:
            if spinner is not None:
                spinner.kill()
                spinner.wait()


if __name__ == "__main__":
    main()
