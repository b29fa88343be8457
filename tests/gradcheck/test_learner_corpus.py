"""The learner corpus (tests/learners/): every file gets the verdict verdicts.toml gives it.

verdicts.toml is the specification: the verdict, the exact root causes (every independent wrong
function, lowest level first), the graded functions the file lacks (and the near misses it defines
instead), the dA key convention of the file's L_model_backward, and what the notes must say or the
root causes must never name. README.md in the corpus says why each verdict is right. The checks run
on a small network so the whole corpus takes seconds per file.
"""

import json
import tomllib
from pathlib import Path

import pytest

from manual_dnn_cli.main import main
from reference.checks.checker import check
from reference.learner.implementation import ImplementationError
from tests.pages import PAGE_WIDTH, first_failure, fits_a_screen, right_after_the_header, verdict_of

CORPUS = Path(__file__).resolve().parent.parent / "learners"
VERDICTS = tomllib.loads((CORPUS / "verdicts.toml").read_text(encoding="utf-8"))
SMALL = dict(layer_dims=[5, 4, 3, 1], examples=6)
SMALL_ARGV = ["--layers", "5,4,3,1", "--examples", "6"]
EXIT_CODES = {"PASS": 0, "FAIL": 1, "INCOMPLETE": 1, "UNLOADABLE": 2}
FIELDS = {"verdict", "root_causes", "dA_convention", "course_version", "style", "why", "notes_contain",
          "must_not_blame", "missing", "did_you_mean", "only", "differs"}
FILES = sorted(VERDICTS)


FOLDERS = sorted({name.split("/")[0] for name in VERDICTS})  # the cat network's; other assignments have their own


def _corpus_files():
    return sorted(str(p.relative_to(CORPUS)) for folder in FOLDERS for p in (CORPUS / folder).iterdir() if p.is_file())


def test_every_corpus_file_has_exactly_one_well_formed_entry():
    assert _corpus_files() == FILES
    for name, entry in VERDICTS.items():
        assert set(entry) <= FIELDS, (name, set(entry) - FIELDS)
        assert entry["verdict"] in EXIT_CODES, name
        assert entry["why"].endswith("."), name
        if entry["verdict"] == "FAIL":
            assert entry["root_causes"], name
        elif entry["verdict"] == "PASS":
            assert entry["root_causes"] == [] and not entry.get("missing"), name
        elif entry["verdict"] == "INCOMPLETE":
            assert entry["missing"] and set(entry["root_causes"]) <= set(entry["missing"]), name
        assert set(entry.get("did_you_mean", {})) <= set(entry.get("missing", [])), name
        assert "only" not in entry or (entry["verdict"] == "INCOMPLETE" and not entry["root_causes"]), name
        assert entry.get("dA_convention", "dA{l-1}") in ("dA{l-1}", "dA{l}"), name
        assert not set(entry.get("root_causes", [])) & set(entry.get("must_not_blame", [])), name


def test_the_corpus_covers_what_it_is_meant_to():
    step = [n for n in FILES if n.startswith("step_by_step/")]
    app = [n for n in FILES if n.startswith("application/")]
    assert len(step) >= 24 and len(app) >= 10
    assert sum(n.endswith(".ipynb") for n in step) >= 6
    assert sum(VERDICTS[n]["verdict"] == "PASS" for n in step) >= 12
    conventions = {VERDICTS[n].get("dA_convention") for n in step if VERDICTS[n]["verdict"] == "PASS"}
    assert {"dA{l-1}", "dA{l}"} <= conventions
    assert {"UNLOADABLE", "INCOMPLETE"} <= {VERDICTS[n]["verdict"] for n in step}
    assert any(len(VERDICTS[n].get("root_causes", [])) >= 2 for n in step)
    assert any(VERDICTS[n].get("did_you_mean") for n in step)
    assert sum(bool(VERDICTS[n].get("only")) for n in FILES) >= 4


