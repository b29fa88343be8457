"""Every bad or unusual input of issue 12, one row each, run as a user runs the command.

Each row asserts the exit code (2 for bad input), one line on stderr naming
what is wrong, no traceback, and that every file the user had -- the data, a
model, a FIFO, a device node, a symlink -- is still there, byte for byte and
mode for mode. The tests run as root here: /dev is guarded so that a failing
test can never replace /dev/null or /dev/full.
"""

import dataclasses
import hashlib
import os
import stat
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

import h5py
import numpy as np
import pytest

import manual_dnn as md
from manual_dnn.model_file import save_model
from manual_dnn_cli.main import main

ROOT = Path(__file__).resolve().parent.parent
DEVICES = ("/dev/null", "/dev/full")


# ------------------------------------------------------------ fixtures and helpers

def write_split(path, split, m, rng):
    with h5py.File(path, "w") as f:
        f[f"{split}_set_x"] = rng.randint(0, 256, (m, 64, 64, 3)).astype(np.uint8)
        f[f"{split}_set_y"] = np.arange(m) % 2
        f["list_classes"] = np.array([b"non-cat", b"cat"])


def fake_data(folder):
    """Four training and three test pictures of noise, in the course's two files."""
    folder.mkdir(exist_ok=True)
    rng = np.random.RandomState(0)
    write_split(folder / "train_catvnoncat.h5", "train", 4, rng)
    write_split(folder / "test_catvnoncat.h5", "test", 3, rng)
    return folder


def snapshot(folder):
    """What the user has under ``folder``: kind, mode and content of every entry (FIFOs never opened)."""
    seen = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            seen[path] = ("link", os.readlink(path))
        elif stat.S_ISREG(info.st_mode):
            seen[path] = ("file", stat.S_IMODE(info.st_mode), hashlib.sha256(path.read_bytes()).hexdigest())
        else:
            seen[path] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), info.st_rdev)
    return seen


def device_state():
    return {device: (os.stat(device).st_mode, os.stat(device).st_rdev) for device in DEVICES}


@pytest.fixture(autouse=True)
def dev_is_never_written(monkeypatch):
    """As root, a bug could replace /dev/null by a regular file: make that impossible here."""
    real_replace, real_mkstemp = os.replace, tempfile.mkstemp

    def replace(src, dst, *args, **kwargs):
        assert not os.path.realpath(dst).startswith("/dev/"), f"tried to replace {dst}"
        return real_replace(src, dst, *args, **kwargs)

    def mkstemp(*args, dir=None, **kwargs):
        assert dir is None or not os.path.realpath(dir).startswith("/dev"), f"tried to write in {dir}"
        return real_mkstemp(*args, dir=dir, **kwargs)

    before = device_state()
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    yield
    assert device_state() == before


def one_line(code, err, expected_code, text):
    assert code == expected_code, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert text in lines[0], err
    assert "Traceback" not in err


# ------------------------------------------------------------ the files the rows need

def truncated_h5(tmp):
    path = tmp / "data" / "train_catvnoncat.h5"
    path.write_bytes(path.read_bytes()[:3000])


def h5_with(**arrays):
    def setup(tmp):
        with h5py.File(tmp / "data" / "train_catvnoncat.h5", "w") as f:
            for key, value in arrays.items():
                if isinstance(value, str):
                    f.create_group(key)
                else:
                    f[key] = value
    return setup


def huge_declared_h5(tmp):
    with h5py.File(tmp / "data" / "train_catvnoncat.h5", "w") as f:
        f.create_dataset("train_set_x", shape=(10**8, 64, 64, 3), dtype=np.uint8)  # 1.1 TiB declared, none written
        f.create_dataset("train_set_y", shape=(10**8,), dtype=np.int64)
        f["list_classes"] = np.array([b"non-cat", b"cat"])


def png_declaring(width, height):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 16))
            + chunk(b"IEND", b""))


