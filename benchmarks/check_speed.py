"""How fast a check is, beside its floor: every figure of issue 21 with its target, in one run.

Run by hand (make bench), on a quiet machine: each figure is the median of --runs runs of a whole
command (interpreter start included). The floor is `python -c "import numpy, jax"`, what any check
must pay, run just before each run it is compared with: a ratio is the median of those pairs' ratios,
honest even when the machine's load drifts. Printed, each beside its target:
  - `manual-dnn gradcheck` cold (an empty compilation cache: a fresh cache folder per run) and warm
    (its second run, in the same folder);
  - `gradcheck --impl` of a right learner file, and the same check with the file loaded in the
    checker's own process;
  - `gradcheck --only linear_backward` (when the option exists);
  - `gradcheck --full-fd` beside the naive estimate (two forward passes per parameter, timed on a sample);
  - `manual-dnn grade` on --submissions files of the learner corpus beside `gradcheck --impl` on each in
    turn, verdicts compared (benchmarks/grade_speed.py);
  - `check(globals())` in a real Jupyter kernel (nbclient, ipykernel), warm: the checks after the first;
  - where the time of one warm check goes (benchmarks/breakdown.py), default and --impl.
Every command runs with its own compilation cache folder (XDG_CACHE_HOME in a temporary folder), so the
user's cache is neither used nor touched, and with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset.

    .venv/bin/python benchmarks/check_speed.py                     # everything (the grade part: ~10 min)
    .venv/bin/python benchmarks/check_speed.py --skip grade,kernel --runs 5
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHMARKS))

from grade_speed import CORRECT, IN_PROCESS, grade_against_serial  # noqa: E402

PYTHON = sys.executable
MANUAL_DNN = str(Path(PYTHON).parent / "manual-dnn")
UNSET = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
PARTS = ("default", "impl", "only", "full-fd", "grade", "kernel", "breakdown")


def environment(cache_home):
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env["XDG_CACHE_HOME"] = str(cache_home)
    env.pop("MANUAL_DNN_NO_CACHE", None)
    return env


def wall(argv, env, codes=(0,)):
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    if result.returncode not in codes:
        sys.exit(f"{' '.join(argv)} exited {result.returncode}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return seconds


class Table:
    """The figures, printed as they come and again together at the end."""

    def __init__(self):
        self.rows = []

    def add(self, name, seconds, target, ratio=None, met=None, note=""):
        row = f"{name:<46} {_time(seconds):>9}  {target:<28} {ratio or '':<10} {_met(met):<4} {note}"
        self.rows.append(row)
        print(row, flush=True)

    def show(self, floor):
        if floor is not None:
            print(f"\nfloor: python -c 'import numpy, jax', median {floor:.2f} s of the runs taken beside the others")
        print(f"{'':<46} {'median':>9}  {'target':<28} {'ratio':<10} {'met':<4}")
        print("\n".join(self.rows))


def _time(seconds):
    return "" if seconds is None else f"{seconds:.2f} s"


def _met(met):
    return "" if met is None else ("yes" if met else "NO")


def medians(runs, measure):
    return statistics.median(measure() for _ in range(runs))


def naive_seconds_per_parameter(samples=40):
    """Two full forward passes at the cat network's size, per perturbed parameter (timed on W1 entries)."""
    from manual_dnn.training import CAT_NETWORK
    from reference.checks.points import network_point
    from reference.oracles.numpy_network import network_cost

    point = network_point(list(CAT_NETWORK), 209, seed=0)
    times = []
    for k in range(samples):
        W1 = point.weights[0][0].copy()
        start = time.perf_counter()
        for sign in (1, -1):
            W1[k % 20, k] += sign * 1e-5
            network_cost(point.X, [(W1, point.weights[0][1])] + point.weights[1:], point.Y)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def parameter_count(layer_dims):
    return sum(n * n_prev + n for n_prev, n in zip(layer_dims, layer_dims[1:]))


def has_only_option():
    return "--only" in subprocess.run([MANUAL_DNN, "gradcheck", "--help"], capture_output=True, text=True).stdout


KERNEL_CHECKS = 4  # the first compiles (or loads) the oracles; the others are the warm ones


def kernel_seconds(scratch, env):
    """The checks after the first of ``check(globals())`` in one real kernel (a learner's notebook)."""
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    spec = scratch / "kernels" / "manual-dnn-bench"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [PYTHON, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "manual-dnn bench", "language": "python", "env": env}))
    learner = CORRECT.read_text().replace("from dnn_utils import", "from manual_dnn.activations import")
    timed_check = ("import time\nstart = time.perf_counter()\nreport = check(globals())\ndisplay(report)\n"
                   "print('seconds', time.perf_counter() - start)")
    cells = [nbformat.v4.new_code_cell(learner), nbformat.v4.new_code_cell("from reference import check")]
    cells += [nbformat.v4.new_code_cell(timed_check) for _ in range(KERNEL_CHECKS)]
    notebook = nbformat.v4.new_notebook(cells=cells)
    manager = KernelManager(kernel_name="manual-dnn-bench",
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(scratch / "kernels")]))
    NotebookClient(notebook, km=manager, timeout=600).execute()
    seconds = []
    for cell in notebook.cells[2:]:
        text = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")
        seconds.append(float(text.split("seconds", 1)[1].split()[0]))
    return seconds


