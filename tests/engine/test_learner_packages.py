"""A learner's code as it lives in a package: a file inside one reaches its siblings through its relative
imports, a folder is the package, and the course's own modules the folder lacks are supplied, running
the learner's own layers."""

import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from manual_dnn_cli.main import main
from reference.assignments import assignment
from reference.learner.loading import from_path
from reference.learner.packages import layout

LEARNERS = Path(__file__).resolve().parent.parent / "learners" / "cs231n"
CS231N = assignment("cs231n")

FC_NET = """\
    from builtins import range
    import numpy as np
    from past.builtins import xrange  # the future package, which Python 3 does not need

    from ..layers import *
    from ..layer_utils import *


    def two_layer_scores(X, W1, b1, W2, b2):
        h, _ = affine_relu_forward(X, W1, b1)
        return affine_forward(h, W2, b2)[0]
    """


def _package(tmp_path, layers_source=None, with_init=True):
    """tmp/a2/cs231n/{layers.py, classifiers/fc_net.py}: the learner's files, none of the course's."""
    root = tmp_path / "a2" / "cs231n"
    (root / "classifiers").mkdir(parents=True)
    if with_init:
        (root / "__init__.py").write_text("")
        (root / "classifiers" / "__init__.py").write_text("")
    (root / "layers.py").write_text(layers_source or (LEARNERS / "v2018_loops_correct.py").read_text())
    (root / "classifiers" / "fc_net.py").write_text(textwrap.dedent(FC_NET))
    return root


def test_a_file_inside_a_package_reaches_its_siblings_and_the_course_supplies_what_the_folder_lacks(tmp_path):
    root = _package(tmp_path)
    impl = from_path(root / "classifiers" / "fc_net.py", assignment=CS231N)
    assert impl.functions["affine_backward"].__module__ == "cs231n.layers"  # the learner's own, imported
    assert any("line 3: ModuleNotFoundError: No module named 'past'" in s for s in impl.skipped), impl.skipped
    assert any("cs231n.layer_utils" in note and "supplied" in note for note in impl.notes), impl.notes
    assert not [m for m in sys.modules if m == "cs231n" or m.startswith("cs231n.")]  # nothing left behind


def test_the_courses_sandwich_layer_runs_the_learners_own_affine_forward(tmp_path):
    marked = (LEARNERS / "v2018_loops_correct.py").read_text().replace(
        "out = x_rows.dot(w) + b", "out = x_rows.dot(w) + b + 1000.0")
    root = _package(tmp_path, marked)
    assert "+ 1000.0" in (root / "layers.py").read_text()
    impl = from_path(root / "classifiers" / "fc_net.py", assignment=CS231N, keep_imports=True)
    try:
        scores = sys.modules["cs231n.classifiers.fc_net"].two_layer_scores(
            np.ones((2, 3)), np.ones((3, 4)), np.zeros(4), np.ones((4, 2)), np.zeros(2))
        assert sys.modules["cs231n.layer_utils"].__file__.endswith("course_packages/cs231n/layer_utils.py")
    finally:
        for name in [m for m in sys.modules if m == "cs231n" or m.startswith("cs231n.")]:
            del sys.modules[name]
        sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "Finder"]
    assert impl.functions
    assert np.all(scores == 4 * (3 + 1000.0) + 1000.0)  # the learner's +1000 in both affine layers


def test_a_package_folder_is_checked_whole_and_a_folder_without_init_files_too(tmp_path):
    for with_init in (True, False):
        root = _package(tmp_path / str(with_init), with_init=with_init)
        impl = from_path(root, assignment=CS231N)
        assert "affine_forward" in impl.functions and not impl.missing, impl.missing
        assert any("checked cs231n.layers" in note for note in impl.notes), impl.notes


