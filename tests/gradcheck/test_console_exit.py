"""The `manual-dnn` command ends without tearing the interpreter down (manual_dnn_cli.main.console):
its output, its exit code and its clean-up are those of an ordinary exit."""

import json
import os
import subprocess
import sys
from pathlib import Path

LEARNER = Path(__file__).parent / "learners" / "correct_notebook.py"
SMALL = ["--layers", "5,4,3,1", "--examples", "6"]


def _run(tmp_path, *argv):
    env = {**os.environ, "TMPDIR": str(tmp_path), "OPENBLAS_NUM_THREADS": "1"}
    return subprocess.run([str(Path(sys.executable).parent / "manual-dnn"), *argv], capture_output=True, text=True,
                          env=env, timeout=600)


def test_a_failing_check_exits_1_with_its_whole_report(tmp_path):
    result = _run(tmp_path, "gradcheck", "--mutant", "dW-missing-1/m", *SMALL, "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)  # all of it was flushed
    assert report["passed"] is False and len(report["checks"]) > 50


def test_a_sandboxed_check_leaves_no_folder_behind(tmp_path):
    result = _run(tmp_path, "gradcheck", "--impl", str(LEARNER), *SMALL)
    assert result.returncode == 0, result.stderr
    assert "PASS" in result.stdout
    assert not list(tmp_path.glob("manual-dnn-*")), "the learner's sandbox folder was left behind"


def test_bad_options_still_exit_2_with_one_line(tmp_path):
    result = _run(tmp_path, "gradcheck", "--layers", "5,4,3,2")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
