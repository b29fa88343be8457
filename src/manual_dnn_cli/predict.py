"""``manual-dnn predict``: cat or non-cat for your own pictures (numpy only)."""

import numpy as np

import manual_dnn as md
from manual_dnn.images import NUM_PX, ImageError, load_image
from manual_dnn.model_file import ModelFileError, load_model
from manual_dnn_cli.options import fail, path


def add_parser(commands):
    predict = commands.add_parser(
        "predict", help="say cat or non-cat for your own pictures",
        description="Classify PNG or JPEG pictures with a model saved by 'manual-dnn train --save'.",
    )
    predict.add_argument("--model", type=path, required=True, metavar="MODEL.npz")
    predict.add_argument("images", type=path, nargs="+", metavar="IMAGE")
    return predict


def run(args):
    """One line per image on stdout; each image that cannot be answered, one line on stderr (exit 2)."""
    try:
        parameters, dims = load_model(args.model)
    except ModelFileError as error:
        return fail(str(error))
    if dims[0] != NUM_PX * NUM_PX * 3 or dims[-1] != 1:
        return fail(f"{args.model}: layer sizes {dims} do not fit 64x64x3 = 12288 inputs and 1 output")
    names, columns, bad = [], [], 0
    for image in args.images:
        try:
            columns.append(load_image(image))
            names.append(image)
        except ImageError as error:  # said at once; the other images are still answered
            fail(str(error))
            bad += 1
    if columns:
        with np.errstate(over="ignore", invalid="ignore"):  # a NaN output is said below, in one line
            probabilities, _ = md.L_model_forward(np.hstack(columns), parameters)
        for image, p in zip(names, probabilities[0]):
            if np.isnan(p):
                fail(f"{image}: the model's output is NaN (its forward pass overflowed)")
                bad += 1
            else:
                print(f"{image}: {'cat' if p > 0.5 else 'non-cat'} (p = {p:.3f})")
    return 2 if bad else 0
