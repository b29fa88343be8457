"""In a real Jupyter kernel: a learner's notebook calls check(globals()) and sees the HTML report.

The notebook is executed by nbclient in an ipykernel started from this
project's interpreter (its own kernelspec in a temporary folder: no user
kernel is needed or used). It defines the learner's functions, checks them
(right), breaks one (linear_backward without 1/m) and checks again.
"""

import json
import re
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="the test extra (nbformat, nbclient, ipykernel) is not installed")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

from tests.pages import verdict_of  # noqa: E402

LEARNER = Path(__file__).parents[1] / "gradcheck" / "learners" / "correct_notebook.py"
KERNEL = "manual-dnn-tests"

HELPERS = '''import numpy as np

# The course's dnn_utils helpers, as a learner's notebook has them.
def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z

def relu(Z):
    return np.maximum(0, Z), Z

def sigmoid_backward(dA, cache):
    s = 1 / (1 + np.exp(-cache))
    return dA * s * (1 - s)

def relu_backward(dA, cache):
    dZ = np.array(dA, copy=True)
    dZ[cache <= 0] = 0
    return dZ
'''

BUG = '''def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T)          # the 1/m forgotten
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
'''

RAISES = '''def linear_backward(dZ, cache):
    A_prev, W, b = cache[0]            # a wrong index: the cache is (A_prev, W, b)
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T), np.sum(dZ, axis=1, keepdims=True)
'''

CHECK = "from reference import check\ncheck(globals(), layer_dims=[5, 4, 3, 1], examples=6)"


def _notebook():
    learner = "".join(line for line in LEARNER.read_text().splitlines(keepends=True)
                      if not line.startswith(("from dnn_utils", "import numpy")))
    code = nbformat.v4.new_code_cell
    cells = [nbformat.v4.new_markdown_cell("# Building your Deep Neural Network: Step by Step"),
             code("import sys\nsys.executable"), code(HELPERS), code(learner), code(CHECK), code(BUG), code(CHECK),
             code(RAISES), code(CHECK)]
    return nbformat.v4.new_notebook(cells=cells)


def _kernel_manager(folder):
    """A kernelspec for this interpreter in ``folder``: the kernel runs the project's venv."""
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "manual-dnn tests", "language": "python"}))
    return KernelManager(kernel_name=KERNEL,
                         kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(folder / "kernels")]))


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notebook")
    notebook = _notebook()
    started = time.perf_counter()
    NotebookClient(notebook, km=_kernel_manager(folder), timeout=600, kernel_name=KERNEL,
                   resources={"metadata": {"path": str(folder)}}).execute()
    print(f"notebook executed in {time.perf_counter() - started:.1f} s")
    nbformat.write(notebook, folder / "executed.ipynb")
    return notebook


def _result(cell):
    results = [o for o in cell.outputs if o.output_type == "execute_result"]
    assert len(results) == 1, cell.outputs
    return results[0].data


def _images(html):
    return re.findall(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]{1000,}"', html)


def test_the_kernel_runs_this_projects_interpreter(executed):
    assert _result(executed.cells[1])["text/plain"] == repr(sys.executable)


def test_check_of_right_functions_shows_a_pass_with_the_taylor_and_step_size_pictures(executed):
    data = _result(executed.cells[4])
    html = data["text/html"]
    assert ">PASS<" in html and "All " in html and "checks passed" in html
    assert "Root cause" not in html
    assert len(_images(html)) == 2 and 'alt="The Taylor test"' in html and 'alt="The step size"' in html
    assert data["text/plain"].startswith("manual-dnn gradcheck: globals() on layers")  # the text report elsewhere
    assert verdict_of(data["text/plain"]).startswith("PASS: all")
    assert "text/markdown" in data


def test_check_of_a_bug_shows_the_verdict_the_root_cause_and_where_it_is_wrong(executed):
    data = _result(executed.cells[6])
    html = data["text/html"]
    assert ">FAIL<" in html and "Root cause: <code>linear_backward</code>" in html
    assert "uniform: every entry is 5x JAX&#x27;s" in html  # the heat map's pattern in words
    maps = re.findall(r'alt="Where [^"]+ is wrong"', html)
    assert maps == ['alt="Where linear_backward dW is wrong"']  # the root cause's: the .ipynb stays small
    assert len(_images(html)) == 2 + len(maps)
    assert "Root cause: linear_backward" in data["text/plain"]
    assert not any(o.output_type == "error" for cell in executed.cells if cell.cell_type == "code"
                   for o in cell.outputs)


def test_an_exception_names_the_cell_as_the_notebook_shows_it_along_the_learners_chain(executed):
    """ipykernel compiles each cell under a file of its own; the report names it "In [N]", the count the
    user sees beside the cell, for the function that raised and along the chain of its caller."""
    learner, raises, checked = executed.cells[3], executed.cells[7], executed.cells[8]
    data = _result(checked)
    page, html = data["text/plain"], data["text/html"]
    assert f"(in In [{raises.execution_count}], line 2: A_prev, W, b = cache[0]" in " ".join(page.split())
    line = next(n for n, text in enumerate(learner.source.splitlines(), start=1)
                if "linear_backward(" in text and "def " not in text)
    assert f"In [{learner.execution_count}], linear_activation_backward line {line}:" in html
    assert f"-&gt; In [{raises.execution_count}], linear_backward line 2: A_prev, W, b = cache[0]" in html
    assert "ipykernel" not in page and "ipykernel" not in html
