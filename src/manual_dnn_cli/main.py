"""The ``manual-dnn`` command: ``main(argv) -> int``, so tests call it directly.

Subcommands: ``gradcheck`` (the main job: prove a backward pass right),
``grade`` (a whole class, in parallel), ``train``, ``predict`` and ``explain``.
Each lives in its own module with its options; gradcheck, grade and explain
import JAX only when they run, so train and predict start without it. Errors are one line on stderr and exit code 2;
a failure of manual-dnn itself is one line and exit code 3, its traceback saved to a file (reference/tracebacks.py).
"""

import argparse
import atexit
import contextlib
import gc
import os
import signal
import sys
import threading

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


def _terminated(signum, frame):
    if _in_gc_callback(frame):  # an exception raised there is printed and ignored (JAX has one): once it is done
        threading.Timer(0.05, os.kill, (os.getpid(), signum)).start()
        return
    raise SystemExit(143)  # unwinds: a learner's sandbox is closed and its folder removed, as on Ctrl-C


def _in_gc_callback(frame):
    callbacks = {getattr(callback, "__code__", None) for callback in gc.callbacks}
    while frame is not None:
        if frame.f_code in callbacks:
            return True
        frame = frame.f_back
    return False


def console():
    """The ``manual-dnn`` command: ``main()``, then out without tearing the interpreter down.

    Freeing every module of numpy and JAX one by one at exit costs more than a check's report
    (0.2-0.5 s): the atexit handlers still run (the background compilations finish, every
    finalizer closes what it holds), the output is flushed, and the process ends with its code.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader gone: nothing more can be said
            pass
    atexit._run_exitfuncs()
    os._exit(code if isinstance(code, int) else 1)


def main(argv=None):
    try:  # `kill`, a batch system's stop, a closed terminal's session end
        previous = signal.signal(signal.SIGTERM, _terminated)
    except ValueError:  # not the main thread: nothing to install
        previous = None
    try:
        return _run(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(argv):
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = build_parser().parse_args(argv)
        with _cache_turned_off(getattr(args, "no_cache", False)):
            code = args.run(args)
        sys.stdout.flush()  # a full disk under `> out.txt` shows here, not as a traceback at exit
        return code
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("manual-dnn: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader (head, less) stopped early: nothing went wrong here
        _discard_stdout()
        return 0
    except OSError as error:  # e.g. `> /dev/full`: exit 2, since 1 means "a check failed"
        _discard_stdout()
        print(f"manual-dnn: {error.strerror or error} ({error.filename or 'writing the output'})", file=sys.stderr)
        return 2
    except MemoryError:
        print("manual-dnn: out of memory; try fewer layers, units or examples", file=sys.stderr)
        return 2
    except Exception as error:  # a bug of manual-dnn: one line and exit 3, the traceback kept in a file
        from reference.tracebacks import failure_line

        command = "manual-dnn" + (f" {argv[0]}" if argv and not str(argv[0]).startswith("-") else "")
        print(f"{command}: {failure_line(error, context='manual-dnn ' + ' '.join(map(str, argv)))}", file=sys.stderr)
        return 3


@contextlib.contextmanager
def _cache_turned_off(off):
    """--no-cache: MANUAL_DNN_NO_CACHE=1 while the command runs (its grading workers inherit it)."""
    if not off:
        yield
        return
    from reference.oracles.compilation_cache import NO_CACHE_VARIABLE

    previous = os.environ.get(NO_CACHE_VARIABLE)
    os.environ[NO_CACHE_VARIABLE] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(NO_CACHE_VARIABLE, None)
        else:
            os.environ[NO_CACHE_VARIABLE] = previous


def _discard_stdout():
    """Point stdout at /dev/null, so what is still buffered cannot fail again at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a test's captured stdout): nothing to flush at exit
        pass


if __name__ == "__main__":
    console()