def breakdown(argv, env):
    result = subprocess.run([PYTHON, str(BENCHMARKS / "breakdown.py"), *argv], capture_output=True, text=True,
                            env=env, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        return f"breakdown failed: {result.stderr[-500:]}"
    found = json.loads(result.stdout.strip().splitlines()[-1])
    parts = sorted(found["parts"].items(), key=lambda kv: -kv[1])
    lines = [f"  {' '.join(argv)}: {found['seconds']:.2f} s in the process (interpreter start not included)"]
    lines += [f"    {seconds:6.3f} s {100 * seconds / found['seconds']:4.0f}%  {part}" for part, seconds in parts]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (medians); default 3")
    parser.add_argument("--submissions", type=int, default=200, help="the grade comparison's class size")
    parser.add_argument("--skip", default="", help=f"comma-separated parts to leave out: {', '.join(PARTS)}")
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = skip - set(PARTS)
    if unknown:
        parser.error(f"--skip: unknown part(s) {', '.join(sorted(unknown))}")
    unset = [k for k in UNSET if k in os.environ]
    print(f"{args.runs} runs per figure, medians; {os.cpu_count()} cores; "
          f"{'unset here: ' + ', '.join(unset) if unset else 'OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE were not set'}; "
          f"load average before: {os.getloadavg()[0]:.2f}")
    table = Table()
    with tempfile.TemporaryDirectory(prefix="check-speed-") as scratch:
        scratch = Path(scratch)
        warm_env = environment(scratch / "warm-cache")
        floors = []

        def floor_run():
            floors.append(wall([PYTHON, "-c", "import numpy, jax"], warm_env))
            return floors[-1]

        def against_floor(measure):
            """(median seconds, median ratio): each run of ``measure`` beside a floor run taken just before it,
            so that a machine whose load drifts still gives honest ratios."""
            pairs = [(floor_run(), measure()) for _ in range(args.runs)]
            return statistics.median(m for _, m in pairs), statistics.median(m / f for f, m in pairs)

        if "default" not in skip:
            triples = []
            for run in range(args.runs):  # each cold run has an empty cache of its own; warm is its second run
                env = environment(scratch / f"cold-cache-{run}")
                floor = floor_run()
                triples.append((floor, wall([MANUAL_DNN, "gradcheck"], env), wall([MANUAL_DNN, "gradcheck"], env)))
            for name, k, limit in (("cold (empty compilation cache)", 1, 2.6), ("warm (its second run)", 2, 1.6)):
                seconds = statistics.median(t[k] for t in triples)
                ratio = statistics.median(t[k] / t[0] for t in triples)
                table.add(f"gradcheck, {name}", seconds, f"<= {limit}x the floor", f"{ratio:.2f}x", ratio <= limit)
        wall([MANUAL_DNN, "gradcheck", "--impl", str(CORRECT)], warm_env)  # fills the shared cache
        if "impl" not in skip:
            pairs = [(wall([PYTHON, "-c", IN_PROCESS, str(CORRECT), "(None, None)"], warm_env),
                      wall([MANUAL_DNN, "gradcheck", "--impl", str(CORRECT)], warm_env)) for _ in range(args.runs)]
            in_process, isolated = (statistics.median(x) for x in zip(*pairs))
            ratio = statistics.median(i / p for p, i in pairs)
            table.add(f"gradcheck --impl {CORRECT.name}", isolated, "<= 1.2x in process", f"{ratio:.2f}x",
                      ratio <= 1.2)
            table.add("  the same check in the checker's process", in_process, "")
        if "only" not in skip:
            if has_only_option():
                argv = [MANUAL_DNN, "gradcheck", "--only", "linear_backward"]
                wall(argv, warm_env)
                only, ratio = against_floor(lambda: wall(argv, warm_env))
                table.add("gradcheck --only linear_backward (warm)", only, "<= 1.3x the floor", f"{ratio:.2f}x",
                          ratio <= 1.3)
            else:
                table.add("gradcheck --only linear_backward", None, "<= 1.3x the floor", note="(no --only yet)")
        if "full-fd" not in skip:
            from manual_dnn.training import CAT_NETWORK

            full = medians(args.runs, lambda: wall([MANUAL_DNN, "gradcheck", "--full-fd"], warm_env))
            count = parameter_count(CAT_NETWORK)
            naive = naive_seconds_per_parameter() * count
            table.add("gradcheck --full-fd (warm)", full, ">= 300x faster than naive", f"{naive / full:.0f}x",
                      naive / full >= 300, f"(naive: 2 forwards x {count:,} parameters, ~{naive / 60:.0f} min)")
        if "kernel" not in skip:
            seconds = kernel_seconds(scratch, warm_env)
            warm_checks = statistics.median(seconds[1:])
            table.add("check(globals()) in a kernel, warm", warm_checks, "<= 1 s", "", warm_checks <= 1.0,
                      f"(the first: {seconds[0]:.2f} s; then {', '.join(f'{s:.2f}' for s in seconds[1:])})")
        if "grade" not in skip:
            grade, serial, differ = grade_against_serial(args.submissions, env=warm_env,
                                                         say=lambda text: print("  " + text, flush=True))
            identical = "yes" if not differ else "NO: " + ", ".join(differ)
            table.add(f"grade, {args.submissions} submissions", grade, ">= 8x one after another",
                      f"{serial / grade:.1f}x", serial / grade >= 8 and not differ,
                      f"(serial {serial:.0f} s; verdicts identical: {identical})")
        if "breakdown" not in skip:
            print("\nwhere one warm check's time goes (the main thread, sampled):")
            print(breakdown(["gradcheck"], warm_env))
            print(breakdown(["gradcheck", "--impl", str(CORRECT)], warm_env))
        table.show(statistics.median(floors) if floors else None)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
