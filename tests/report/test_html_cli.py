"""`gradcheck --html FILE` and `explain --format html`: whole pages, written safely, working offline."""

import os
import stat

import pytest

from manual_dnn.output_file import OutputFileError, write_atomically
from manual_dnn_cli.main import main
from tests.pages import verdict_of

SMALL = ["--layers", "5,4,3,1", "--examples", "6"]


def gradcheck(capsys, *argv):
    code = main(["gradcheck", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_check(monkeypatch):
    """Fails the test if the check itself starts: refusals must come first."""
    import reference.checks.checker as checker

    def started(*args, **kwargs):
        raise AssertionError("the check ran before the --html target was refused")

    monkeypatch.setattr(checker, "check", started)


def test_html_writes_the_page_and_stdout_keeps_the_text_report(capsys, tmp_path):
    target = tmp_path / "report.html"
    code, out, err = gradcheck(capsys, "--mutant", "dW-missing-1/m", "--html", str(target), *SMALL)
    assert code == 1 and err == ""
    assert verdict_of(out).startswith("FAIL:") and "Root cause: linear_backward" in out
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "mutant dW-missing-1/m" in page
    assert "Root cause: <code>linear_backward</code>" in page and page.count("<img ") >= 3
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temporary file left


def test_html_with_json_leaves_stdout_parseable(capsys, tmp_path):
    import json

    code, out, _ = gradcheck(capsys, "--json", "--html", str(tmp_path / "r.html"), *SMALL)
    assert code == 0 and json.loads(out)["passed"] is True
    assert ">PASS<" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_an_existing_page_is_replaced_and_keeps_its_permissions(capsys, tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old")
    target.chmod(0o640)
    assert gradcheck(capsys, "--html", str(target), *SMALL)[0] == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symlink_is_followed_not_replaced(capsys, tmp_path):
    real, link = tmp_path / "real.html", tmp_path / "link.html"
    real.write_text("old")
    link.symlink_to(real)
    assert gradcheck(capsys, "--html", str(link), *SMALL)[0] == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("make, message", [
    (lambda d: d, "is a directory"),
    (lambda d: d / "missing" / "r.html", "does not exist"),
    (lambda d: _read_only(d / "r.html"), "is read-only"),
    (lambda d: _fifo(d / "pipe.html"), "not a regular file"),
    (lambda d: "/dev/null", "not a regular file"),
    (lambda d: "/proc/manual-dnn-report.html", "cannot write in folder /proc"),
])
def test_a_target_that_cannot_be_written_is_refused_before_the_check(capsys, tmp_path, no_check, make, message):
    target = str(make(tmp_path))
    code, out, err = gradcheck(capsys, "--html", target, *SMALL)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("manual-dnn gradcheck: --html") and message in err


def test_the_file_being_checked_is_never_overwritten(capsys, tmp_path, no_check):
    learner = tmp_path / "mine.py"
    learner.write_text("def relu(Z):\n    return Z * (Z > 0), Z\n")
    code, _, err = gradcheck(capsys, "--impl", str(learner), "--html", str(learner))
    assert code == 2 and "is the file being checked" in err
    assert learner.read_text().startswith("def relu")


def test_a_page_that_cannot_be_written_after_the_check_still_prints_the_report(capsys, tmp_path, monkeypatch):
    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    code, out, err = gradcheck(capsys, "--mutant", "dAL-wrong-sign", "--html", str(tmp_path / "r.html"), *SMALL)
    assert code == 2 and verdict_of(out).startswith("FAIL:")
    assert err == f"manual-dnn gradcheck: --html {tmp_path / 'r.html'}: cannot write it (No space left on device)\n"
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("good old page")

    def broken(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OutputFileError, match="No space left on device"):
        write_atomically(str(target), lambda file: file.write(b"new page"))
    assert target.read_text() == "good old page" and [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_explain_as_html_typesets_equations_in_mathml_offline(capsys):
    assert main(["explain", "--format", "html", "--layers", "3,2,1", "--examples", "2"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page.lower()
    assert page.count('<math display="block">') >= 10
    # dW[l] = (1/m) dZ[l] A[l-1]ᵀ in MathML: a fraction and the layer superscripts.
    assert "<mfrac><mrow><mn>1</mn></mrow><mrow><mi>m</mi></mrow></mfrac>" in page
    assert "<mo>[</mo><mn>1</mn><mo>]</mo></mrow><mi>T</mi>" in page
    for fetch in ("http://", "https://", "@import", "<link"):
        assert fetch not in page
    assert "JAX agrees" in page


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _read_only(path):
    path.write_text("keep me")
    path.chmod(0o444)
    return path


def _fifo(path):
    os.mkfifo(path)
    return path
