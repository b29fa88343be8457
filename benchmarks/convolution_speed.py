"""How fast `manual-dnn gradcheck --impl` is on course 4 week 1 files, whole commands included.

Run by hand (make bench), not in CI. Each file is checked in its sandbox, as a learner runs it: the
interpreter, the imports, loading the file (its own test cells run, at the course's shapes: conv_forward on
(2, 5, 7, 4), conv_backward on (10, 4, 4, 3), ...), every function at the check point with every oracle, and
JAX's compilations (one per function's math and hyperparameters, the larger share). Target: at most 10 s
wall per file on this 2-core machine. Prints medians of RUNS runs, the CPU seconds the command and the
processes it waited for used (less sensitive to other processes than the wall time), and the load average
before and after: on a shared machine the wall time grows with the load, the CPU time hardly. A cat-network
file is timed beside them, the yardstick: the ratio travels between machines and loads where seconds do not.
"""

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 5
COMMAND = [str(Path(sys.executable).parent / "manual-dnn"), "gradcheck", "--impl"]
LEARNERS = Path(__file__).resolve().parent.parent / "tests" / "learners"
CORPUS = LEARNERS / "convolution"
YARDSTICK = LEARNERS / "step_by_step" / "bug_cost_not_squeezed.py"  # the cat network, sandboxed, every check
FILES = (
    ("w1a1_2021_item_right.py", "right, every oracle, pad 0 INVALID"),
    ("v2_2018_stride_ignored_backward.py", "two wrong backward passes, the stride found"),
    ("w1a1_2021_backward_not_done.ipynb", "a notebook, the backward not done"),
)


def timed(argv):
    """(wall seconds, CPU seconds of the command and its waited-for children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def line(name, path, what):
    runs = [timed(COMMAND + [str(path)]) for _ in range(RUNS)]
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    print(f"{name:38s} wall median {statistics.median(walls):5.2f} s (min {min(walls):.2f}, max {max(walls):.2f}),"
          f" CPU {statistics.median(cpus):5.2f} s  [{what}]")
    return statistics.median(walls)


def main():
    print(f"{RUNS} runs each; medians. Load average before: {os.getloadavg()[0]:.1f} (2 cores). Target <= 10 s.")
    yardstick = line("cat network: " + YARDSTICK.name, YARDSTICK, "the yardstick")
    for name, what in FILES:
        wall = line(name, CORPUS / name, what)
        print(f"{'':38s} {wall / yardstick:.2f}x the cat network's check")
    print(f"Load average after: {os.getloadavg()[0]:.1f}.")


if __name__ == "__main__":
    main()
