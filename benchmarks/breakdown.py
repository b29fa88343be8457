"""Where one check's time goes: run a manual-dnn command in this process while a thread samples
the main thread's stack every half millisecond, and print the wall time by part as JSON.

    .venv/bin/python benchmarks/breakdown.py gradcheck --impl tests/gradcheck/learners/correct_notebook.py
    .venv/bin/python benchmarks/breakdown.py --cpu gradcheck     # the main thread's CPU time instead

Each sample is given to the innermost frame that belongs to a part (an import inside an oracle counts
as an import; a compilation inside a check as a compilation). The parts are the issue's: imports, JAX
compilations (or loads from JAX's persistent cache), the compiled oracles loaded from the cache folder
(oracles/executables.py), JAX tracing and lowering, the JAX oracles' own work, the numerical oracles
(numpy), the check points, the learner's calls, the sandbox, the report, the rest of the checks.
Only the main thread is sampled: what background threads do (compiling, loading) shows as the main
thread's waiting for it. Sampling needs the GIL, so a long C call that holds it is booked to whatever
runs next: read shares, not milliseconds.
"""

import json
import os
import sys
import threading
import time

INTERVAL = 0.0005

# (part, test on a frame's file and function): the first part whose test holds for the innermost frame wins.
PARTS = [
    ("imports", lambda f, n: n == "_find_and_load" and "importlib" in f),
    ("waiting for the oracles loading or compiling in the background",
     lambda f, n: f.endswith(os.path.join("concurrent", "futures", "_base.py")) and n == "result"),
    ("JAX compilations (or cache loads)", lambda f, n: f.endswith(os.path.join("jax", "_src", "compiler.py"))),
    ("loading kept executables", lambda f, n: f.endswith(os.path.join("oracles", "executables.py"))
     and n == "_load"),
    ("JAX tracing and lowering", lambda f, n: f.endswith(os.path.join("jax", "_src", "pjit.py"))
     and n in ("_resolve_and_lower", "_create_pjit_jaxpr", "_pjit_lower", "_infer_params", "trace_to_jaxpr")),
    ("JAX oracles (running)", lambda f, n: (_in(f, "reference", "oracles") and os.path.basename(f).startswith("jax_"))
     or (_in(f, "reference", "engine") and os.path.basename(f) in ("oracles.py", "descent.py"))),
    ("numerical oracles (numpy)", lambda f, n: _in(f, "reference", "oracles")
     and os.path.basename(f) not in ("executables.py", "compilation_cache.py", "memo.py")),
    ("check points", lambda f, n: f.endswith(os.path.join("checks", "points.py"))),
    ("sandbox: starting, loading the file", lambda f, n: _in(f, "reference", "learner")
     and (os.path.basename(f), n) in (("sandbox.py", "_start"), ("sandbox.py", "open_sandboxed"))),
    ("learner calls", lambda f, n: _in(f, "reference", "learner")
     and (os.path.basename(f), n) in (("sandbox.py", "call"), ("implementation.py", "call"))),
    ("loading the file (in process)", lambda f, n: _in(f, "reference", "learner")
     and (os.path.basename(f), n) == ("loading.py", "load_implementation")),
    ("report", lambda f, n: _in(f, "reference", "report")),
    ("checks (calls, comparisons)", lambda f, n: _in(f, "reference", "checks")),
]


def _in(filename, *folders):
    return os.path.join(*folders) + os.sep in filename


def _part(frame):
    while frame is not None:
        code = frame.f_code
        for name, test in PARTS:
            if test(code.co_filename, code.co_name):
                return name
        frame = frame.f_back
    return "other (argument parsing, the CLI, the interpreter)"


class Sampler:
    """Books the main thread's wall time (or, with ``cpu``, its own CPU time: steadier on a busy
    machine, blind to the threads BLAS and XLA start) to the part it is in at each sample."""

    def __init__(self, thread_id, cpu=False):
        self.thread_id, self.seconds, self.running = thread_id, {}, True
        if cpu:
            clock = time.pthread_getcpuclockid(thread_id)
            self.clock = lambda: time.clock_gettime(clock)
        else:
            self.clock = time.perf_counter
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        last = self.clock()
        while self.running:
            time.sleep(INTERVAL)
            frame = sys._current_frames().get(self.thread_id)
            now = self.clock()
            part = _part(frame)
            self.seconds[part] = self.seconds.get(part, 0.0) + now - last
            last = now

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.running = False
        self.thread.join()


def main(argv):
    cpu = argv[:1] == ["--cpu"]
    argv = argv[1:] if cpu else argv
    sys.setswitchinterval(INTERVAL / 2)  # the sampler gets the GIL soon after it wakes
    start = time.perf_counter()
    with Sampler(threading.get_ident(), cpu) as sampler:
        from manual_dnn_cli.main import main as manual_dnn

        stdout = sys.stdout
        sys.stdout = open(os.devnull, "w")
        try:
            code = manual_dnn(argv)
        finally:
            sys.stdout.close()
            sys.stdout = stdout
    total = time.perf_counter() - start
    print(json.dumps({"exit": code, "seconds": total, "parts": sampler.seconds}))


if __name__ == "__main__":
    main(sys.argv[1:])
