"""`manual-dnn grade`: a row per submission whatever the submission does, the same CSV for the same
inputs, JSON lines, feedback files, Gradescope's results.json, weights, and Ctrl-C."""

import csv
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from manual_dnn_cli.main import main
from reference.grading.writers import CSV_COLUMNS
from reference.seed_functions import SEED_FUNCTIONS
from tests.sandbox.helpers import CORRECT, MANUAL_DNN, SMALL, WRONG_LINEAR_BACKWARD, time_limit

LOOP = "\ndef L_model_backward(AL, Y, caches):\n    while True:\n        pass\n"
SEGFAULT = "\ndef relu_backward(dA, cache):\n    import ctypes\n    ctypes.string_at(0)\n"
CLASS = {  # submission -> (its code, its status, verdicts that must be as given)
    "correct.py": (CORRECT, "passed", {"linear_backward": "pass", "sigmoid": "supplied"}),
    "wrong.py": (CORRECT + WRONG_LINEAR_BACKWARD, "failed", {"linear_backward": "fail", "linear_forward": "pass"}),
    "exits.py": ("import os\nos._exit(0)\n" + CORRECT, "unloadable", {"linear_forward": "missing"}),
    "loops.py": (CORRECT + LOOP, "timeout", {"L_model_backward": "timeout", "update_parameters": "pass"}),
    "sub/segfaults.py": (CORRECT + SEGFAULT, "crashed", {"relu_backward": "error", "linear_forward": "pass"}),
    "misspelt.py": (CORRECT.replace("def L_model_backward(", "def L_model_backwards("), "incomplete",
                    {"L_model_backward": "missing", "linear_backward": "pass"}),
}


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    for name, (code, _, _) in CLASS.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(code)
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "correct-checkpoint.py").write_text(CORRECT)  # not a submission
    return folder


def grade(capsys, *argv):
    with time_limit(240):
        code = main(["grade", *argv, *SMALL, "--timeout", "1"])
    out, err = capsys.readouterr()
    return code, out, err


