"""`manual-dnn grade` on a class of mixed assignments: each submission judged as the assignment its own
definitions show (or --assignment), the CSV's `assignment` column and the union of the assignments' function
columns, weights over every assignment known, and --per-folder (one submission per student folder)."""

import json
import shutil
from pathlib import Path

import pytest

from manual_dnn_cli.main import main
from reference.grading.outcome import functions_of, score
from tests.grading.test_grade import read_csv
from tests.sandbox.helpers import CORRECT, SMALL, WRONG_LINEAR_BACKWARD, time_limit

LEARNERS = Path(__file__).parent.parent / "learners"
LOGISTIC = LEARNERS / "logistic_regression"
PLANAR = LEARNERS / "planar"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A folder of two cat-network files and two logistic-regression files."""
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "dnn_correct.py").write_text(CORRECT)
    (folder / "dnn_wrong.py").write_text(CORRECT + WRONG_LINEAR_BACKWARD)
    shutil.copy(LOGISTIC / "predict_threshold_ge.py", folder / "lr_correct.py")  # PASS in its corpus
    shutil.copy(LOGISTIC / "bug_dw_elementwise.py", folder / "lr_wrong.py")  # FAIL, root cause propagate
    return folder


def grade(capsys, *argv):
    """The command in this process; the other assignments' checks (planar's 21 descent steps, a notebook's
    loading) get the default timeout that test_grade's 1 s would cut short on a busy machine."""
    with time_limit(240):
        code = main(["grade", *argv, *SMALL])
    out, err = capsys.readouterr()
    return code, out, err


def test_each_file_of_a_mixed_folder_is_judged_as_its_own_assignment(mixed, tmp_path, capsys):
    weights = tmp_path / "weights.json"  # a function of each assignment: each file is scored on its own one
    weights.write_text(json.dumps({"linear_backward": 1, "propagate": 1}))
    code, out, err = grade(capsys, str(mixed), "--csv", str(tmp_path / "g.csv"), "--weights", str(weights))
    assert code == 1 and err == "", err
    rows = {Path(r["submission"]).name: r for r in read_csv(tmp_path / "g.csv")}
    columns = list(read_csv(tmp_path / "g.csv")[0])
    union = list(dict.fromkeys([*functions_of("logistic_regression"), *functions_of("dnn")]))
    assert columns[:2] == ["submission", "assignment"]
    assert [c for c in columns if c in union] == union  # each function once ("sigmoid" is in both), in order
    assert {name: row["assignment"] for name, row in rows.items()} == {
        "dnn_correct.py": "dnn", "dnn_wrong.py": "dnn", "lr_correct.py": "logistic_regression",
        "lr_wrong.py": "logistic_regression"}
    assert {name: row["status"] for name, row in rows.items()} == {
        "dnn_correct.py": "passed", "dnn_wrong.py": "failed", "lr_correct.py": "passed", "lr_wrong.py": "failed"}
    assert rows["lr_wrong.py"]["propagate"] == "fail" and rows["lr_wrong.py"]["root_causes"] == "propagate"
    assert rows["lr_wrong.py"]["linear_backward"] == "" and rows["dnn_wrong.py"]["propagate"] == ""
    assert rows["dnn_wrong.py"]["linear_backward"] == "fail"
    # the weight of the other assignment's function neither counts nor costs: each wrong file loses its one
    assert {name: float(row["score"]) for name, row in rows.items()} == {
        "dnn_correct.py": 1.0, "dnn_wrong.py": 0.0, "lr_correct.py": 1.0, "lr_wrong.py": 0.0}


def test_assignment_checks_every_file_as_the_one_named(mixed, tmp_path, capsys):
    code, _, _ = grade(capsys, str(mixed / "lr_correct.py"), "--assignment", "dnn", "--csv", str(tmp_path / "g.csv"))
    row, = read_csv(tmp_path / "g.csv")
    assert code == 1 and row["assignment"] == "dnn" and row["status"] != "passed", row
    assert "propagate" not in row  # the columns are the named assignment's alone