def model(tmp, name="model.npz", dims=(12288, 3, 1), **changes):
    parameters = md.initialize_parameters_deep(list(dims), scaled=True, seed=2)
    path = tmp / name
    save_model(path, parameters, list(dims))
    for key, value in changes.items():
        parameters[key] = value
    if changes:
        np.savez(path, layer_dims=np.array(dims), **parameters)
    return path


def picture(tmp, name="cat.png"):
    from PIL import Image

    Image.fromarray(np.random.RandomState(1).randint(0, 256, (64, 64, 3), dtype=np.uint8)).save(tmp / name)


def with_picture(setup):
    def both(tmp):
        picture(tmp)
        setup(tmp)
    return both


def weight_with(value):
    def setup(tmp):
        W1 = md.initialize_parameters_deep([12288, 3, 1], scaled=True, seed=2)["W1"]
        W1[0, 0] = value
        model(tmp, W1=W1)
    return with_picture(setup)


def string_layer_dims(tmp):
    parameters = md.initialize_parameters_deep([12288, 3, 1], scaled=True, seed=2)
    np.savez(tmp / "model.npz", layer_dims=np.array(["12288", "3", "1"]), **parameters)
    picture(tmp)


def layer_dims_not_npy(tmp):
    with zipfile.ZipFile(tmp / "model.npz", "w") as archive:
        archive.writestr("layer_dims", b"12288,3,1")
    picture(tmp)


def unknown_compression(tmp):
    import io

    buffer = io.BytesIO()
    np.save(buffer, np.array([12288, 3, 1]))
    with zipfile.ZipFile(tmp / "model.npz", "w") as archive:
        archive.writestr("layer_dims.npy", buffer.getvalue())
    data = bytearray((tmp / "model.npz").read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # local header, central directory
        at = data.index(signature) + offset
        data[at:at + 2] = struct.pack("<H", 99)  # a compression method zipfile does not know
    (tmp / "model.npz").write_bytes(bytes(data))
    picture(tmp)


def notebook(cells):
    def setup(tmp):
        import json

        code = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "x = 1\n"}
        (tmp / "nb.ipynb").write_text(json.dumps({"nbformat": 4, "nbformat_minor": 4, "metadata": {},
                                                  "cells": [code, *cells]}))
    return setup


def broken_json_notebook(tmp):
    (tmp / "nb.ipynb").write_text('{\n "nbformat": 4,\n "cells": [\n  {"cell_type": "code"}\n  {"x": 1}\n ]\n}\n')


def fifo(name):
    return lambda tmp: os.mkfifo(tmp / name)