def read_csv(path):
    with open(path, newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def graded(class_folder, tmp_path_factory):
    """The class graded once by the real command with two workers: (CSV rows, JSONL records, folder)."""
    out = tmp_path_factory.mktemp("out")
    result = subprocess.run([*MANUAL_DNN, "grade", str(class_folder), *SMALL, "--timeout", "1", "--workers", "2",
                             "--csv", str(out / "grades.csv"), "--jsonl", str(out / "reports.jsonl"),
                             "--feedback", str(out / "feedback")],
                            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert result.returncode == 1, result.stdout + result.stderr  # not every submission passed
    records = [json.loads(line) for line in (out / "reports.jsonl").read_text().splitlines()]
    return read_csv(out / "grades.csv"), records, out


def test_every_submission_is_a_row_with_its_status_and_verdicts(graded, class_folder):
    rows, _, _ = graded
    assert list(rows[0]) == list(CSV_COLUMNS)
    by_name = {Path(r["submission"]).relative_to(class_folder).as_posix(): r for r in rows}
    assert sorted(by_name) == sorted(CLASS)  # the checkpoint copy is not a submission
    for name, (_, status, verdicts) in CLASS.items():
        row = by_name[name]
        assert row["status"] == status, (name, row)
        assert {f: row[f] for f in verdicts} == verdicts, name
    assert by_name["correct.py"]["score"] == "1.0000" and by_name["exits.py"]["score"] == "0.0000"
    assert by_name["wrong.py"]["root_causes"] == "linear_backward"
    # 3 of the 10 functions "Step by Step" asks for fail, 2 of them only through linear_backward: they keep
    # their points (the helpers are the course's, not scored)
    assert float(by_name["wrong.py"]["score"]) == pytest.approx(9 / 10)
    assert float(by_name["misspelt.py"]["score"]) == pytest.approx(9 / 10)  # L_model_backward: missing
    assert "L_model_backward (did you mean L_model_backwards?)" in by_name["misspelt.py"]["reason"]
    assert "exited with status 0 while loading" in by_name["exits.py"]["reason"]
    assert [r["submission"] for r in rows] == sorted(r["submission"] for r in rows)


def test_the_same_inputs_give_the_same_csv_apart_from_seconds(graded, class_folder, tmp_path, capsys):
    rows, _, _ = graded
    code, _, _ = grade(capsys, str(class_folder), "--workers", "1", "--csv", str(tmp_path / "again.csv"))
    again = read_csv(tmp_path / "again.csv")
    assert code == 1
    assert [{k: v for k, v in r.items() if k != "seconds"} for r in again] == \
        [{k: v for k, v in r.items() if k != "seconds"} for r in rows]


def test_jsonl_holds_each_full_report_and_feedback_a_file_each(graded):
    rows, records, out = graded
    assert [r["submission"] for r in records] == [r["submission"] for r in rows]
    wrong = next(r for r in records if r["submission"].endswith("wrong.py"))
    assert wrong["report"]["root_cause"] == "linear_backward" and wrong["verdicts"]["linear_backward"] == "fail"
    assert any(c["function"] == "linear_backward" and c["passed"] is False for c in wrong["report"]["checks"])
    assert next(r for r in records if r["submission"].endswith("exits.py"))["report"] is None
    texts = sorted(p.read_text() for p in (out / "feedback").iterdir())
    assert len(texts) == len(CLASS)
    assert any("Root cause: linear_backward" in t for t in texts)


def test_gradescope_results_have_a_test_per_learner_function(class_folder, tmp_path, capsys):
    results = tmp_path / "results.json"
    code, _, _ = grade(capsys, str(class_folder / "wrong.py"), "--gradescope", str(results))
    data = json.loads(results.read_text())
    assert code == 1
    names = [t["name"] for t in data["tests"]]
    assert names == [n for n, f in SEED_FUNCTIONS.items() if f.notebook == "Step by Step" and not f.helper]
    for test in data["tests"]:
        assert set(test) >= {"name", "score", "max_score", "output", "status"} and test["max_score"] == 1.0
        assert test["status"] == "failed" or test["score"] == 1.0
    failing = next(t for t in data["tests"] if t["name"] == "linear_backward")
    assert failing["status"] == "failed" and "FAIL dW" in failing["output"] and failing["score"] == 0.0
    for name in ("linear_activation_backward", "L_model_backward"):  # failing only through linear_backward
        inherited = next(t for t in data["tests"] if t["name"] == name)
        assert inherited["status"] == "failed" and inherited["score"] == 1.0
        assert inherited["output"].startswith("These failures follow from linear_backward: fix it first (no points")
    assert data["score"] == 9.0 and data["visibility"] == "visible" and "linear_backward" in data["output"]


def test_gradescope_for_an_unloadable_file_scores_0_with_the_reason(class_folder, tmp_path, capsys):
    results = tmp_path / "results.json"
    grade(capsys, str(class_folder / "exits.py"), "--gradescope", str(results))
    data = json.loads(results.read_text())
    assert data["score"] == 0 and "exited with status 0 while loading" in data["output"]
    assert all(t["score"] == 0 for t in data["tests"])


def test_score_inherited_takes_points_from_every_failing_function(class_folder, tmp_path, capsys):
    code, _, _ = grade(capsys, str(class_folder / "wrong.py"), "--score", "inherited", "--csv", str(tmp_path / "g.csv"))
    assert code == 1 and float(read_csv(tmp_path / "g.csv")[0]["score"]) == pytest.approx(7 / 10)


def test_weights_give_partial_credit(class_folder, tmp_path, capsys):
    weights = tmp_path / "weights.json"
    weights.write_text(json.dumps({"linear_backward": 3, "linear_forward": 1}))
    code, _, _ = grade(capsys, str(class_folder / "wrong.py"), "--weights", str(weights), "--csv",
                       str(tmp_path / "g.csv"))
    assert read_csv(tmp_path / "g.csv")[0]["score"] == "0.2500"


@pytest.mark.parametrize("argv, message", [
    (["nowhere"], "nowhere: no such file or folder"),
    (["{folder}", "--gradescope", "r.json"], "--gradescope grades one submission; found 6 files"),
    (["{folder}", "--score", "blame"], "invalid choice: 'blame'"),
    (["{folder}/correct.py", "--csv", "{folder}/correct.py"], "is one of the submissions"),
    (["{folder}", "--csv", "/no/such/dir/g.csv"], "no such folder"),
    (["{folder}", "--weights", "{folder}/correct.py"], "not a readable JSON file"),
    (["{folder}", "--workers", "0"], "expected a positive whole number"),
])
def test_bad_options_exit_2_with_one_line(class_folder, capsys, argv, message):
    code, out, err = grade(capsys, *[a.format(folder=class_folder) for a in argv])
    assert code == 2 and out == "" and message in err and len(err.strip().splitlines()) == 1


def test_ctrl_c_keeps_the_rows_done_and_exits_130(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    for i in range(2):
        (folder / f"a_fast{i}.py").write_text(CORRECT)
    slow = "\nimport time\ndef linear_forward(A, W, b):\n    time.sleep(60)\n"
    for i in range(4):
        (folder / f"z_slow{i}.py").write_text(CORRECT + slow)
    table = tmp_path / "grades.csv"
    temp, env = _own_temp(tmp_path)
    process = subprocess.Popen([*MANUAL_DNN, "grade", str(folder), *SMALL, "--workers", "2", "--timeout", "60",
                                "--csv", str(table)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               stdin=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and (not table.exists() or len(read_csv(table)) < 2):
            assert process.poll() is None, process.communicate()
            time.sleep(0.2)
        time.sleep(1)  # the slow ones are now running in their sandboxes
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130 and "interrupted" in err and "Traceback" not in err
    rows = read_csv(table)
    assert sorted(Path(r["submission"]).name for r in rows) == ["a_fast0.py", "a_fast1.py"]
    assert all(r["status"] == "passed" for r in rows)
    deadline = time.monotonic() + 10  # the workers close their sandboxes as they stop
    while _sandboxes(temp) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _sandboxes(temp)  # no learner process left running, no working folder left behind


def _own_temp(tmp_path):
    """A temporary folder of the grade's own (its TMPDIR): what another checker on the machine
    leaves in /tmp at the same time is not this grade's."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    return temp, {**os.environ, "TMPDIR": str(temp)}


def _sandboxes(temp):
    """The learner processes and sandbox folders under ``temp`` that exist now."""
    found = {str(p) for p in temp.rglob("manual-dnn-*")}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        if cwd.startswith(str(temp)) and "manual-dnn-learner-" in cwd:
            found.add(f"process {pid}")
    return found


def test_a_submission_that_kills_its_grading_worker_is_a_row_and_the_rest_are_graded(tmp_path):
    # The learner's process is forked by a zygote whose parent is the grading worker: kill that.
    killer = ("\nimport os, signal\n"
              "def linear_forward(A, W, b):\n"
              "    zygote = os.getppid()\n"
              "    worker = int(open(f'/proc/{zygote}/stat').read().rsplit(')', 1)[1].split()[1])\n"
              "    os.kill(worker, signal.SIGKILL)\n")
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a_killer.py").write_text(CORRECT + killer)
    for i in range(3):
        (folder / f"b_correct{i}.py").write_text(CORRECT)
    table = tmp_path / "grades.csv"
    temp, env = _own_temp(tmp_path)
    result = subprocess.run([*MANUAL_DNN, "grade", str(folder), *SMALL, "--workers", "2", "--csv", str(table)],
                            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL, env=env)
    assert not _sandboxes(temp)  # the killed worker's sandbox folder too is gone
    rows = {Path(r["submission"]).name: r for r in read_csv(table)}
    assert result.returncode == 1, result.stderr
    assert rows["a_killer.py"]["status"] == "error" and rows["a_killer.py"]["reason"] == "the grading worker died"
    assert [rows[f"b_correct{i}.py"]["status"] for i in range(3)] == ["passed"] * 3


def test_a_failure_keeps_its_points_only_when_the_functions_that_explain_it_lose_theirs():
    from reference.grading.outcome import points, score

    verdicts = {"linear_backward": "fail", "linear_activation_backward": "fail", "L_model_backward": "error",
                "update_parameters": "pass", "sigmoid": "pass"}
    weights = {name: 1.0 for name in verdicts if name != "sigmoid"}
    explained = {"linear_activation_backward": ["linear_backward"], "L_model_backward": ["linear_backward"]}
    assert score(verdicts, weights, explained) == 0.75 and score(verdicts, weights, explained, "inherited") == 0.25
    assert points(verdicts, weights, explained)["L_model_backward"] == (1.0, 1.0)
    # the function at fault weighs nothing here (the teacher's weights), so nobody else is excused
    assert score(verdicts, {"L_model_backward": 1.0}, explained) == 0.0
    # a helper's own contract (a difference, not scored) explains the failure: the caller loses its points
    assert points({"linear_activation_forward": "fail", "sigmoid": "pass"}, {"linear_activation_forward": 1.0},
                  {"linear_activation_forward": ["sigmoid"]})["linear_activation_forward"] == (0.0, 1.0)
    # a missing function is at fault: what fails for want of it keeps its points
    assert points({"L_model_backward": "error", "linear_activation_backward": "missing"},
                  {"L_model_backward": 1.0, "linear_activation_backward": 1.0},
                  {"L_model_backward": ["linear_activation_backward"]}) == {
        "L_model_backward": (1.0, 1.0), "linear_activation_backward": (0.0, 1.0)}
