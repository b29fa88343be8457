"""`manual-dnn train`, `predict` and `explain`, as a user runs them."""

import h5py
import numpy as np
import pytest
from PIL import Image

import manual_dnn as md
from manual_dnn.images import load_image
from manual_dnn.model_file import load_model, save_model
from manual_dnn_cli.main import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code, out, err, text):
    assert code == 2, out + err
    assert len(err.strip().splitlines()) == 1 and text in err, err
    assert "Traceback" not in err


# ------------------------------------------------------------ train

@pytest.mark.data
def test_train_prints_costs_and_accuracies_and_saves_a_model_and_a_plot(capsys, tmp_path, data_dir):
    model, plot = tmp_path / "model.npz", tmp_path / "cost.png"
    code, out, _ = run(capsys, "train", "--data-dir", str(data_dir), "--iterations", "101",
                       "--save", str(model), "--plot", str(plot))
    assert code == 0
    assert "Cost after iteration 0: 0.771749" in out and "Cost after iteration 100:" in out
    assert "Train accuracy:" in out and "Test accuracy:" in out
    with np.load(model, allow_pickle=False) as saved:
        assert list(saved["layer_dims"]) == [12288, 20, 7, 5, 1]
        assert saved["W1"].shape == (20, 12288)
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list(tmp_path.glob(".*tmp*"))


@pytest.mark.data
def test_train_two_layer_model_starts_at_the_published_cost(capsys, data_dir):
    code, out, _ = run(capsys, "train", "--data-dir", str(data_dir), "--model", "two-layer", "--iterations", "1")
    assert code == 0 and "Cost after iteration 0: 0.693050" in out


def test_an_interrupted_save_leaves_the_previous_model_in_place(tmp_path, monkeypatch):
    path = tmp_path / "model.npz"
    good = md.initialize_parameters_deep([12288, 2, 1], scaled=True)
    save_model(path, good, [12288, 2, 1])
    before = path.read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "savez", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_model(path, good, [12288, 2, 1])
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["model.npz"]


@pytest.mark.parametrize("argv, text", [
    (["--iterations", "-1"], "non-negative"),
    (["--learning-rate", "0"], "positive number"),
    (["--layers", "12288,0,1"], "positive"),
    (["--layers", "100,5,1"], "must start with 12288"),
    (["--model", "two-layer", "--layers", "12288,5,3,1"], "exactly 3 sizes"),
    (["--save", "/no/such/folder/model.npz"], "does not exist"),
])
def test_train_refuses_bad_options_before_training(capsys, argv, text, tmp_path):
    one_line_error(*run(capsys, "train", "--data-dir", str(tmp_path), *argv), text)


def test_train_names_a_missing_data_directory(capsys, tmp_path):
    one_line_error(*run(capsys, "train", "--data-dir", str(tmp_path / "nope")), "no such data directory")


def test_train_names_a_file_that_is_not_hdf5_or_lacks_a_key(capsys, tmp_path):
    (tmp_path / "train_catvnoncat.h5").write_text("not hdf5")
    (tmp_path / "test_catvnoncat.h5").write_text("not hdf5")
    one_line_error(*run(capsys, "train", "--data-dir", str(tmp_path)), "train_catvnoncat.h5: not an HDF5 file")
    with h5py.File(tmp_path / "train_catvnoncat.h5", "w") as f:
        f["train_set_x"] = np.zeros((2, 64, 64, 3), np.uint8)
    one_line_error(*run(capsys, "train", "--data-dir", str(tmp_path)), "missing dataset 'train_set_y'")


# ------------------------------------------------------------ predict

@pytest.fixture
def model_file(tmp_path):
    params = md.initialize_parameters_deep([12288, 3, 1], scaled=True, seed=2)
    path = tmp_path / "model.npz"
    save_model(path, params, [12288, 3, 1])
    return path


@pytest.fixture
def pictures(tmp_path):
    rng = np.random.RandomState(0)
    jpeg, png = tmp_path / "photo.jpg", tmp_path / "drawing.png"
    Image.fromarray(rng.randint(0, 256, (120, 90, 3), dtype=np.uint8)).save(jpeg)
    Image.fromarray(rng.randint(0, 256, (64, 64, 4), dtype=np.uint8), "RGBA").save(png)
    return jpeg, png


def test_predict_prints_one_line_per_image_with_the_probability(capsys, model_file, pictures):
    code, out, _ = run(capsys, "predict", "--model", str(model_file), *map(str, pictures))
    assert code == 0
    params, _ = load_model(model_file)
    lines = out.splitlines()
    assert len(lines) == 2
    for line, picture in zip(lines, pictures):
        p = float(md.L_model_forward(load_image(picture), params)[0][0, 0])
        assert line == f"{picture}: {'cat' if p > 0.5 else 'non-cat'} (p = {p:.3f})"


def test_an_image_is_resized_to_64_by_64_rgb_in_unit_range(pictures):
    x = load_image(pictures[0])
    assert x.shape == (12288, 1) and 0 <= x.min() and x.max() <= 1


