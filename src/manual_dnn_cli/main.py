"""The ``manual-dnn`` command: ``main(argv) -> int``, so tests call it directly.

Subcommands: ``gradcheck`` (the main job: prove a backward pass right),
``grade`` (a whole class, in parallel), ``train``, ``predict`` and ``explain``.
Each lives in its own module with its options; gradcheck, grade and explain
import JAX only when they run, so train and predict start without it. Errors are one line on stderr and exit code 2.
"""

import argparse
import os
import sys

from manual_dnn_cli import explain, gradcheck, grade, predict, train
from manual_dnn_cli.options import UsageError

SUBCOMMANDS = (gradcheck, grade, train, predict, explain)


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line instead of argparse's usage block
        raise UsageError(f"{self.prog}: {message}")


def build_parser():
    parser = _Parser(prog="manual-dnn", description="Check, train and explain the DeepLearning.ai "
                     "course's hand-written deep network (see README.md).")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for subcommand in SUBCOMMANDS:
        subcommand.add_parser(commands).set_defaults(run=subcommand.run)
    return parser


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
