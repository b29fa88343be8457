"""A failure of the checker itself: exit 3 and one line naming the file that holds the traceback,
never a raw traceback, never exit 1; in grade, status error with the same file named."""

import re
import tempfile
from pathlib import Path

import pytest

import reference.checks.checker
from manual_dnn_cli.main import main
from reference.grading.outcome import Settings, grade_submission

LEARNER = Path(__file__).resolve().parent / "learners" / "correct_notebook.py"
SMALL = ["--layers", "3,2,1", "--examples", "4"]


def _a_bug(*args, **kwargs):
    raise TypeError("unsupported operand type(s) for +: 'int' and 'str'")


@pytest.fixture
def checker_bug(monkeypatch, tmp_path):
    """A checker that fails inside (as a bug of its own would), tracebacks saved under tmp_path."""
    monkeypatch.setattr(reference.checks.checker, "_check_network", _a_bug)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    monkeypatch.setattr(tempfile, "tempdir", None)  # tempfile reads TMPDIR again
    return tmp_path


def _saved(line):
    match = re.search(r"traceback in (\S+\.txt)$", line)
    assert match, line
    path = Path(match.group(1))
    text = path.read_text()
    assert "Traceback (most recent call last)" in text and "unsupported operand" in text
    return path


@pytest.mark.parametrize("argv", [["gradcheck", *SMALL], ["gradcheck", "--impl", str(LEARNER), *SMALL]])
def test_a_checker_failure_is_exit_3_and_one_line_naming_the_saved_traceback(checker_bug, argv, capsys):
    assert main(argv) == 3
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1, err
    assert err.startswith("manual-dnn gradcheck: the checker failed (TypeError: unsupported operand")
    assert "Traceback" not in err
    assert _saved(err.strip()).is_relative_to(checker_bug / "cache" / "manual-dnn" / "tracebacks")


def test_grade_gives_a_checker_failure_status_error_and_names_the_traceback(checker_bug):
    outcome = grade_submission(LEARNER, Settings(layers=(3, 2, 1), examples=4))
    assert outcome.status == "error" and outcome.reason.startswith("the checker failed (TypeError")
    assert str(LEARNER) in _saved(outcome.reason).read_text()  # what was being graded, first in the file


def test_an_unwritable_cache_falls_back_to_the_temporary_folder(checker_bug, capsys):
    (checker_bug / "cache").write_text("a file where the cache folder should be")
    (checker_bug / "tmp").mkdir()
    assert main(["gradcheck", *SMALL]) == 3
    assert _saved(capsys.readouterr().err.strip()).is_relative_to(checker_bug / "tmp")

