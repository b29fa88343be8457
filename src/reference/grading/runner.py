"""Grading many submissions: worker processes, each with BLAS on one thread and the oracles'
results remembered across its submissions; outcomes come back as each submission finishes.

A worker that dies (killed from outside) costs only the submission it held (status error), and
a new worker takes its place. Ctrl-C stops the workers, each closing its learner's sandbox.
"""

import multiprocessing
import os
import queue
import signal
import time

from reference.grading.outcome import Outcome, grade_submission
from reference.seed_functions import SEED_FUNCTIONS

__all__ = ["grade_all", "default_workers"]


def default_workers():
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _pin_blas():
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


def _terminated(*_):
    raise SystemExit(143)  # unwinds through the checker, which closes the learner's sandbox


def _worker(tasks, results):
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _terminated)
    _pin_blas()
    from reference.oracles import memo

    with memo.remembering():
        while True:
            task = tasks.get()
            if task is None:
                break
            index, path, settings = task
            results.put(("started", index, os.getpid()))
            results.put(("done", index, grade_submission(path, settings)))
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # done: nothing to close any more


def _lost(path, reason):
    return Outcome(str(path), "error", 0.0, dict.fromkeys(SEED_FUNCTIONS, "missing"), reason=reason, text=reason)


def grade_all(paths, settings, workers):
    """Yield (index, Outcome) for each of ``paths`` as it finishes, ``workers`` at a time."""
    if workers <= 1 or len(paths) == 1:
        _pin_blas()
        from reference.oracles import memo

        with memo.remembering():
            for index, path in enumerate(paths):
                yield index, grade_submission(path, settings)
        return
    context = multiprocessing.get_context("spawn")  # never fork a process that has imported JAX
    tasks, results = context.Queue(), context.Queue()
    for index, path in enumerate(paths):
        tasks.put((index, str(path), settings))
    workers = min(workers, len(paths))
    pool = {}

    def start():
        process = context.Process(target=_worker, args=(tasks, results), daemon=True)
        process.start()
        pool[process.pid] = process

    for _ in range(workers):
        tasks.put(None)
        start()
    holding, left = {}, set(range(len(paths)))
    try:
        while left:
            try:
                kind, index, payload = results.get(timeout=1.0)
            except queue.Empty:
                for pid, process in list(pool.items()):
                    if not process.is_alive() and process.exitcode not in (0, None):
                        del pool[pid]
                        lost = [i for i, p in holding.items() if p == pid]
                        for i in lost:
                            del holding[i]
                            left.discard(i)
                            yield i, _lost(paths[i], f"the grading worker died (exit {process.exitcode})")
                        tasks.put(None)
                        start()
                continue
            if kind == "started":
                holding[index] = payload
            else:
                holding.pop(index, None)
                left.discard(index)
                yield index, payload
        for process in pool.values():  # each has its None: it ends by itself
            process.join(10)
    finally:
        _stop(pool.values())


def _stop(processes):
    """Stop the workers still running (interrupted): each closes its learner's sandbox first."""
    processes = [p for p in processes if p.is_alive()]
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + 10
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join()
