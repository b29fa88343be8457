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
    try:
        parameters, dims = load_model(args.model)
    except ModelFileError as error:
        return fail(str(error))
    if dims[0] != NUM_PX * NUM_PX * 3 or dims[-1] != 1:
        return fail(f"{args.model}: layer sizes {dims} do not fit 64x64x3 = 12288 inputs and 1 output")
    try:
        images = [load_image(image) for image in args.images]
    except ImageError as error:
        return fail(str(error))
    with np.errstate(over="ignore", invalid="ignore"):  # a NaN output is refused below, in one line
        probabilities, _ = md.L_model_forward(np.hstack(images), parameters)
    if np.isnan(probabilities).any():
        broken = args.images[int(np.argmax(np.isnan(probabilities[0])))]
        return fail(f"{broken}: the model's output is NaN (its forward pass overflowed); the model is broken")
    for image, p in zip(args.images, probabilities[0]):
        print(f"{image}: {'cat' if p > 0.5 else 'non-cat'} (p = {p:.3f})")
    return 0
