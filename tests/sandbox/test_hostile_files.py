"""The issue's hostile learner files, end to end through the real ``manual-dnn gradcheck``:
none can change a verdict through global state, end the checker, or hang it."""

import json

import pytest

from tests.pages import verdict_of
from tests.sandbox.helpers import SMALL, gradcheck, time_limit

PATCHES = """
import numpy as np
np.linalg.norm = lambda *a, **k: 0.0
import reference.tolerances
for key in reference.tolerances.TOLERANCES:
    reference.tolerances.TOLERANCES[key] = 1e300
from reference.report.results import Report
Report.passed = property(lambda self: True)
"""


def test_switching_jax_to_float32_does_not_fail_a_correct_file(learner_file):
    path = learner_file(header="import jax\njax.config.update('jax_enable_x64', False)")
    result = gradcheck("--impl", str(path), *SMALL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert verdict_of(result.stdout).startswith("PASS: all")


def test_patching_numpy_the_tolerances_or_the_report_cannot_pass_wrong_code(learner_file):
    result = gradcheck("--impl", str(learner_file(PATCHES, bug=True)), *SMALL, "--json")
    assert result.returncode == 1, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["passed"] is False and report["root_cause"] == "linear_backward"


def test_sys_exit_in_linear_backward_is_its_failure_not_the_end_of_the_checker(learner_file):
    path = learner_file("import sys\ndef linear_backward(dZ, cache):\n    sys.exit(0)\n")
    result = gradcheck("--impl", str(path), *SMALL)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "linear_backward call (contract): called sys.exit(0)" in result.stdout
    assert "Root cause: linear_backward" in verdict_of(result.stdout)


def test_os_exit_at_import_is_an_unloadable_file(learner_file):
    result = gradcheck("--impl", str(learner_file(header="import os\nos._exit(0)")), *SMALL)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().endswith("the implementation exited with status 0 while loading")
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_endless_loop_is_a_timeout_of_its_function_and_the_others_are_judged(learner_file):
    path = learner_file("def L_model_backward(AL, Y, caches):\n    while True:\n        pass\n")
    result = gradcheck("--impl", str(path), *SMALL, "--timeout", "1", "--json")
    assert result.returncode == 1, result.stdout + result.stderr
    report = json.loads(result.stdout)
    failed = [c for c in report["checks"] if c["passed"] is False]
    assert [(c["function"], c["detail"]) for c in failed] == [("L_model_backward",
                                                               "L_model_backward timed out after 1 s")]
    passed = {c["function"] for c in report["checks"] if c["passed"]}
    assert {"linear_backward", "L_model_forward", "update_parameters"} <= passed


def test_a_loop_at_import_is_an_unloadable_file_after_the_timeout(learner_file):
    result = gradcheck("--impl", str(learner_file(header="while True:\n    pass")), *SMALL, "--timeout", "1")
    assert result.returncode == 2
    assert "the implementation timed out after 1 s while loading" in result.stderr


def test_bad_sandbox_options_exit_2_with_one_line(learner_file):
    for argv, message in ((["--timeout", "0"], "expected a positive number"),
                          (["--memory", "lots"], "expected a size like 4G or 512M"),
                          (["--memory", "1M"], "expected at least 256M")):
        result = gradcheck("--impl", str(learner_file()), *argv)
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_output_over_the_cap_is_said_in_the_report(learner_file):
    flood = ("\ndef compute_cost(AL, Y):\n    print('x' * (2 << 20))\n"
             "    return np.squeeze(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))\n")
    result = gradcheck("--impl", str(learner_file(flood)), *SMALL, "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert any("printed more than 1 MiB 1 time(s)" in note for note in json.loads(result.stdout)["notes"])


@pytest.mark.parametrize("header", [
    "import sys\nsys.stdout.close()\nsys.stderr.close()",
    "import sys\nsys.__stdout__.close()\nsys.__stderr__.close()",
    "import os\nos.close(1)\nos.close(2)",
    "import sys\nsys.stdout = None\nsys.stderr = open('log.txt', 'w')",
])
def test_a_file_that_closes_or_replaces_stdout_and_stderr_while_loading_still_gets_its_report(learner_file, header):
    printing = ("\ndef compute_cost(AL, Y):\n    print('cost')\n    sys.stdout.close()\n"
                "    return np.squeeze(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))\n")
    with time_limit(60):
        result = gradcheck("--impl", str(learner_file("import sys\n" + printing, bug=True, header=header)), *SMALL)
    assert result.returncode == 1, result.stdout + result.stderr
    verdict = verdict_of(result.stdout)
    assert verdict.startswith("FAIL") and "Root cause: linear_backward" in verdict and "compute_cost" not in verdict
