"""The implementation the properties check: manual_dnn, unless a test passes
another (the bug zoo runs the same properties against each mutant)."""

import pytest

import manual_dnn
from reference.seed_functions import SEED_FUNCTIONS


@pytest.fixture(scope="session")
def impl():
    return {name: getattr(manual_dnn, name) for name in SEED_FUNCTIONS}
