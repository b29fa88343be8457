"""`manual-dnn gradcheck`: exit codes, the report, JSON, and one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from manual_dnn_cli.main import main
from reference.bug_zoo import MUTANTS
from tests.pages import first_failure, fits_a_screen, verdict_of

LEARNERS = Path(__file__).parent / "learners"
SMALL = ["--layers", "5,4,3,1", "--examples", "6"]


def run(capsys, *argv):
    code = main(["gradcheck", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_manual_dnn_passes_and_exits_0(capsys):
    code, out, err = run(capsys, *SMALL)
    assert code == 0 and err == ""
    assert verdict_of(out).startswith("PASS: all") and out.splitlines()[-1].startswith("Next: nothing to fix.")
    assert fits_a_screen(out) and "dA0" not in out  # the table is behind --verbose
    code, out, err = run(capsys, *SMALL, "--verbose")
    assert code == 0 and verdict_of(out).startswith("PASS: all")
    assert "L_model_backward" in out and "dA0" in out


def test_a_failing_implementation_exits_1_and_names_the_root_cause(capsys):
    code, out, _ = run(capsys, "--mutant", "sigmoid-backward-no-1-minus-s", *SMALL)
    assert code == 1
    assert "Root cause: sigmoid_backward" in verdict_of(out)
    assert "dZ[" in out and "hand-written" in out


def test_json_report_has_the_documented_keys(capsys):
    code, out, _ = run(capsys, "--impl", str(LEARNERS / "correct_notebook.py"), "--json", *SMALL)
    report = json.loads(out)  # nothing the learner printed leaks into stdout
    assert code == 0 and report["passed"] is True and report["root_cause"] is None
    for check in report["checks"]:
        assert {"function", "target", "oracle", "rel_error", "tolerance", "passed", "detail"} <= set(check)
    failing = json.loads(run(capsys, "--mutant", "dAL-wrong-sign", "--json", *SMALL)[1])
    assert failing["passed"] is False and failing["root_cause"] == "L_model_backward"


def test_full_fd_on_a_subset_of_parameters(capsys):
    code, out, _ = run(capsys, "--params", "W1,b3", "--json", *SMALL)
    report = json.loads(out)
    assert code == 0
    assert sorted(c["target"] for c in report["checks"] if c["oracle"] == "full-fd") == ["dW1", "db3"]


def test_list_mutants_prints_one_line_each(capsys):
    code, out, _ = run(capsys, "--list-mutants")
    assert code == 0 and len(out.splitlines()) == len(MUTANTS) >= 15
    assert all(line.split()[0] in MUTANTS for line in out.splitlines())


@pytest.mark.parametrize("argv, message", [
    (["--layers", "5,0,1"], "layer sizes must be positive"),
    (["--layers", "5"], "need an input size and at least one layer"),
    (["--layers", "5,x,1"], "expected sizes like 5,4,3,1"),
    (["--layers", "5,3,2"], "must end with 1"),
    (["--examples", "ten"], "expected a whole number"),
    (["--examples", "0"], "expected a positive whole number"),
    (["--seed", "-1"], "non-negative"),
    (["--impl", "nowhere.py"], "nowhere.py: no such file"),
    (["--params", "W9"], "unknown parameter W9"),
    (["--mutant", "nope"], "no mutant named 'nope'"),
    (["--data-dir", "/no/such/dir"], "no such data directory"),
    (["--frobnicate"], "unrecognized arguments"),
])
def test_bad_options_exit_2_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
    assert "Traceback" not in err


def test_an_unparsable_impl_file_exits_2_with_one_line(capsys, tmp_path):
    bad = tmp_path / "notebook.py"
    bad.write_text("def linear_forward(A, W, b)\n    return W @ A + b\n")
    code, _, err = run(capsys, "--impl", str(bad))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "notebook.py: line 1" in err


def test_the_console_script_runs_the_default_check_at_real_size():
    result = subprocess.run([Path(sys.executable).parent / "manual-dnn", "gradcheck"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "layers 12288,20,7,5,1, 209 synthetic examples" in result.stdout


def test_a_file_with_none_of_the_seed_functions_exits_2(capsys, tmp_path):
    empty = tmp_path / "empty.py"
    empty.write_text("x = 1\n")
    code, _, err = run(capsys, "--impl", str(empty))
    assert code == 2 and "defines none of the functions of the assignments known (" in err
    assert "dnn: initialize_parameters" in err and "planar: " in err
    assert len(err.strip().splitlines()) == 1


def test_more_examples_than_the_cat_images_have_exits_2(capsys, data_dir):
    code, _, err = run(capsys, "--data-dir", str(data_dir), "--examples", "500")
    assert code == 2 and "have 209" in err


def test_a_file_whose_only_function_raises_gets_a_report_not_a_traceback(capsys, tmp_path):
    """Every check a contract check: the table once crashed on it."""
    one = tmp_path / "one.py"
    one.write_text("def linear_backward(dZ, cache):\n    raise NotImplementedError('todo')\n")
    code, out, err = run(capsys, "--impl", str(one), *SMALL)
    assert code == 1 and err == "" and "Traceback" not in out
    assert "raised NotImplementedError: todo (in one.py, line 2: raise NotImplementedError('todo'))" in \
        " ".join(out.split())
    assert verdict_of(out).startswith("FAIL: 1 of 1 check failed. Root cause: linear_backward. Fix it first. "
                                      "Also not found: initialize_parameters, ")


def test_json_names_the_dA_convention_and_the_root_causes(capsys):
    code, out, _ = run(capsys, "--impl", str(LEARNERS / "pre_v4_dA_l.py"), "--json", *SMALL)
    report = json.loads(out)  # right, but it has no initialize_parameters
    assert (code, report["verdict"], report["missing"]) == (1, "INCOMPLETE", ["initialize_parameters"])
    assert report["dA_convention"] == "dA{l}" and report["root_causes"] == []
    code, out, _ = run(capsys, "--impl", str(LEARNERS / "independent_problems.py"), "--json", *SMALL)
    report = json.loads(out)
    assert code == 1 and report["root_causes"] == ["update_parameters", "L_model_backward"]
    assert report["root_cause"] == "update_parameters"


def test_a_caller_that_raised_through_its_callee_in_both_variants_says_so_once(capsys):
    """linear_activation_backward is called for relu and for sigmoid: both raise the callee's
    AssertionError, and its folded line says it once."""
    path = LEARNERS.parent.parent / "learners" / "step_by_step" / "raises_with_message.py"
    code, out, _ = run(capsys, "--impl", str(path), *SMALL)
    assert code == 1 and "Root cause: linear_backward" in verdict_of(out)
    page = " ".join(out.split())
    assert "linear_activation_backward: raised AssertionError, explained by linear_backward" in page, out


def test_a_one_bug_report_at_the_cat_networks_size_fits_a_screen_and_leads_with_its_root_cause(capsys):
    code, out, err = run(capsys, "--mutant", "dW-missing-1/m")
    assert code == 1 and err == "" and fits_a_screen(out), out
    assert verdict_of(out).startswith("FAIL: ") and "Root cause: linear_backward" in verdict_of(out)
    assert first_failure(out).split()[:3] == ["FAIL", "linear_backward", "dW"]
    assert "uniform: every entry is 5x JAX's, one factor for all (like a missing 1/m)" in out
    assert "L_model_backward: 4 gradients, 1 Taylor test wrong, explained by linear_backward" in out
    assert any(line.startswith("Next: fix linear_backward, then check again;") for line in out.splitlines()[-4:])
