"""Shared fixtures and the Hypothesis profiles.

HYPOTHESIS_PROFILE picks the profile: ``dev`` (default, fast), ``ci``
(200 examples per property, derandomised, no deadline: JAX compiles on the
first call per shape) or ``thorough`` (2000 random examples, by hand).
"""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=25, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=2000, deadline=None,
                           suppress_health_check=[HealthCheck.too_slow])  # by hand, to hunt rare failures
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = ("train_catvnoncat.h5", "test_catvnoncat.h5")


@pytest.fixture(scope="session")
def data_dir():
    """The cat images: $MANUAL_DNN_DATA, else ../shared/datasets.

    Missing data fails under CI (CI=true) and skips elsewhere.
    """
    path = Path(os.environ.get("MANUAL_DNN_DATA") or ROOT.parent / "shared" / "datasets")
    missing = [name for name in DATA_FILES if not (path / name).is_file()]
    if missing:
        message = f"cat data missing in {path}: {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def cat_data(data_dir):
    """(train_x (12288, 209), train_y (1, 209), test_x (12288, 50), test_y (1, 50))."""
    from manual_dnn.data import flatten_images, load_data

    train_x, train_y, test_x, test_y, _ = load_data(data_dir)
    return flatten_images(train_x), train_y, flatten_images(test_x), test_y


@pytest.fixture(scope="session")
def trained_cat_network(cat_data):
    """(parameters, costs) of the course's 4-layer run: L_layer_model, 2500 iterations
    on the cat images (10-20 s, so trained once for every test that needs it)."""
    import manual_dnn as md

    train_x, train_y, _, _ = cat_data
    return md.L_layer_model(train_x, train_y, [12288, 20, 7, 5, 1], num_iterations=2500)