def device_node(name):
    def setup(tmp):
        try:
            os.mknod(tmp / name, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the numbers of /dev/null
        except PermissionError:
            pytest.skip("making a device node needs root")
    return setup


def symlink(name, target):
    return lambda tmp: os.symlink(target, tmp / name)


def read_only_model(tmp):
    model(tmp)
    os.chmod(tmp / "model.npz", 0o444)


def directory(name):
    return lambda tmp: (tmp / name).mkdir()


def each(*setups):
    def setup(tmp):
        for one in setups:
            one(tmp)
    return setup


# ------------------------------------------------------------ the table

@dataclasses.dataclass
class Row:
    argv: list  # "{tmp}" and "{data}" are filled in; {data} is the fake data unless real_data
    text: str  # what the one line on stderr says
    setup: object = None  # setup(tmp) makes the row's files
    code: int = 2
    real_data: bool = False  # the issue's own reproduction needs the course's images


TRAIN = ["train", "--data-dir", "{data}"]
PREDICT = ["predict", "--model", "{tmp}/model.npz", "{tmp}/cat.png"]
SEED_ERROR = "expected a whole number from 0 to 4294967295, got 4294967296"

ROWS = {
    # h5 files that used to end in a traceback
    "h5 truncated": Row(TRAIN, "train_catvnoncat.h5: cannot read it, the HDF5 file is damaged or truncated",
                        truncated_h5),
    "h5 truncated, gradcheck": Row(["gradcheck", "--data-dir", "{data}", "--layers", "12288,1"],
                                   "damaged or truncated", truncated_h5),
    "h5 zero examples": Row(TRAIN, "'train_set_x' holds no images (m = 0)", h5_with(
        train_set_x=np.zeros((0, 64, 64, 3), np.uint8), train_set_y=np.zeros(0, np.int64),
        list_classes=np.array([b"non-cat", b"cat"]))),
    "h5 x is a group": Row(TRAIN, "'train_set_x' is a group, not a dataset", h5_with(
        train_set_x="group", train_set_y=np.zeros(2, np.int64), list_classes=np.array([b"non-cat", b"cat"]))),
    "h5 x is a scalar": Row(TRAIN, "'train_set_x' is a single value, not an array", h5_with(
        train_set_x=np.uint8(7), train_set_y=np.zeros(2, np.int64), list_classes=np.array([b"non-cat", b"cat"]))),
    "h5 declares 1.1 TiB": Row(TRAIN, "'train_set_x' (100000000 images) needs about 1.1 TiB of memory",
                               huge_declared_h5),
    # seeds numpy cannot take
    "seed 2**32, train": Row([*TRAIN, "--seed", "4294967296"], SEED_ERROR),
    "seed 2**32, gradcheck": Row(["gradcheck", "--seed", "4294967296"], SEED_ERROR),
    "seed 2**32, explain": Row(["explain", "--seed", "4294967296"], SEED_ERROR),
    # networks that do not fit in memory, refused with the figure before any work
    "layers 1e6,1e6,1, gradcheck": Row(["gradcheck", "--layers", "1000000,1000000,1"],
                                       "checking --layers 1000000,1000000,1 on 209 examples needs about"),
    "layers 12288,1e7,1, gradcheck": Row(["gradcheck", "--layers", "12288,10000000,1"], "TiB of memory, more than"),
    "layers 12288,1e7,1, train": Row([*TRAIN, "--layers", "12288,10000000,1"],
                                     "--layers 12288,10000000,1 on 4 images needs about 2.7 TiB of memory"),
    # pictures and models
    "png 30000x30000": Row(PREDICT, "cat.png: too large to read safely (Image size (900000000 pixels)",
                           each(lambda tmp: model(tmp), lambda tmp: (tmp / "cat.png").write_bytes(
                               png_declaring(30000, 30000)))),
    "model layer_dims strings": Row(PREDICT, "'layer_dims' must be a list of layer sizes (integers)",
                                    string_layer_dims),
    "model layer_dims not .npy": Row(PREDICT, "holds 'layer_dims', which is not a .npy array", layer_dims_not_npy),
    "model compressed unknowingly": Row(PREDICT, "model.npz: not an .npz model file, or a damaged one",
                                        unknown_compression),
    "model with NaN": Row(PREDICT, "W1 holds 1 values that are not finite (NaN or inf): the model is broken",
                          weight_with(np.nan)),
    "model with inf": Row(PREDICT, "W1 holds 1 values that are not finite", weight_with(np.inf)),
    # notebooks
    "notebook cell is a number": Row(["gradcheck", "--impl", "{tmp}/nb.ipynb"],
                                     "nb.ipynb: not a valid notebook: cell 2 is a number, not a cell object",
                                     notebook([5])),
    "notebook source null": Row(["gradcheck", "--impl", "{tmp}/nb.ipynb"], "cell 2's source is null, not text",
                                notebook([{"cell_type": "code", "source": None, "metadata": {}, "outputs": []}])),
    "notebook source a number": Row(["gradcheck", "--impl", "{tmp}/nb.ipynb"], "cell 2's source is a number",
                                    notebook([{"cell_type": "code", "source": 3, "metadata": {}, "outputs": []}])),
    "notebook invalid JSON": Row(["gradcheck", "--impl", "{tmp}/nb.ipynb"],
                                 "nb.ipynb: not valid JSON at line 5, column 3 (Expecting ',' delimiter): "
                                 "Jupyter cannot open it either", broken_json_notebook),
    # training that cannot go on stops with its iteration, and saves nothing
    "learning rate 5.0, fake data": Row([*TRAIN, "--layers", "12288,1", "--learning-rate", "5.0", "--save",
                                         "{tmp}/model.npz"],
                                        "training stopped at iteration 1: the output saturated to exactly 0 or 1 on "
                                        "4 of 4 examples, where dAL divides by zero; lower the learning rate"),
    "learning rate 5.0": Row([*TRAIN, "--learning-rate", "5.0", "--save", "{tmp}/model.npz"],
                             "training stopped at iteration 2: the output saturated to exactly 0 or 1 on 209 of 209 "
                             "examples, where dAL divides by zero; lower the learning rate (it is 5.0) "
                             "(nothing was saved)", real_data=True),
    "learning rate 1e308": Row([*TRAIN, "--learning-rate", "1e308", "--save", "{tmp}/model.npz"],
                               "training stopped at iteration 1: the output is NaN on 209 of 209 examples",
                               real_data=True),
    "learning rate 1e308 over a good model": Row([*TRAIN, "--learning-rate", "1e308", "--save", "{tmp}/model.npz"],
                                                 "(nothing was saved)", lambda tmp: model(tmp)),
    # files: refused before training, nothing replaced
    "save /dev/null": Row([*TRAIN, "--save", "/dev/null"], "/dev/null: is a character device"),
    "plot /dev/full": Row([*TRAIN, "--plot", "/dev/full"], "unknown picture format"),
    "plot link to /dev/full": Row([*TRAIN, "--plot", "{tmp}/cost.png"], "cost.png: is a character device",
                                  symlink("cost.png", "/dev/full")),
    "save device node": Row([*TRAIN, "--save", "{tmp}/null.npz"], "null.npz: is a character device",
                            device_node("null.npz")),
    "save FIFO": Row([*TRAIN, "--save", "{tmp}/fifo.npz"], "fifo.npz: is a FIFO (named pipe)", fifo("fifo.npz")),
    "plot FIFO": Row([*TRAIN, "--plot", "{tmp}/fifo.png"], "fifo.png: is a FIFO", fifo("fifo.png")),
    "save a directory": Row([*TRAIN, "--save", "{tmp}/models"], "models: is a directory", directory("models")),
    "save and plot one file": Row([*TRAIN, "--save", "{tmp}/out.npz", "--plot", "{tmp}/out.npz"],
                                  "--plot {tmp}/out.npz: unknown picture format '.npz'",
                                  lambda tmp: model(tmp, "out.npz")),
    "save and plot one .png": Row([*TRAIN, "--save", "{tmp}/out.png", "--plot", "{tmp}/out.png"],
                                  "--save and --plot name the same file"),
    "save and plot one file by a link": Row([*TRAIN, "--save", "{tmp}/m.png", "--plot", "{tmp}/alias.png"],
                                            "--save and --plot name the same file",
                                            each(lambda tmp: (tmp / "m.png").write_bytes(b"x"),
                                                 symlink("alias.png", "m.png"))),
    "save over the training data": Row([*TRAIN, "--save", "{data}/train_catvnoncat.h5"],
                                       "is the training data"),
    "save into a missing folder": Row([*TRAIN, "--save", "{tmp}/no/such/model.npz"], "does not exist"),
    "save ''": Row([*TRAIN, "--save", ""], "argument --save: expected a file name, got an empty one"),
    "plot ''": Row([*TRAIN, "--plot", ""], "argument --plot: expected a file name, got an empty one"),
    "data-dir ''": Row(["train", "--data-dir", ""], "argument --data-dir: expected a file name"),
    "impl ''": Row(["gradcheck", "--impl", ""], "argument --impl: expected a file name"),
    "model ''": Row(["predict", "--model", "", "x.png"], "argument --model: expected a file name"),
    "read-only model": Row([*TRAIN, "--save", "{tmp}/model.npz"], "model.npz: is read-only; refusing to replace it",
                           read_only_model),
    "plot .jpg": Row([*TRAIN, "--plot", "{tmp}/cost.jpg"], "unknown picture format '.jpg'; name it .png, .svg or .pdf"),
    "params ''": Row(["gradcheck", "--layers", "3,2,1", "--examples", "2", "--params", ""],
                     "--params: unknown parameter ''"),
    # a binary file given as the learner's code (issue 20), named as what it is
    "impl a PNG": Row(["gradcheck", "--impl", "{tmp}/cat.png"], "cat.png: a PNG image, not a Python source file or "
                      "a notebook; give the .py file or the .ipynb notebook",
                      lambda tmp: (tmp / "cat.png").write_bytes(png_declaring(64, 64))),
    "impl a PNG named .ipynb": Row(["gradcheck", "--impl", "{tmp}/nb.ipynb"], "nb.ipynb: a PNG image",
                                   lambda tmp: (tmp / "nb.ipynb").write_bytes(png_declaring(64, 64))),
    "impl a zip": Row(["gradcheck", "--impl", "{tmp}/model.npz"], "model.npz: a zip archive, not a Python source",
                      lambda tmp: model(tmp)),
    "impl an h5": Row(["gradcheck", "--impl", "{data}/train_catvnoncat.h5"],
                      "train_catvnoncat.h5: an HDF5 data file, not a Python source file"),
    "impl UTF-16 text": Row(["gradcheck", "--impl", "{tmp}/nb.py"], "nb.py: text saved as UTF-16, which Python and "
                            "Jupyter do not read: save it as UTF-8",
                            lambda tmp: (tmp / "nb.py").write_bytes("import numpy as np\n".encode("utf-16"))),
}


@pytest.mark.parametrize("name", ROWS)
def test_bad_input_gets_one_line_and_exit_2_and_loses_nothing(name, tmp_path, capsys, request):
    row = ROWS[name]
    data = request.getfixturevalue("data_dir") if row.real_data else fake_data(tmp_path / "data")
    if row.setup:
        row.setup(tmp_path)
    before = snapshot(tmp_path)
    code = main([arg.format(tmp=tmp_path, data=data) for arg in row.argv])
    out, err = capsys.readouterr()
    one_line(code, err, row.code, row.text.format(tmp=tmp_path))
    assert snapshot(tmp_path) == before


# ------------------------------------------------------------ rows that need a process of their own

def run_cli(*argv, stdout=subprocess.PIPE, drop_root=False, cwd=None):
    """``manual-dnn *argv`` in a child process; ``drop_root`` takes away root's right to read and
    write any file (setpriv), so permission errors happen as they do for every other user."""
    command = [sys.executable, "-m", "manual_dnn_cli", *argv]
    if drop_root and os.geteuid() == 0:
        caps = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", *command]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd, timeout=120)


def test_gradcheck_into_a_full_disk_is_exit_2_with_one_line_not_exit_1():
    with open("/dev/full", "w") as full:
        result = run_cli("gradcheck", "--layers", "3,2,1", "--examples", "2", stdout=full)
    one_line(result.returncode, result.stderr, 2, "manual-dnn: No space left on device (writing the output)")


@pytest.fixture
def unprivileged():
    if os.geteuid() == 0 and subprocess.run(["setpriv", "--version"], capture_output=True).returncode != 0:
        pytest.skip("root without setpriv cannot be denied a permission")


def test_a_fifo_given_as_a_picture_is_refused_not_waited_on(tmp_path):
    model(tmp_path)
    os.mkfifo(tmp_path / "cat.png")
    result = run_cli("predict", "--model", str(tmp_path / "model.npz"), str(tmp_path / "cat.png"))
    one_line(result.returncode, result.stderr, 2, "cat.png: not a regular file, so not an image")


def test_an_unreadable_h5_file_is_named(tmp_path, unprivileged):
    data = fake_data(tmp_path / "data")
    os.chmod(data / "train_catvnoncat.h5", 0)
    result = run_cli("train", "--data-dir", str(data), drop_root=True)
    one_line(result.returncode, result.stderr, 2, "train_catvnoncat.h5: permission denied (cannot read it)")


@pytest.mark.parametrize("option, name", [("--save", "model.npz"), ("--plot", "cost.png")])
def test_a_folder_the_user_cannot_write_is_refused_before_training(tmp_path, unprivileged, option, name):
    data = fake_data(tmp_path / "data")
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0o555)
    result = run_cli("train", "--data-dir", str(data), "--layers", "12288,1", option, str(folder / name),
                     drop_root=True)
    one_line(result.returncode, result.stderr, 2, f"cannot write in folder {folder}")
    assert "Training" not in result.stdout and list(folder.iterdir()) == []


