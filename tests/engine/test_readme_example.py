"""README's check_backward example runs as written, and fails as README says when broken."""

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent.parent / "README.md"


def _example():
    text = README.read_text(encoding="utf-8")
    section = text.split("## Check a layer of your own", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_passes_as_written():
    namespace = {}
    exec(compile(_example(), "README.md", "exec"), namespace)
    namespace["test_softmax_loss_backward"]()


def test_the_readme_example_fails_as_readme_says_without_the_mean():
    code = _example().replace("return dout * dx / len(y)", "return dout * dx")
    namespace = {}
    exec(compile(code, "README.md", "exec"), namespace)
    with pytest.raises(AssertionError) as failure:
        namespace["test_softmax_loss_backward"]()
    message = str(failure.value)
    assert "uniform: every entry is 5x JAX's" in message and "h^1" in message
