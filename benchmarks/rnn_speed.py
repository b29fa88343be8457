"""How fast a course 5 week 1 file ("Building your Recurrent Neural Network: Step by Step") is checked.

Run by hand, not in CI. Prints medians of several runs of:
  1. `manual-dnn gradcheck --impl FILE`, whole command, the file in its sandbox, at the course's sizes
     (n_x 3, n_a 5, n_y 2, m 10, T_x 4): a right file and a failing one (target <= 10 s each);
  2. the same with a lstm_backward that never returns: one timeout row (--timeout 3), never a hang;
  3. in one process: the check's time, the share of it JAX spends compiling, and how many compilations.
The load average is printed first: on a shared 2-core machine, figures taken under load are slower by
about the load over 2; compare shares and ratios, not seconds.
"""

import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 3
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "learners" / "rnn"
COMMAND = [str(Path(sys.executable).parent / "manual-dnn"), "gradcheck", "--impl"]
FILES = {"right (v1, test cells)": CORPUS / "v1_all_done_test_cells.py",
         "failing (lstm_backward)": CORPUS / "v3_lstm_backward_nothing_from_t_plus_1.py"}


def wall(argv, codes=(0, 1)):
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    elapsed = time.perf_counter() - start
    if result.returncode not in codes:
        sys.exit(f"{' '.join(argv)} exited {result.returncode}:\n{result.stdout[-2000:]}{result.stderr}")
    return elapsed, result


def hanging_file(folder):
    """A right file whose lstm_backward loops for ever."""
    text = (CORPUS / "current_matmul_own_style.py").read_text(encoding="utf-8")
    text = re.sub(r"def lstm_backward\(da, caches\):\n(    .*\n|\n)*?(?=\n\nif __name__)",
                  "def lstm_backward(da, caches):\n    while True:\n        pass\n", text)
    path = Path(folder) / "hangs_in_lstm_backward.py"
    path.write_text(text, encoding="utf-8")
    return path


def in_process():
    """(seconds of the whole check, seconds compiling, compilations) of manual_dnn's own solution."""
    import jax

    compiled = []

    class Count(logging.Handler):
        def emit(self, record):
            match = re.search(r"Finished XLA compilation of .* in ([0-9.e-]+) sec", record.getMessage())
            if match:
                compiled.append(float(match.group(1)))

    jax.config.update("jax_log_compiles", True)
    logging.getLogger("jax").addHandler(Count())
    logging.getLogger("jax").setLevel(logging.DEBUG)
    import manual_dnn.rnn as solution
    from reference.checks.checker import check

    start = time.perf_counter()
    report = check(solution, assignment="rnn")
    assert report.passed, report.to_text()
    return time.perf_counter() - start, sum(compiled), len(compiled)


def main():
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {RUNS} runs each, medians")
    for label, path in FILES.items():
        times = [wall(COMMAND + [str(path)])[0] for _ in range(RUNS)]
        print(f"gradcheck --impl, {label:26s} median {statistics.median(times):6.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f})  target <= 10 s")
    with tempfile.TemporaryDirectory() as folder:
        seconds, result = wall(COMMAND + [str(hanging_file(folder)), "--timeout", "3"])
        row = next((line.strip() for line in result.stdout.splitlines() if "timed out" in line), "no timeout row")
        print(f"gradcheck --impl, lstm_backward never returns   {seconds:6.2f} s, exit {result.returncode}: "
              f"{row[:100]}")
    total, compiling, count = in_process()
    print(f"in one process: {total:.2f} s, of which {compiling:.2f} s ({compiling / total:.0%}) compiling "
          f"{count} JAX functions")


if __name__ == "__main__":
    main()