def test_a_full_disk_while_saving_is_one_line_and_leaves_the_old_model_and_no_stray_file(tmp_path, capsys,
                                                                                           monkeypatch):
    import errno

    data = fake_data(tmp_path / "data")
    old = model(tmp_path)
    before = old.read_bytes()

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(np, "savez", disk_full)
    code = main(["train", "--data-dir", str(data), "--layers", "12288,1", "--iterations", "1", "--save", str(old)])
    out, err = capsys.readouterr()
    one_line(code, err, 2, "No space left on device) (training finished, but the model is not saved)")
    assert old.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "model.npz"]


# ------------------------------------------------------------ what works now

def test_a_saturated_model_after_training_is_saved_and_its_final_cost_reported(tmp_path, capsys):
    data = fake_data(tmp_path / "data")
    saved = tmp_path / "m.npz"
    code = main(["train", "--data-dir", str(data), "--layers", "12288,1", "--learning-rate", "0.5",
                 "--iterations", "2", "--save", str(saved)])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert "Final cost: infinite (the output saturated to exactly 0 or 1 on 4 of 4 examples)" in out
    assert "Train accuracy: 0.500000" in out
    from manual_dnn.model_file import load_model

    parameters, dims = load_model(saved)
    assert dims == [12288, 1] and np.isfinite(parameters["W1"]).all()


