"""Learner files for the sandbox tests, and a time limit that fails a test instead of hanging it."""

import contextlib
import signal
import subprocess
import sys
from pathlib import Path

CORRECT = (Path(__file__).parent.parent / "gradcheck" / "learners" / "correct_notebook.py").read_text()

# linear_backward without 1/m in dW: the bug every hostile-but-wrong file below carries.
WRONG_LINEAR_BACKWARD = '''
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T)
    db = 1. / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
'''

SMALL = ["--layers", "5,4,3,1", "--examples", "6"]
MANUAL_DNN = [str(Path(sys.executable).parent / "manual-dnn")]


@contextlib.contextmanager
def time_limit(seconds):
    """Fail (TimeoutError) after ``seconds`` instead of hanging the suite."""
    def expire(*_):
        raise TimeoutError(f"took more than {seconds} s: the sandbox hung")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def gradcheck(*argv, timeout=120, cwd=None):
    """Run the real ``manual-dnn gradcheck`` in a subprocess, with a time limit."""
    return subprocess.run([*MANUAL_DNN, "gradcheck", *argv], capture_output=True, text=True, timeout=timeout,
                          cwd=cwd, stdin=subprocess.DEVNULL)