@pytest.mark.parametrize("name", [n for n in FILES if n.endswith(".ipynb") and "broken_json" not in n])
def test_every_notebook_is_nbformat_4_as_jupyter_saves_it(name):
    notebook = json.loads((CORPUS / name).read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4 and "kernelspec" in notebook["metadata"]
    kinds = {cell["cell_type"] for cell in notebook["cells"]}
    assert kinds == {"markdown", "code"}
    for cell in notebook["cells"]:
        assert isinstance(cell["source"], list) and "metadata" in cell
        if cell["cell_type"] == "code":
            assert "outputs" in cell and "execution_count" in cell


def test_the_broken_notebook_is_broken_by_one_character():
    text = (CORPUS / "step_by_step" / "broken_json.ipynb").read_text(encoding="utf-8")
    with pytest.raises(ValueError):
        json.loads(text)
    json.loads(text.replace(",,", ",", 1))


@pytest.mark.parametrize("name", FILES)
def test_the_checker_gives_each_learner_file_its_verdict(name):
    expected = VERDICTS[name]
    path = CORPUS / name
    if expected["verdict"] == "UNLOADABLE":
        try:
            report = check(path, **SMALL)
        except ImplementationError:
            return
        assert not report.checks and not report.passed  # "defines no seed function": nothing to check
        return
    report = check(path, **SMALL)
    text = report.to_text(verbose=True)
    assert report.verdict == expected["verdict"], text
    assert report.passed is (expected["verdict"] == "PASS"), text
    assert list(report.root_causes) == expected["root_causes"], text
    assert report.missing == expected.get("missing", []), text
    assert report.did_you_mean == expected.get("did_you_mean", {}), text
    if expected["verdict"] == "INCOMPLETE" and not expected["root_causes"]:  # nothing it wrote is wrong
        assert not [c for c in report.checks if c.passed is False], text
    assert report.root_cause == (expected["root_causes"][0] if expected["root_causes"] else None)
    if "dA_convention" in expected:
        assert getattr(report, "dA_convention", None) == expected["dA_convention"], text
    for words in expected.get("notes_contain", []):
        assert any(words in note for note in report.notes), (words, report.notes)
    assert not set(report.root_causes) & set(expected.get("must_not_blame", [])), text
    for function in expected.get("differs", []):
        assert function in report.contract_differences, text


@pytest.mark.parametrize("name", FILES)
def test_the_command_exits_with_the_verdicts_code_and_never_a_traceback(name, capsys):
    code = main(["gradcheck", "--impl", str(CORPUS / name), *SMALL_ARGV])
    out, err = capsys.readouterr()
    expected = VERDICTS[name]
    verdict = expected["verdict"]
    assert code == EXIT_CODES[verdict], out[-2000:] + err
    if verdict == "UNLOADABLE":
        assert out == "" and len(err.strip().splitlines()) == 1, err
        return
    assert err == "", err
    assert verdict_of(out).startswith(verdict + ":") and right_after_the_header(out), out
    assert max(map(len, out.splitlines())) <= PAGE_WIDTH, out
    if verdict == "FAIL" and len(expected["root_causes"]) == 1:  # a one-bug file: its report fits on a screen
        assert fits_a_screen(out), out
        assert first_failure(out).split()[1] == expected["root_causes"][0], out
    for missing, guess in expected.get("did_you_mean", {}).items():
        assert f"{missing} (did you mean {guess}?)" in " ".join(out.split()), out


@pytest.mark.parametrize("name", [n for n in FILES if VERDICTS[n].get("only")])
def test_a_fragment_checked_with_only_what_it_defines_passes_and_says_what_was_not_checked(name, capsys):
    only = VERDICTS[name]["only"]
    code = main(["gradcheck", "--impl", str(CORPUS / name), "--only", ",".join(only), *SMALL_ARGV])
    out, err = capsys.readouterr()
    assert code == 0 and err == "", out + err
    line = verdict_of(out)
    assert line.startswith("PASS:") and f"Checked with --only {','.join(only)}; not checked: " in line
    not_checked = set(line.split("not checked: ")[1].split(".")[0].split(", "))
    assert not_checked and not_checked <= set(VERDICTS[name]["missing"]), out  # the functions the file lacks
