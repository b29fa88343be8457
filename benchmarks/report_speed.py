"""How long the rich report takes to draw, on the cat network's shape (run by hand: make bench).

Prints medians of several runs of:
  1. the HTML fragment (what Jupyter shows) of a passing report: the Taylor and step-size pictures;
  2. the same for a failing one (the dW-missing-1/m mutant): two pictures and seven heat maps, dW1 20 x 12288;
  3. the step-size sweep of the worst entry of dW1, which the checker computes for every failing dW1;
  4. `manual-dnn gradcheck --mutant dW-missing-1/m --html FILE` against the same command without --html.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 3
COMMAND = [str(Path(sys.executable).parent / "manual-dnn"), "gradcheck", "--mutant", "dW-missing-1/m"]


def median_seconds(run, runs=RUNS):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def show(label, stats):
    median, low, high = stats
    print(f"{label:<58} median {median:6.2f} s  (min {low:.2f}, max {high:.2f})")


def main():
    import manual_dnn
    from reference import check
    from reference.bug_zoo import mutant_namespace
    from reference.checks.points import network_point
    from reference.oracles.step_sizes import step_sweep
    from reference.report.html import report_fragment

    print(f"{RUNS} runs each; medians; cat network [12288, 20, 7, 5, 1], 209 synthetic examples.")
    passing = check(manual_dnn)
    failing = check(mutant_namespace("dW-missing-1/m"))
    show("HTML fragment of a passing report (2 pictures)", median_seconds(lambda: report_fragment(passing)))
    show("HTML fragment of a failing report (2 pictures, 7 maps)", median_seconds(lambda: report_fragment(failing)))
    point = network_point([12288, 20, 7, 5, 1], 209, 0)
    show("step-size sweep of one dW1 entry (31 steps x 3 ways)",
         median_seconds(lambda: step_sweep(point.X, point.weights, point.Y, "dW1", (3, 5000))))
    with tempfile.TemporaryDirectory() as folder:
        page = str(Path(folder) / "report.html")
        for label, argv in (("gradcheck --mutant dW-missing-1/m (text only)", COMMAND),
                            ("gradcheck --mutant dW-missing-1/m --html FILE", COMMAND + ["--html", page])):
            show(label, median_seconds(lambda argv=argv: subprocess.run(argv, capture_output=True)))


if __name__ == "__main__":
    main()
