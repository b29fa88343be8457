"""The cat network checked two ways in one process: the seed checker (reference/checks, what
`manual-dnn gradcheck` runs) and its declaration on the engine (reference/assignments/dnn).

Run by hand, not in CI, once per way (each in a fresh process, after a first run has filled the
compilation cache): what the switch of the command's dnn path to the engine would cost.

    .venv/bin/python benchmarks/engine_dnn_speed.py seed
    .venv/bin/python benchmarks/engine_dnn_speed.py engine
"""

import sys
import time

WAYS = ("seed", "engine")


def main():
    way = sys.argv[1] if len(sys.argv) > 1 else ""
    if way not in WAYS:
        sys.exit(f"usage: engine_dnn_speed.py {'|'.join(WAYS)}")
    start = time.perf_counter()
    import manual_dnn
    from reference.assignments.dnn import ASSIGNMENT
    from reference.checks.checker import check
    from reference.engine.checking import check_assignment
    from reference.learner.loading import load_implementation

    print(f"imports {time.perf_counter() - start:.2f} s")
    for run in range(2):
        start = time.perf_counter()
        if way == "engine":
            report = check_assignment(load_implementation(manual_dnn), ASSIGNMENT, 0, settings={})
        else:
            report = check(manual_dnn)
        print(f"{way} check {run + 1}: {time.perf_counter() - start:.2f} s, {len(report.checks)} checks, "
              f"{'PASS' if report.passed else 'FAIL'}")


if __name__ == "__main__":
    main()
