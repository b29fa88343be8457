"""How fast `manual-dnn grade` is against `manual-dnn gradcheck --impl` run on each file in turn.

Run by hand (not in CI). The class: the learner corpus (tests/learners/: 52 files of
every course version and style, correct, buggy and unloadable), repeated up to
--submissions files. Prints:
  1. `manual-dnn grade CLASS` (default workers) against serial `gradcheck --impl --json` per file:
     wall time, throughput, the ratio (target >= 8x), and whether every verdict is identical
     (pass/fail of each check, root causes, unloadable files);
  2. one `manual-dnn gradcheck --impl FILE` at the given size, isolated, and the same check without
     isolation (the file loaded in the checker's process), medians.
benchmarks/check_speed.py runs part 1 beside the other figures of a check's speed.

    .venv/bin/python benchmarks/grade_speed.py                      # 200 submissions, the cat network
    .venv/bin/python benchmarks/grade_speed.py --submissions 8 --layers 5,4,3,1 --examples 6   # a smoke run
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORRECT = ROOT / "tests" / "gradcheck" / "learners" / "correct_notebook.py"
CORPUS = ROOT / "tests" / "learners"
CAT_FOLDERS = ("step_by_step", "application")  # the cat network's corpus, as the figures in README were measured
MANUAL_DNN = str(Path(sys.executable).parent / "manual-dnn")
IN_PROCESS = """
import sys
from reference.checks.checker import check
from reference.learner.loading import from_path
print(check(from_path(sys.argv[1]), *eval(sys.argv[2])).to_text())
"""  # gradcheck --impl's work, with the file loaded in the checker's own process


def class_files(folder, count):
    """``count`` learner files in ``folder``: the learner corpus (tests/learners/, every course
    version and style, correct, buggy and unloadable), repeated in turn."""
    corpus = sorted(p for p in CORPUS.glob("*/*")
                    if p.suffix.lower() in (".py", ".ipynb") and p.parent.name in CAT_FOLDERS)
    paths = []
    for i in range(count):
        source = corpus[i % len(corpus)]
        path = folder / f"sub{i:03d}_{source.parent.name}_{source.name}"
        path.write_bytes(source.read_bytes())
        paths.append(path)
    return paths


def verdicts(report):
    """What must be identical: each check's pass/fail, and the root causes."""
    if report is None:
        return None
    checks = sorted((c["function"], c["target"], c["oracle"], c["passed"]) for c in report["checks"])
    return report["passed"], report["root_causes"], checks


def _summary(report, record=None):
    """What a report says, in one line, for a verdict that differs (``record``: grade's JSONL row)."""
    if report is None:
        return f"{record['status']}: {record['reason']}" if record else "no report"
    failing = sorted({(c["function"], c["target"]) for c in report["checks"] if c["passed"] is False})
    return f"passed={report['passed']} root causes {report['root_causes']} failing {failing[:4]}"


def timed(argv, env=None):
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start, result


def grade_against_serial(submissions, size=(), workers=None, env=None, say=print):
    """`manual-dnn grade` on ``submissions`` corpus files against `gradcheck --impl --json` on each in turn.

    Returns (grade seconds, serial seconds, the submissions whose verdicts differ).
    """
    with tempfile.TemporaryDirectory(prefix="grade-speed-") as scratch:
        scratch = Path(scratch)
        folder = scratch / "class"
        folder.mkdir()
        paths = class_files(folder, submissions)
        say(f"{len(paths)} submissions ({len(set(p.name.split('_', 1)[1] for p in paths))} distinct files), "
            f"size {' '.join(size) or 'cat network'}")
        workers = ["--workers", str(workers)] if workers else []
        grade_seconds, result = timed([MANUAL_DNN, "grade", str(folder), *size, *workers,
                                       "--jsonl", str(scratch / "reports.jsonl")], env)
        if result.returncode not in (0, 1):
            sys.exit(f"manual-dnn grade failed:\n{result.stderr}")
        graded = {Path(r["submission"]).name: r for r in map(json.loads, (scratch / "reports.jsonl").open())}
        serial_seconds, differ = 0.0, []
        for path in paths:
            seconds, result = timed([MANUAL_DNN, "gradcheck", "--impl", str(path), *size, "--json"], env)
            serial_seconds += seconds
            report = json.loads(result.stdout) if result.returncode in (0, 1) else None
            if verdicts(report) != verdicts(graded[path.name]["report"]):
                differ.append(path.name)
                say(f"  {path.name}: gradcheck --impl {_summary(report)}; "
                    f"grade {_summary(graded[path.name]['report'], graded[path.name])}")
    return grade_seconds, serial_seconds, differ


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--layers", help="e.g. 5,4,3,1 (default: the cat network)")
    parser.add_argument("--examples", type=int)
    parser.add_argument("--workers", type=int, help="grade's --workers (default: grade's own default)")
    parser.add_argument("--runs", type=int, default=3, help="runs of the single-file timing (median)")
    args = parser.parse_args()
    size = (["--layers", args.layers] if args.layers else []) + (["--examples", str(args.examples)]
                                                                  if args.examples else [])
    grade_seconds, serial_seconds, differ = grade_against_serial(args.submissions, size, args.workers)
    count = args.submissions
    print(f"manual-dnn grade            {grade_seconds:7.1f} s  {count / grade_seconds:5.2f} submissions/s")
    print(f"gradcheck --impl, serially  {serial_seconds:7.1f} s  {count / serial_seconds:5.2f} submissions/s")
    print(f"throughput: {serial_seconds / grade_seconds:.1f}x (target >= 8x); verdicts identical: "
          f"{'yes' if not differ else 'NO, for ' + ', '.join(differ[:5])}")
    single = [timed([MANUAL_DNN, "gradcheck", "--impl", str(CORRECT), *size])[0] for _ in range(args.runs)]
    layers = [int(n) for n in args.layers.split(",")] if args.layers else None
    unisolated = [timed([sys.executable, "-c", IN_PROCESS, str(CORRECT), repr((layers, args.examples))])[0]
                  for _ in range(args.runs)]
    print(f"gradcheck --impl {CORRECT.name}: isolated median {statistics.median(single):.2f} s "
          f"(min {min(single):.2f}), in the checker's process median {statistics.median(unisolated):.2f} s "
          f"(min {min(unisolated):.2f})")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
