"""The learner_file fixture: a correct learner's file, with extra code or a bug."""

import pytest

from tests.sandbox.helpers import CORRECT, WRONG_LINEAR_BACKWARD


@pytest.fixture
def learner_file(tmp_path):
    """write(extra, bug=False, header="") -> the path of the correct learner file plus ``extra`` code
    (and the linear_backward bug when ``bug``); ``header`` goes first (code at import)."""
    def write(extra="", bug=False, header="", name="learner.py"):
        path = tmp_path / name
        path.write_text(header + "\n" + CORRECT + "\n" + (WRONG_LINEAR_BACKWARD if bug else "") + "\n" + extra)
        return path

    return write
