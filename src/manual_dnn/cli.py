"""The ``manual-dnn`` command.

Subcommands: ``gradcheck`` (the main job: prove a backward pass right),
``train``, ``predict`` and ``explain``. ``main(argv) -> int`` so tests call it
directly. Errors are one line on stderr and exit code 2, never a traceback.
The gradcheck and explain commands live in the ``reference`` package, which
needs JAX; they are imported only when run, so this module imports without it.
"""

import argparse
import os
import sys


class UsageError(Exception):
    """Bad options or input: reported as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line instead of argparse's usage block
        raise UsageError(f"{self.prog}: {message}")


def _whole_number(minimum, kind):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"expected a {kind} whole number, got {value}")
        return value

    return parse


_positive_int = _whole_number(1, "positive")
_non_negative_int = _whole_number(0, "non-negative")


def _layer_sizes(text):
    """'12288,20,7,5,1' -> [12288, 20, 7, 5, 1], at least two positive sizes."""
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 5,4,3,1, got {text!r}") from None
    if len(sizes) < 2:
        raise argparse.ArgumentTypeError(f"need an input size and at least one layer, got {text!r}")
    if min(sizes) <= 0:
        raise argparse.ArgumentTypeError(f"layer sizes must be positive, got {text!r}")
    return sizes


def _positive_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def build_parser():
    parser = _Parser(prog="manual-dnn", description="Check, train and explain the DeepLearning.ai "
                     "course's hand-written deep network (see README.md).")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    from manual_dnn import commands as local  # train and predict: numpy only

    local.add_train(commands, _layer_sizes, _positive_float, _non_negative_int)
    local.add_predict(commands)
    _add_reference_commands(commands)
    return parser


def _add_reference_commands(commands):
    gradcheck = commands.add_parser(
        "gradcheck",
        help="check every backward function against JAX and finite differences",
        description="Check manual_dnn (or a learner's file) function by function against JAX "
        "autodiff and numerical differentiation. Exit 0 when all pass, 1 when any fails.",
    )
    gradcheck.add_argument("--impl", metavar="PATH",
                           help="a learner's .py file or .ipynb notebook to check instead of manual_dnn")
    gradcheck.add_argument("--mutant", metavar="NAME", help="check one bug of the bug zoo instead")
    gradcheck.add_argument("--list-mutants", action="store_true", help="list the bug zoo and exit")
    gradcheck.add_argument("--layers", type=_layer_sizes, metavar="N0,N1,...,1",
                           help="layer sizes (default 12288,20,7,5,1, the seed's cat network)")
    gradcheck.add_argument("--examples", type=_positive_int, metavar="M", help="number of examples (default 209)")
    gradcheck.add_argument("--seed", type=_non_negative_int, default=0, help="seed of the check point (default 0)")
    gradcheck.add_argument("--data-dir", metavar="DIR", help="check on the cat images in DIR instead of synthetic data")
    gradcheck.add_argument("--params", metavar="W1,b3", help="full-FD only these parameters")
    gradcheck.add_argument("--full-fd", action="store_true", help="central differences for every parameter")
    gradcheck.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    gradcheck.set_defaults(run=_run_reference("gradcheck"))

    explain = commands.add_parser(
        "explain",
        help="walk through one forward and backward pass with numbers, checked against JAX",
    )
    explain.add_argument("--layers", type=_layer_sizes, default=[3, 2, 1], metavar="N0,...,1")
    explain.add_argument("--examples", type=_positive_int, default=2, metavar="M")
    explain.add_argument("--seed", type=_non_negative_int, default=0)
    explain.add_argument("--format", choices=("text", "markdown"), default="text")
    explain.set_defaults(run=_run_reference("explain"))


def _run_reference(name):
    def run(args):
        from reference import commands

        return getattr(commands, name)(args)

    return run


def main(argv=None):
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("manual-dnn: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader (head, less) stopped early: nothing went wrong here
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