def test_predict_refuses_a_missing_model_file(capsys, tmp_path, pictures):
    one_line_error(*run(capsys, "predict", "--model", str(tmp_path / "none.npz"), str(pictures[0])),
                   "no such model file")


def test_predict_refuses_pickled_objects_without_unpickling(capsys, tmp_path, pictures):
    path = tmp_path / "evil.npz"
    np.savez(path, layer_dims=np.array([{"payload": 1}], dtype=object))
    one_line_error(*run(capsys, "predict", "--model", str(path), str(pictures[0])),
                   "holds pickled objects; refusing to load it")


def test_predict_refuses_a_model_that_does_not_fit_64x64x3_inputs(capsys, tmp_path, pictures):
    path = tmp_path / "small.npz"
    save_model(path, md.initialize_parameters_deep([10, 1]), [10, 1])
    one_line_error(*run(capsys, "predict", "--model", str(path), str(pictures[0])), "do not fit 64x64x3")


def test_predict_refuses_a_file_that_is_not_a_model(capsys, tmp_path, pictures):
    path = tmp_path / "notes.npz"
    path.write_text("hello")
    one_line_error(*run(capsys, "predict", "--model", str(path), str(pictures[0])), "not an .npz model file")


def test_predict_names_a_file_that_is_not_an_image(capsys, tmp_path, model_file):
    text = tmp_path / "notes.png"
    text.write_text("not a picture")
    one_line_error(*run(capsys, "predict", "--model", str(model_file), str(text)),
                   "notes.png: not an image Pillow can read")
    one_line_error(*run(capsys, "predict", "--model", str(model_file), str(tmp_path / "gone.jpg")),
                   "gone.jpg: no such file")


def test_predict_answers_every_good_image_and_names_each_bad_one(capsys, tmp_path, model_file, pictures):
    text = tmp_path / "notes.png"
    text.write_text("not a picture")
    images = [text, pictures[0], tmp_path / "gone.jpg", pictures[1], pictures[0]]
    code, out, err = run(capsys, "predict", "--model", str(model_file), *map(str, images))
    assert code == 2
    assert [line.split(":")[0] for line in out.splitlines()] == [str(p) for p in (pictures[0], pictures[1],
                                                                                  pictures[0])]
    assert err.splitlines() == [f"manual-dnn: {text}: not an image Pillow can read (cannot identify image file "
                                f"'{text}')", f"manual-dnn: {tmp_path / 'gone.jpg'}: no such file"]


def test_predict_names_an_image_whose_output_overflows_and_answers_the_others(capsys, tmp_path):
    params = md.initialize_parameters_deep([12288, 3, 1], scaled=True, seed=2)
    params["W1"][:2, :2] = 1e308  # two bright pixels overflow both units to inf; W2 takes inf - inf
    params["W2"][0, :2] = (1.0, -1.0)
    path = tmp_path / "model.npz"
    save_model(path, params, [12288, 3, 1])
    dark, bright = tmp_path / "dark.png", tmp_path / "bright.png"
    Image.fromarray(np.zeros((64, 64, 3), dtype=np.uint8)).save(dark)
    Image.fromarray(np.full((64, 64, 3), 255, dtype=np.uint8)).save(bright)
    code, out, err = run(capsys, "predict", "--model", str(path), str(bright), str(dark))
    assert code == 2 and out.startswith(f"{dark}: ") and len(out.splitlines()) == 1
    assert err == f"manual-dnn: {bright}: the model's output is NaN (its forward pass overflowed)\n"


# ------------------------------------------------------------ explain

def test_explain_walks_through_every_equation_and_agrees_with_jax(capsys):
    code, out, _ = run(capsys, "explain")
    assert code == 0
    for equation in ("Z1 = W1 A0 + b1", "A1 = relu(Z1)", "AL = sigmoid(Z2)", "dZ2 = dA2 * s * (1 - s)",
                     "dW1 = dZ1 A0^T / m", "db1 = sum over examples of dZ1 / m", "dA0 = W1^T dZ1",
                     "dZ1 = dA1 * (Z1 > 0)", "(= AL - Y"):
        assert equation in out, equation
    assert out.count("JAX agrees") == 6 and "DISAGREES" not in out


def test_explain_in_markdown_has_headings_and_code_blocks(capsys):
    code, out, _ = run(capsys, "explain", "--format", "markdown", "--layers", "4,3,2,1", "--examples", "3")
    assert code == 0 and "## Forward" in out and "## Backward" in out and "```" in out
    assert out.count("JAX agrees") == 9


@pytest.mark.parametrize("argv, text", [(["--layers", "3,2"], "must end with 1"),
                                        (["--layers", "100,2,1"], "at most 16"),
                                        (["--format", "pdf"], "invalid choice")])
def test_explain_refuses_bad_options(capsys, argv, text):
    one_line_error(*run(capsys, "explain", *argv), text)
