"""``manual-dnn grade``: check a whole class's submissions, each in its own sandbox, in parallel.

Writes a CSV row per submission (status, score, a verdict per seed function),
the full reports as JSON lines, a feedback file each, or Gradescope's
results.json for one submission. Exit 0 when every submission passed, 1 when
any did not, 2 for bad options, 130 when interrupted (the rows done are kept).
"""

import json
import os
import sys
from pathlib import Path

from manual_dnn_cli.gradcheck import add_sandbox_options
from manual_dnn_cli.options import fail, layer_sizes, non_negative_int, positive_int

COMMAND = "grade"


def add_parser(commands):
    grade = commands.add_parser(
        "grade", help="grade many learners' files in parallel into a CSV",
        description="Check every submission (.py files and .ipynb notebooks, or folders of them) as "
        "gradcheck --impl does, each in its own sandboxed process, several at a time.")
    grade.add_argument("submissions", nargs="+", metavar="SUBMISSION", help="a .py/.ipynb file or a folder of them")
    grade.add_argument("--csv", metavar="FILE", help="one row per submission: status, score, a verdict per function")
    grade.add_argument("--jsonl", metavar="FILE", help="the full report of each submission, one JSON per line")
    grade.add_argument("--feedback", metavar="DIR", help="one text report per submission in DIR")
    grade.add_argument("--gradescope", metavar="FILE",
                       help="Gradescope's results.json for one submission (a test per seed function)")
    grade.add_argument("--weights", metavar="FILE",
                       help='a JSON object of points per function, e.g. {"L_model_backward": 3} (unnamed: 0)')
    grade.add_argument("--score", choices=("root", "inherited"), default="root",
                       help="root (default): a function that fails only because a function it calls fails keeps "
                       "its points; inherited: every failing function loses its points")
    grade.add_argument("--workers", type=positive_int, metavar="N", help="submissions at a time (default: the cores)")
    grade.add_argument("--layers", type=layer_sizes, metavar="N0,N1,...,1",
                       help="layer sizes (default 12288,20,7,5,1, the seed's cat network)")
    grade.add_argument("--examples", type=positive_int, metavar="M", help="number of examples (default 209)")
    grade.add_argument("--seed", type=non_negative_int, default=0, help="seed of the check point (default 0)")
    add_sandbox_options(grade)
    return grade


def _weights(path):
    """{function: points} from a JSON file, or an error message."""
    from reference.seed_functions import SEED_FUNCTIONS

    try:
        weights = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return None, f"--weights {path}: not a readable JSON file ({type(error).__name__})"
    if not isinstance(weights, dict) or not weights:
        return None, f"--weights {path}: expected a JSON object of points per seed function"
    unknown = [name for name in weights if name not in SEED_FUNCTIONS]
    if unknown:
        return None, f"--weights {path}: {unknown[0]!r} is not a seed function"
    if not all(isinstance(w, (int, float)) and not isinstance(w, bool) and 0 <= w < float("inf")
               for w in weights.values()) or not sum(weights.values()) > 0:
        return None, f"--weights {path}: points must be non-negative numbers, not all 0"
    return tuple((name, float(w)) for name, w in weights.items()), None


def _outputs_problem(args, submissions):
    taken = {p.resolve() for p in submissions}
    for option in ("csv", "jsonl", "gradescope"):
        path = getattr(args, option)
        if path is None:
            continue
        if Path(path).resolve() in taken:
            return f"--{option} {path} is one of the submissions: it would be overwritten"
        if not Path(path).resolve().parent.is_dir():
            return f"--{option} {path}: no such folder {Path(path).parent}"
        if Path(path).is_dir():
            return f"--{option} {path} is a folder, expected a file name"
    if args.feedback and Path(args.feedback).exists() and not Path(args.feedback).is_dir():
        return f"--feedback {args.feedback}: exists and is not a folder"
    return None


def run(args):
    os.environ.setdefault("JAX_PLATFORMS", "cpu")  # the oracles' float64 work is small: a GPU only adds start-up
    from reference.grading.submissions import SubmissionError, find_submissions

    try:
        submissions = find_submissions(args.submissions)
    except SubmissionError as error:
        return fail(str(error), COMMAND)
    if args.layers and args.layers[-1] != 1:
        return fail(f"--layers must end with 1 (one sigmoid output), got {','.join(map(str, args.layers))}", COMMAND)
    weights = None
    if args.weights:
        weights, problem = _weights(args.weights)
        if problem:
            return fail(problem, COMMAND)
    if args.gradescope and len(submissions) != 1:
        return fail(f"--gradescope grades one submission; found {len(submissions)} files "
                    f"({', '.join(map(str, submissions[:3]))}{', ...' if len(submissions) > 3 else ''})", COMMAND)
    problem = _outputs_problem(args, submissions)
    if problem:
        return fail(problem, COMMAND)
    return _grade(args, submissions, weights)


def _grade(args, submissions, weights):
    from reference.grading.gradescope import write_gradescope
    from reference.grading.outcome import Settings
    from reference.grading.runner import default_workers, grade_all
    from reference.grading.writers import RowFile, write_feedback

    settings = Settings(tuple(args.layers) if args.layers else None, args.examples, args.seed, args.timeout,
                        args.memory, weights, args.score)
    files = [RowFile(path, kind) for path, kind in ((args.csv, "csv"), (args.jsonl, "jsonl")) if path]
    if args.feedback:
        Path(args.feedback).mkdir(parents=True, exist_ok=True)
    outcomes = []
    progress = _progress(len(submissions))
    try:
        for _, outcome in grade_all(submissions, settings, args.workers or default_workers()):
            outcomes.append(outcome)
            for file in files:
                file.add(outcome)
            if args.feedback:
                write_feedback(args.feedback, outcome)
            if progress is not None:
                progress.update(1)
        for file in files:
            file.finish()
    finally:
        if progress is not None:
            progress.close()
        for file in files:
            file.close()
    if args.gradescope:
        write_gradescope(args.gradescope, outcomes[0], weights)
    _summary(outcomes)
    return 0 if all(o.status == "passed" for o in outcomes) else 1


def _progress(total):
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="submission", file=sys.stderr, dynamic_ncols=True)


def _summary(outcomes):
    from reference.grading.outcome import STATUSES

    outcomes = sorted(outcomes, key=lambda o: o.submission)
    width = max(len(o.submission) for o in outcomes)
    for o in outcomes:
        causes = f"  root cause: {', '.join(o.root_causes)}" if o.root_causes else ""
        reason = f"  {o.reason}" if o.status in ("unloadable", "error", "incomplete") else ""
        print(f"{o.submission:<{width}}  {o.status:<10}  {o.score:.2f}{causes}{reason}")
    counts = [f"{sum(o.status == s for o in outcomes)} {s}" for s in STATUSES if any(o.status == s for o in outcomes)]
    print(f"graded {len(outcomes)} submission(s): {', '.join(counts)}")
