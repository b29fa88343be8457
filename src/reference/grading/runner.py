"""Grading many submissions: worker processes, each with BLAS on one thread and the oracles'
results remembered across its submissions; outcomes come back as each submission finishes.

A worker that dies (killed from outside) costs only the submission it held (status error), and
a new worker takes its place. Ctrl-C stops the workers, each closing its learner's sandbox.
"""

import multiprocessing
import os
import queue
import signal
import tempfile
import time

from reference.grading.outcome import Outcome, functions_of, grade_submission
from reference.learner.channel import kill

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


def _worker(name, tasks, results):
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
            results.put((name, index, grade_submission(path, settings)))
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # done: nothing to close any more


def _lost(path, reason, assignment=None):
    return Outcome(str(path), "error", 0.0, dict.fromkeys(functions_of(assignment), "missing"), reason=reason,
                   text=reason, assignment=assignment or "dnn")


class _Pool:
    """Worker processes, each given one submission at a time, so the parent always knows who holds what."""

    def __init__(self, context, paths, settings):
        self.context, self.paths, self.settings = context, paths, settings
        self.results = context.Queue()
        self.next, self.workers, self.count = 0, {}, 0

    def start(self):
        self.count += 1
        tasks = self.context.Queue()
        process = self.context.Process(target=_worker, args=(self.count, tasks, self.results), daemon=True)
        process.start()
        self.workers[self.count] = {"process": process, "tasks": tasks, "holding": None}
        self.give(self.count)

    def give(self, name):
        worker = self.workers[name]
        if self.next < len(self.paths):
            worker["holding"] = self.next
            worker["tasks"].put((self.next, str(self.paths[self.next]), self.settings))
            self.next += 1
        else:
            worker["holding"] = None
            worker["tasks"].put(None)

    def dead(self):
        """(name, index held) of each worker that died."""
        gone = [(n, w["holding"]) for n, w in self.workers.items()
                if not w["process"].is_alive() and w["process"].exitcode not in (0, None)]
        for name, _ in gone:
            del self.workers[name]
        return gone


def grade_all(paths, settings, workers):
    """Yield (index, Outcome) for each of ``paths`` as it finishes, ``workers`` at a time."""
    if workers <= 1 or len(paths) == 1:
        _pin_blas()
        from reference.oracles import memo

        with memo.remembering():
            for index, path in enumerate(paths):
                yield index, grade_submission(path, settings)
        return
    # The workers' sandboxes live in one scratch folder, removed at the end even after a worker was killed.
    scratch, previous = tempfile.mkdtemp(prefix="manual-dnn-grade-"), os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = scratch  # what the spawned workers' tempfile uses
    pool = _Pool(multiprocessing.get_context("spawn"), paths, settings)  # never fork a process with JAX
    try:
        for _ in range(min(workers, len(paths))):
            pool.start()
        left = len(paths)
        while left:
            try:
                name, index, outcome = pool.results.get(timeout=1.0)
            except queue.Empty:
                for _, index in pool.dead():
                    if index is not None:
                        left -= 1
                        yield index, _lost(paths[index], "the grading worker died", settings.assignment)
                    if pool.next < len(paths):
                        pool.start()  # in its place
                continue
            left -= 1
            yield index, outcome
            pool.give(name)
        for worker in pool.workers.values():  # each has its None: it ends by itself
            worker["process"].join(10)
    finally:
        _stop([w["process"] for w in pool.workers.values()])
        if previous is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = previous
        kill(None, scratch)


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