def test_weights_that_overflow_after_the_last_update_are_not_saved(tmp_path, capsys, monkeypatch):
    # Finite but huge weights: the last update passed the finiteness check, the forward pass overflows.
    data = fake_data(tmp_path / "data")
    huge = {"W1": np.full((2, 12288), 1e307), "b1": np.zeros((2, 1)), "W2": np.array([[1e300, -1e300]]),
            "b2": np.zeros((1, 1))}
    monkeypatch.setattr(md, "L_layer_model", lambda *args, **kwargs: (huge, [np.float64(0.7)]))
    code = main(["train", "--data-dir", str(data), "--layers", "12288,2,1", "--save", str(tmp_path / "m.npz")])
    out, err = capsys.readouterr()
    one_line(code, err, 2, "training finished, but the trained network's output is NaN on 4 train images")
    assert not (tmp_path / "m.npz").exists()


@pytest.mark.data
def test_the_issues_saturating_run_on_the_cat_images_saves_its_model(tmp_path, capsys, data_dir):
    saved = tmp_path / "m.npz"
    code = main(["train", "--data-dir", str(data_dir), "--layers", "12288,1", "--learning-rate", "0.5",
                 "--iterations", "2", "--save", str(saved)])
    out, err = capsys.readouterr()
    assert code == 0 and err == "" and saved.is_file()
    assert "Final cost: infinite (the output saturated" in out and "Test accuracy:" in out


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_saved_files_keep_the_users_umask(tmp_path, umask):
    from manual_dnn.plot import plot_costs

    old = os.umask(umask)
    try:
        model(tmp_path)
        plot_costs([0.7, 0.6], 0.01, tmp_path / "cost.png")
    finally:
        os.umask(old)
    for name in ("model.npz", "cost.png"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o666 & ~umask


def test_replacing_a_file_keeps_its_mode_and_writes_through_a_symlink(tmp_path):
    target = model(tmp_path, "real.npz")
    os.chmod(target, 0o640)
    os.symlink("real.npz", tmp_path / "link.npz")
    save_model(tmp_path / "link.npz", md.initialize_parameters_deep([12288, 5, 1]), [12288, 5, 1])
    assert (tmp_path / "link.npz").is_symlink() and os.readlink(tmp_path / "link.npz") == "real.npz"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    with np.load(target) as saved:
        assert list(saved["layer_dims"]) == [12288, 5, 1]


@pytest.mark.parametrize("name, magic", [("cost.png", b"\x89PNG"), ("cost.PNG", b"\x89PNG"), ("cost.pdf", b"%PDF"),
                                         ("cost.svg", b"<?xml")])
def test_the_plot_format_follows_the_suffix(tmp_path, name, magic):
    from manual_dnn.plot import plot_costs

    plot_costs([0.7, 0.65, 0.6], 0.0075, tmp_path / name)
    assert (tmp_path / name).read_bytes().startswith(magic)
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left


def test_plotting_leaves_pyplot_and_the_backend_alone():
    # (matplotlib.get_backend() itself imports pyplot, so the test refuses use() instead of comparing backends)
    script = ("import sys, tempfile, matplotlib\n"
              "def refuse(*args, **kwargs): raise AssertionError('matplotlib.use called')\n"
              "matplotlib.use = refuse\n"
              "from manual_dnn.plot import plot_costs\n"
              "plot_costs([1, 0.5], 0.1, tempfile.mkdtemp() + '/cost.png')\n"
              "assert 'matplotlib.pyplot' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)


def test_a_16_bit_grey_png_reads_as_its_8_bit_twin(tmp_path):
    from PIL import Image

    from manual_dnn.images import load_image

    grey8 = np.random.RandomState(3).randint(0, 256, (80, 70)).astype(np.uint8)
    Image.fromarray(grey8).save(tmp_path / "8.png")
    Image.fromarray(grey8.astype(np.uint16) * 257).save(tmp_path / "16.png")
    assert Image.open(tmp_path / "16.png").mode.startswith("I;16")
    np.testing.assert_array_equal(load_image(tmp_path / "16.png"), load_image(tmp_path / "8.png"))


CORRECT = (ROOT / "tests" / "gradcheck" / "learners" / "correct_notebook.py").read_text()
SMALL = ["--layers", "5,4,3,1", "--examples", "6"]


@pytest.mark.parametrize("name, encode", [
    ("bom.py", lambda text: b"\xef\xbb\xbf" + text.encode()),
    ("latin1.py", lambda text: ("# -*- coding: latin-1 -*-\nNOTE = 'café'\n" + text).encode("latin-1")),
])
def test_python_files_are_decoded_as_python_decodes_them(tmp_path, capsys, name, encode):
    path = tmp_path / name
    path.write_bytes(encode(CORRECT))
    compile(path.read_bytes(), str(path), "exec")  # python reads it (from bytes: BOM and coding line apply)
    code = main(["gradcheck", "--impl", str(path), *SMALL])
    out, err = capsys.readouterr()
    assert code == 0 and "PASS" in out, out + err


def test_a_notebook_in_capitals_is_read_as_a_notebook_and_a_line_that_cannot_run_skips_only_itself(tmp_path, capsys):
    import nbformat

    v4 = nbformat.v4
    first = "%matplotlib inline\nimport numpy as np\nfiles = !ls\nnp?\nfrom testCases_v4a import *\n"
    cells = [v4.new_code_cell(first),
             v4.new_code_cell(CORRECT)]
    path = tmp_path / "STEP_BY_STEP.IPYNB"
    nbformat.write(v4.new_notebook(cells=cells), path)
    code = main(["gradcheck", "--impl", str(path), *SMALL, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    import json

    notes = " ".join(json.loads(out)["notes"])
    # The magics, the shell escape and the help line do nothing here; only the missing module is skipped.
    assert "1 top-level statement(s) could not run here" in notes
    assert "code cell 1, line 5: ModuleNotFoundError" in notes
    assert "without importing" not in notes  # the cell's own import ran


def test_a_version_3_notebook_is_read(tmp_path, capsys):
    import json

    cell = {"cell_type": "code", "input": CORRECT, "language": "python", "outputs": [], "metadata": {},
            "collapsed": False}
    heading = {"cell_type": "heading", "level": 1, "source": "Step by step", "metadata": {}}
    path = tmp_path / "old.ipynb"
    path.write_text(json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {"name": "old"},
                                "worksheets": [{"cells": [heading, cell], "metadata": {}}]}))
    from reference.learner.source import code_cells

    assert [where for where, _ in code_cells(path)] == ["code cell 1, "]  # code cells only, as Jupyter counts
    code = main(["gradcheck", "--impl", str(path), *SMALL])
    out, err = capsys.readouterr()
    assert code == 0 and "PASS" in out, out + err


# ------------------------------------------------------------ the terminal and make

def test_in_a_terminal_the_header_comes_first_whole_then_the_bar_and_cost_lines_at_line_starts(tmp_path):
    import fcntl
    import pty
    import termios

    data = fake_data(tmp_path / "data")
    master, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # 80 columns, as a terminal has
    child = subprocess.Popen([sys.executable, "-m", "manual_dnn_cli", "train", "--data-dir", str(data),
                              "--layers", "12288,1", "--iterations", "301"],
                             stdin=terminal, stdout=terminal, stderr=terminal, start_new_session=True,
                             env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    os.close(terminal)
    screen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    os.close(master)
    text = screen.decode()
    assert child.wait(timeout=120) == 0, text
    header = "Training deep network 12288,1 on 4 images, 301 iterations, learning rate 0.0075\r\n"
    assert text.startswith(header), text[:200]
    assert "training:" in text[len(header):]  # the bar, after the header
    for i in (0, 100, 200, 300):
        assert f"\rCost after iteration {i}: " in text, text  # written at the start of a line, over the bar


def make_venv_stamp(tmp_path, python_script):
    """Run the Makefile's check of .venv against a .venv whose bin/python is ``python_script``."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    fake = venv / "bin" / "python"
    fake.write_text(python_script)
    fake.chmod(0o755)
    (venv / ".installed").write_text("")
    result = subprocess.run(["make", "-C", str(ROOT), f"VENV={venv}", f"PYTHON={sys.executable}",
                             f"{venv}/python-version"], capture_output=True, text=True, timeout=300)
    return venv, result


@pytest.mark.parametrize("python_script", [
    "#!/bin/sh\nexec /nonexistent/python3 \"$@\"\n",  # the interpreter it was made from is gone
    "#!/bin/sh\nexit 0\n",  # runs, but is not Python >= 3.11 (prints no version)
])
def test_make_rebuilds_a_venv_whose_python_is_broken_or_too_old(tmp_path, python_script):
    venv, result = make_venv_stamp(tmp_path, python_script)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "has no working Python >= 3.11: rebuilding it" in result.stdout
    version = subprocess.run([venv / "bin" / "python", "-c", "import sys; print(sys.version)"],
                             capture_output=True, text=True, check=True).stdout
    assert (venv / "python-version").read_text() == version
    assert not (venv / ".installed").exists()  # so the next make installs into the new .venv
