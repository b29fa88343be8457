"""How fast the check of a whole CS231n layers.py is (target <= 10 s), the command included.

Run by hand, not in CI: `manual-dnn gradcheck --impl` on the corpus's right 2018 file (21 functions, loops
for the convolution and pooling, in its sandbox), and the same check of manual_dnn's own solution in the
checker's process. Prints medians and the spread: the machine is shared, so say so beside any figure.
"""

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 3
ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "tests" / "learners" / "cs231n_layers" / "v2018_loops_correct.py"
MANUAL_DNN = str(Path(sys.executable).parent / "manual-dnn")


def wall(argv):
    """(wall seconds, CPU seconds of the command and its children): on a loaded machine the CPU time is the
    figure that does not depend on the neighbours."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{result.stdout[-2000:]}{result.stderr}")
    return elapsed, cpu


def _load():
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


def main():
    for label, argv in (("gradcheck --impl layers.py (sandboxed)", [MANUAL_DNN, "gradcheck", "--impl", str(FILE)]),
                        ("gradcheck --assignment cs231n_layers (manual_dnn, in process)",
                         [MANUAL_DNN, "gradcheck", "--assignment", "cs231n_layers"])):
        runs = [wall(argv) for _ in range(RUNS)]
        times, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"{label}: wall median {statistics.median(times):.1f} s (min {min(times):.1f}, max {max(times):.1f}); "
              f"CPU median {statistics.median(cpus):.1f} s; {RUNS} runs, load average {_load():.1f} (target <= 10 s)")


if __name__ == "__main__":
    main()
