"""Every assignment's learner corpus (tests/learners/<assignment>/, beside the cat network's) gets the
verdicts its verdicts.toml gives, and every bug of every assignment's zoo is caught with its root cause.

An entry is a .py file, a notebook, or a folder: a learner's repository holding the course's package
(``cs231n/...``), checked whole as ``gradcheck --impl FOLDER`` does.

verdicts.toml, one table per file (its name in the folder):
  verdict        PASS | FAIL | INCOMPLETE (a graded function missing) | UNLOADABLE (exit 2, one line)
  root_causes    for FAIL (and INCOMPLETE, where a missing function explains a failure): every independent
                 problem, lowest in the call graph first
  course_version, style, why   words for a teacher (why ends with a full stop)
  notes_contain  substrings the report's notes must hold
  patterns_contain  {target: words}: the root cause's failing check of that target names the bug in these words
  must_not_blame functions never among the root causes
  differs        functions that must show a contract difference (another version's signature, say)
  missing        for INCOMPLETE (or FAIL): exactly the graded functions the file lacks
  only           for a fragment: checked with only these (and what they call), it passes
"""

import tomllib
from pathlib import Path

import pytest

from manual_dnn_cli.main import main
from reference.assignments import NAMES
from reference.bug_zoo import zoo_of
from reference.checks.checker import check
from reference.learner.implementation import ImplementationError

LEARNERS = Path(__file__).resolve().parent.parent / "learners"
FOLDERS = [name for name in NAMES if name != "dnn" and (LEARNERS / name / "verdicts.toml").is_file()]
FIELDS = {"verdict", "root_causes", "course_version", "style", "why", "notes_contain", "patterns_contain",
          "must_not_blame", "differs", "missing", "only"}
EXIT_CODES = {"PASS": 0, "FAIL": 1, "INCOMPLETE": 1, "UNLOADABLE": 2}


def _verdicts(folder):
    return tomllib.loads((LEARNERS / folder / "verdicts.toml").read_text(encoding="utf-8"))


CASES = [(folder, name) for folder in FOLDERS for name in sorted(_verdicts(folder))]


def _entries(folder):
    """The learners' files and repositories of a corpus folder."""
    return sorted(p.name for p in (LEARNERS / folder).iterdir()
                  if (p.suffix in (".py", ".ipynb") and not p.name.startswith("test_"))
                  or (p.is_dir() and not p.name.startswith((".", "__"))))


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_corpus_file_has_exactly_one_well_formed_entry(folder):
    verdicts = _verdicts(folder)
    files = _entries(folder)
    assert files == sorted(verdicts)
    assert len(files) >= 8 or folder == "initialization"
    for name, entry in verdicts.items():
        assert set(entry) <= FIELDS, (name, set(entry) - FIELDS)
        assert entry["verdict"] in EXIT_CODES and entry["why"].endswith("."), name
        if entry["verdict"] == "FAIL":
            assert entry.get("root_causes"), name
        elif entry["verdict"] == "PASS":
            assert not entry.get("root_causes"), name


@pytest.mark.parametrize("folder, name", CASES)
def test_the_checker_gives_each_learner_file_its_verdict(folder, name):
    expected = _verdicts(folder)[name]
    path = LEARNERS / folder / name
    if expected["verdict"] == "UNLOADABLE":
        with pytest.raises(ImplementationError):
            check(path)
        return
    report = check(path)
    text = report.to_text()
    assert report.assignment == folder, text
    assert report.verdict == expected["verdict"], text
    assert report.passed is (expected["verdict"] == "PASS"), text
    assert list(report.root_causes) == expected.get("root_causes", []), text
    if expected["verdict"] == "INCOMPLETE":
        assert report.missing, text
    for words in expected.get("notes_contain", []):
        assert any(words in note for note in report.notes), (words, report.notes)
    for target, words in expected.get("patterns_contain", {}).items():
        patterns = [c.pattern or "" for c in report.checks if c.passed is False and c.target == target
                    and c.function == report.root_cause and c.oracle == "jax-vjp"]
        assert patterns and all(words in p for p in patterns), (target, words, patterns)
    assert not set(report.root_causes) & set(expected.get("must_not_blame", [])), text
    for function in expected.get("differs", []):
        assert function in report.contract_differences, text
    if "missing" in expected:
        assert sorted(report.missing) == sorted(expected["missing"]), text
    if "only" in expected:
        alone = check(path, only=expected["only"])
        assert alone.passed, alone.to_text()


@pytest.mark.parametrize("folder, name", [case for case in CASES if case[1].endswith(".py")][::3])
def test_the_command_exits_with_the_verdicts_code_and_never_a_traceback(folder, name, capsys):
    code = main(["gradcheck", "--impl", str(LEARNERS / folder / name)])
    out, err = capsys.readouterr()
    verdict = _verdicts(folder)[name]["verdict"]
    assert code == EXIT_CODES[verdict], out[-2000:] + err
    if verdict == "UNLOADABLE":
        assert out == "" and len(err.strip().splitlines()) == 1, err
    else:
        assert err == "", err


ZOOS = [(name, mutant) for name in NAMES if name != "dnn" and zoo_of(name) for mutant in zoo_of(name)[0]]


@pytest.mark.parametrize("assignment, mutant", ZOOS)
def test_every_bug_of_every_assignments_zoo_is_caught_with_its_root_cause(assignment, mutant):
    mutants, namespace = zoo_of(assignment)
    report = check(namespace(mutant), assignment=assignment)
    assert not report.passed, report.to_text()
    assert report.root_causes == [mutants[mutant].function], report.to_text()


@pytest.mark.parametrize("assignment", [name for name in NAMES if name != "dnn"])
def test_manual_dnns_own_solution_of_every_assignment_passes(assignment):
    import importlib

    from reference.assignments import assignment as named

    module = importlib.import_module(named(assignment).reference)
    report = check(module, assignment=assignment)
    assert report.passed, report.to_text()
    assert not report.missing, report.missing