def test_where_a_file_is_in_a_package(tmp_path):
    root = _package(tmp_path, with_init=False)
    assert layout(root / "layers.py") is None  # no __init__.py, no relative import: a file on its own
    place = layout(root / "classifiers" / "fc_net.py")  # from ..layers: two levels
    assert (place.name, place.module, place.package) == ("cs231n", "cs231n.classifiers.fc_net", "cs231n.classifiers")
    (root / "__init__.py").write_text("")
    assert layout(root / "layers.py").module == "cs231n.layers"
    assert layout(root).module == "" and layout(root / "classifiers").module == "cs231n.classifiers"


def test_a_script_beside_the_package_gets_the_learners_modules_and_the_courses(tmp_path):
    root = _package(tmp_path)
    script = root.parent / "notebook_export.py"
    script.write_text("from cs231n.layers import *\nfrom cs231n.gradient_check import eval_numerical_gradient\n"
                      "grad = eval_numerical_gradient(lambda v: float((v ** 2).sum()), np.ones(3), verbose=False)\n")
    impl = from_path(script, assignment=CS231N)
    assert impl.functions["affine_forward"].__module__ == "cs231n.layers" and not impl.skipped, impl.skipped
    alone = tmp_path / "alone.py"  # no cs231n folder beside it: the course's own modules still load
    alone.write_text("from cs231n.solver import Solver\nfrom cs231n.layers import *\n"
                     "def affine_forward(x, w, b):\n    return x @ w + b, (x, w, b)\n")
    impl = from_path(alone, assignment=CS231N)
    assert [s.split(":")[1].strip() for s in impl.skipped] == ["ModuleNotFoundError"], impl.skipped
    assert any("cs231n.solver" in note for note in impl.notes), impl.notes


def test_the_command_checks_a_package_folder_in_its_sandbox(tmp_path, capsys):
    root = _package(tmp_path)
    code = main(["gradcheck", "--impl", str(root), "--only", "affine_backward"])
    out, err = capsys.readouterr()
    assert code == 0 and "PASS" in out and err == "", out + err
    assert main(["gradcheck", "--impl", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_a_folder_with_none_of_the_assignments_functions_is_one_clear_line(tmp_path, capsys):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "helpers.py").write_text("def helper():\n    return 1\n")
    with pytest.raises(Exception, match="no module of the package defines a function of cs231n"):
        from_path(tmp_path / "pkg", assignment=CS231N)


def test_a_students_repository_is_checked_by_its_package_and_two_packages_are_one_line(tmp_path):
    _package(tmp_path)  # tmp/a2/cs231n, the repository tmp
    (tmp_path / "README.md").write_text("my CS231n work\n")
    impl = from_path(tmp_path, assignment=CS231N)
    assert any(note.startswith("the package cs231n: checked cs231n.layers") for note in impl.notes), impl.notes
    _package(tmp_path / "again")  # tmp/again/a2/cs231n: which one is the submission is not guessed
    with pytest.raises(Exception, match=r"holds 2 cs231n packages \(a2/cs231n, again/a2/cs231n\): give one of them"):
        from_path(tmp_path, assignment=CS231N)


def test_a_notebook_that_imports_the_students_package_is_recognised_by_it_and_checked(tmp_path, capsys):
    """Its functions are the package's: without reading the package, it was a cat-network file (no evidence:
    the default) and CS231n's right relu_backward(dout, cache) failed the cat network's contract."""
    import nbformat

    root = _package(tmp_path)
    notebook = root.parent / "FullyConnectedNets.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import numpy as np\nfrom cs231n.layers import *\n%load_ext autoreload"),
        nbformat.v4.new_code_cell("out, cache = affine_forward(np.ones((2, 3)), np.ones((3, 4)), np.zeros(4))")]),
        str(notebook))
    code = main(["gradcheck", "--impl", str(notebook), "--only", "affine_backward,relu_backward"])
    out, err = capsys.readouterr()
    assert code == 0 and " as cs231n," in " ".join(out.split()) and "PASS" in out and err == "", out + err
    (root.parent / "elsewhere").mkdir()
    moved = root.parent / "elsewhere" / notebook.name  # its package no longer beside it: nothing to recognise
    notebook.rename(moved)
    assert main(["gradcheck", "--impl", str(moved)]) == 2
