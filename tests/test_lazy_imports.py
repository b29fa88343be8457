"""A command imports what it needs, when it needs it: JAX only for the oracles, matplotlib only for pictures.

Each command runs in a fresh interpreter; what it imported is read from sys.modules at its end.
"""

import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from manual_dnn.model_file import save_model

HEAVY = ("jax", "matplotlib", "h5py", "IPython", "nbformat")

PROBE = f"""
import json, sys
from manual_dnn_cli.main import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:  # --help
    code = exit.code
print(json.dumps({{"code": code, "imported": sorted(m for m in {HEAVY!r} if m in sys.modules)}}))
"""


def imported(*argv, tmp_path):
    result = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=600,
                            env={"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path / "cache"),
                                 "HOME": str(tmp_path), "OPENBLAS_NUM_THREADS": "1"})
    found = json.loads(result.stdout.strip().splitlines()[-1])
    return found["code"], set(found["imported"])


@pytest.mark.parametrize("command", ["train", "predict", "gradcheck", "grade", "explain"])
def test_help_imports_nothing_heavy(command, tmp_path):
    code, modules = imported(command, "--help", tmp_path=tmp_path)
    assert code == 0 and not modules


def test_predict_imports_pillow_but_not_jax_nor_matplotlib(tmp_path):
    rng = np.random.RandomState(0)
    model = tmp_path / "model.npz"
    save_model(model, {"W1": rng.randn(3, 12288) * 0.01, "b1": np.zeros((3, 1)), "W2": rng.randn(1, 3),
                       "b2": np.zeros((1, 1))}, [12288, 3, 1])
    picture = tmp_path / "cat.png"
    Image.fromarray(rng.randint(0, 256, (64, 64, 3), dtype=np.uint8)).save(picture)
    code, modules = imported("predict", "--model", str(model), str(picture), tmp_path=tmp_path)
    assert code == 0
    assert not modules & {"jax", "matplotlib"}


def test_listing_the_bug_zoo_imports_no_jax(tmp_path):
    code, modules = imported("gradcheck", "--list-mutants", tmp_path=tmp_path)
    assert code == 0 and not modules


def test_a_passing_text_report_imports_jax_but_no_matplotlib(tmp_path):
    code, modules = imported("gradcheck", "--layers", "5,4,3,1", "--examples", "6", tmp_path=tmp_path)
    assert code == 0
    assert "jax" in modules  # the probe sees what is imported: the oracles need JAX
    assert not modules & {"matplotlib", "h5py", "IPython", "nbformat"}


def test_a_failing_html_report_draws_its_pictures_with_matplotlib(tmp_path):
    code, modules = imported("gradcheck", "--mutant", "dW-missing-1/m", "--layers", "5,4,3,1", "--examples", "6",
                             "--html", str(tmp_path / "report.html"), tmp_path=tmp_path)
    assert code == 1 and "matplotlib" in modules


def test_the_sandbox_s_prepared_child_imports_no_jax():
    """The zygote every learner's child is forked from: the loader, every assignment's table, no JAX."""
    probe = ("import json, sys\nfrom reference.learner import child\nchild._prepare(learners_imports=False)\n"
             f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    result = subprocess.run([sys.executable, "-I", "-c", probe], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
