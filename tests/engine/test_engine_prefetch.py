"""The engine starts a row's programs in the background before its check: the very programs the
check then runs, so that the check compiles nothing of its own (a fresh process, a fresh cache
folder; what JAX did is read from its own monitoring events, no timing)."""

import json
import os
import subprocess
import sys

import pytest

# Prefetches the rows named on the command line, waits for the compiling threads, then checks
# manual_dnn's versions of them: prints the compilations each part made.
PROBE = """
import json, sys
from jax import monitoring
events = []
monitoring.register_event_duration_secs_listener(lambda event, duration, **kw: events.append(event))
COMPILE = "/jax/core/compile/backend_compile_duration"
import manual_dnn
from reference.assignments import assignment
from reference.engine import judging
from reference.engine.checking import check_assignment
from reference.engine.points import draw_point
from reference.learner.loading import load_implementation
from reference.oracles import executables
dnn, names = assignment("dnn"), sys.argv[1:]
values = {**draw_point(dnn.points, 0).values, "seed": 0}
for row in dnn.functions:
    if row.name in names:
        judging.prefetch(row, values)
executables._background().shutdown(wait=True)
executables._pool = None
prefetched = events.count(COMPILE)
report = check_assignment(load_implementation(manual_dnn), dnn, 0, only=set(names))
print(json.dumps({"prefetched": prefetched, "checking": events.count(COMPILE) - prefetched,
                  "passed": report.passed, "checks": len(report.checks)}))
"""


def _probe(tmp_path, names):
    env = {k: v for k, v in os.environ.items() if k not in ("MANUAL_DNN_NO_CACHE", "JAX_COMPILATION_CACHE_DIR")}
    env.update(XDG_CACHE_HOME=str(tmp_path), OPENBLAS_NUM_THREADS="1")
    result = subprocess.run([sys.executable, "-c", PROBE, *names], capture_output=True, text=True, env=env,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("names", [["linear_backward"], ["relu", "linear_activation_forward", "sigmoid_backward"]])
def test_the_programs_started_in_the_background_are_the_ones_the_check_runs(tmp_path, names):
    found = _probe(tmp_path, names)
    assert found["passed"] and found["checks"] > 0, found
    assert found["prefetched"] > 0, found  # compiled in the background, before the check
    assert found["checking"] == 0, found  # the check found every program it needed ready
