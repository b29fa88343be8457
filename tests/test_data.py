"""The cat-image loader: the course's arrays, and clear errors for bad files."""

import h5py
import numpy as np
import pytest

from manual_dnn.data import DataError, flatten_images, load_data, resolve_data_dir


def test_load_data_returns_the_courses_five_arrays(data_dir):
    train_x, train_y, test_x, test_y, classes = load_data(data_dir)
    assert train_x.shape == (209, 64, 64, 3) and train_x.dtype == np.uint8
    assert train_y.shape == (1, 209) and int(train_y.sum()) == 72
    assert test_x.shape == (50, 64, 64, 3) and test_y.shape == (1, 50) and int(test_y.sum()) == 33
    assert list(classes) == [b"non-cat", b"cat"]


def test_flatten_images_gives_float64_columns_in_unit_range(data_dir):
    train_x, *_ = load_data(data_dir)
    X = flatten_images(train_x)
    assert X.shape == (12288, 209) and X.dtype == np.float64
    assert X.min() >= 0 and X.max() <= 1
    np.testing.assert_array_equal(X[:, 5], train_x[5].reshape(-1) / 255)


def test_the_data_directory_comes_from_the_argument_then_the_environment(monkeypatch):
    monkeypatch.setenv("MANUAL_DNN_DATA", "/from/env")
    assert str(resolve_data_dir("/given")) == "/given"
    assert str(resolve_data_dir()) == "/from/env"
    monkeypatch.delenv("MANUAL_DNN_DATA")
    assert str(resolve_data_dir()) == "datasets"


def _write(path, split, m=4, x=None, y=None, drop=None):
    x = np.zeros((m, 64, 64, 3), np.uint8) if x is None else x
    y = np.arange(m) % 2 if y is None else y
    with h5py.File(path, "w") as f:
        arrays = {f"{split}_set_x": x, f"{split}_set_y": y, "list_classes": np.array([b"non-cat", b"cat"])}
        for key, value in arrays.items():
            if key != drop:
                f[key] = value


@pytest.fixture
def good_dir(tmp_path):
    _write(tmp_path / "train_catvnoncat.h5", "train")
    _write(tmp_path / "test_catvnoncat.h5", "test")
    return tmp_path


def test_a_well_formed_pair_of_files_loads(good_dir):
    train_x, train_y, *_ = load_data(good_dir)
    assert train_x.shape == (4, 64, 64, 3) and train_y.tolist() == [[0, 1, 0, 1]]


def test_a_missing_directory_says_how_to_point_at_the_data(tmp_path):
    with pytest.raises(DataError, match="no such data directory.*--data-dir"):
        load_data(tmp_path / "nowhere")


def test_a_missing_file_is_named(good_dir):
    (good_dir / "test_catvnoncat.h5").unlink()
    with pytest.raises(DataError, match="test_catvnoncat.h5: no such file"):
        load_data(good_dir)


def test_a_file_that_is_not_hdf5_is_named(good_dir):
    (good_dir / "train_catvnoncat.h5").write_text("not hdf5")
    with pytest.raises(DataError, match="train_catvnoncat.h5: not an HDF5 file"):
        load_data(good_dir)


def test_a_missing_key_is_named(good_dir):
    _write(good_dir / "train_catvnoncat.h5", "train", drop="train_set_y")
    with pytest.raises(DataError, match="missing dataset 'train_set_y'"):
        load_data(good_dir)


def test_images_of_the_wrong_shape_or_dtype_are_refused(good_dir):
    _write(good_dir / "train_catvnoncat.h5", "train", x=np.zeros((4, 32, 32, 3), np.uint8))
    with pytest.raises(DataError, match=r"must be \(m, 64, 64, 3\) uint8, got \(4, 32, 32, 3\)"):
        load_data(good_dir)
    _write(good_dir / "train_catvnoncat.h5", "train", x=np.zeros((4, 64, 64, 3), np.float32))
    with pytest.raises(DataError, match="float32"):
        load_data(good_dir)


def test_labels_of_the_wrong_count_or_outside_0_1_are_refused(good_dir):
    _write(good_dir / "test_catvnoncat.h5", "test", y=np.array([0, 1, 1]))
    with pytest.raises(DataError, match=r"'test_set_y' must be \(4,\) integers"):
        load_data(good_dir)
    _write(good_dir / "test_catvnoncat.h5", "test", y=np.array([0, 1, 2, 1]))
    with pytest.raises(DataError, match=r"labels outside \{0, 1\}: \[2\]"):
        load_data(good_dir)


def test_the_memory_estimate_sees_the_machine_and_a_ulimit():
    import subprocess
    import sys

    from manual_dnn.memory import available_bytes, network_bytes

    total = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal:")).split()[1]) * 1024
    assert 0 < available_bytes() <= total
    script = ("import resource; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30));"
              "from manual_dnn.memory import available_bytes; print(available_bytes())")
    capped = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert int(capped) == 2**30
    # W1 of 1e6 x 1e6 float64, three times over: the 7.28 TiB numpy could not allocate, and more
    assert network_bytes([1000000, 1000000, 1], 209) > 3 * 8 * 10**12
