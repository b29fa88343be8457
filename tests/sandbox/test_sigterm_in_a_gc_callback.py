"""SIGTERM that lands while Python runs a garbage-collection callback (JAX installs one) is not lost.

An exception raised there is printed and ignored, so the handler waits for the callback to end
and signals again: the command still ends with 143, its sandbox closed (tests/sandbox/test_termination.py).
"""

import gc
import sys

from manual_dnn_cli import main


def test_the_handler_knows_when_it_runs_inside_a_gc_callback():
    seen = []

    def callback(phase, info):
        seen.append(main._in_gc_callback(sys._getframe()))

    gc.callbacks.append(callback)
    try:
        gc.collect()
    finally:
        gc.callbacks.remove(callback)
    assert seen and all(seen)
    assert not main._in_gc_callback(sys._getframe())