def test_per_folder_grades_each_student_folder_as_one_submission(tmp_path, capsys):
    classroom = tmp_path / "class"
    for student in ("alice", "bob", "carol", "dave"):
        (classroom / student / "work").mkdir(parents=True)
    (classroom / "alice" / "work" / "step_by_step.py").write_text(CORRECT)  # imports dnn_utils: supplied
    shutil.copy(PLANAR / "public_tests_notebook.ipynb", classroom / "bob" / "planar.ipynb")
    (classroom / "bob" / "notes.py").write_text("print('not a submission of anything')\n")
    shutil.copy(LOGISTIC / "bug_dw_elementwise.py", classroom / "carol" / "work")
    for name in ("a.py", "b.py"):  # two files of one assignment are not joined: one line says so
        shutil.copy(LOGISTIC / "predict_threshold_ge.py", classroom / "dave" / name)
    code, _, err = grade(capsys, str(classroom), "--per-folder", "--csv", str(tmp_path / "g.csv"))
    assert code == 1 and err == "", err
    rows = {Path(r["submission"]).name: r for r in read_csv(tmp_path / "g.csv")}
    assert {name: (row["assignment"], row["status"]) for name, row in rows.items()} == {
        "alice": ("dnn", "passed"), "bob": ("planar", "passed"), "carol": ("logistic_regression", "failed"),
        "dave": ("logistic_regression", "unloadable")}
    assert "2 files define functions of logistic_regression (a.py, b.py): give one of them" in rows["dave"]["reason"]


def test_a_function_its_course_version_never_had_costs_nothing_and_one_it_lacks_costs_its_points():
    verdicts = dict.fromkeys(functions_of("cs231n"), "pass")
    verdicts.update(layernorm_forward="missing", layernorm_backward="missing")  # 2018's, absent from a 2017 file
    assert score(verdicts, assignment="cs231n", missing=[]) == 1.0  # the report lacks none of its version's
    lacking = score(verdicts, assignment="cs231n", missing=["layernorm_forward", "layernorm_backward"])
    assert 0.9 < lacking < 1.0
    assert score(verdicts, assignment="cs231n") == lacking  # no report to say: every function counts


@pytest.mark.parametrize("argv, message", [
    (["--weights", "{weights}"], "'no_such_function' is not a function of any assignment known"),
    (["--assignment", "cs999"], "--assignment cs999: no such assignment; known: logistic_regression"),
    (["--per-folder"], "no folder inside it (--per-folder: one submission per folder)"),
])
def test_bad_assignment_options_exit_2_with_one_line(mixed, tmp_path, capsys, argv, message):
    weights = tmp_path / "weights.json"
    weights.write_text(json.dumps({"linear_backward": 1, "no_such_function": 2}))
    code, out, err = grade(capsys, str(mixed), *[a.format(weights=weights) for a in argv])
    assert code == 2 and out == "" and message in err and len(err.strip().splitlines()) == 1, err


def test_gradescope_results_of_another_assignment_have_a_test_per_its_function(tmp_path, capsys):
    """A planar file with one bug in backward_propagation: a test per graded function of planar, the root cause
    scored 0, nn_model (failing only through it) keeping its point, the summary naming the fix."""
    results = tmp_path / "results.json"
    code, _, _ = grade(capsys, str(PLANAR / "bug_dZ1_times_Z1.py"), "--gradescope", str(results))
    data = json.loads(results.read_text())
    tests = {t["name"]: t for t in data["tests"]}
    assert code == 1 and list(tests) == [f for f in functions_of("planar") if f in tests]
    assert {"backward_propagation", "nn_model", "forward_propagation"} <= set(tests) and "L_model_backward" not in tests
    root = tests["backward_propagation"]
    assert root["status"] == "failed" and root["score"] == 0.0 and "FAIL dW1" in root["output"]
    knock_on = tests["nn_model"]
    assert knock_on["status"] == "failed" and knock_on["score"] == knock_on["max_score"]
    assert knock_on["output"].startswith("These failures follow from backward_propagation")
    assert all(t["status"] == "passed" and t["score"] == t["max_score"] for name, t in tests.items()
               if name not in ("backward_propagation", "nn_model"))
    assert data["score"] == len(tests) - 1 and "Fix first: backward_propagation" in data["output"]
