"""``manual-dnn train``: train the cat classifier on the course's images (numpy only).

Everything that can be checked is checked before training starts (the output
paths, the data, the memory the network needs), so no run is wasted; a run
that cannot go on stops with one line and saves nothing.
"""

import os

import numpy as np

import manual_dnn as md
from manual_dnn.data import FILES, DataError, flatten_images, load_data, resolve_data_dir
from manual_dnn.images import NUM_PX
from manual_dnn.memory import TooLargeError, format_bytes, network_bytes, require_memory
from manual_dnn.model_file import model_file_bytes, save_model
from manual_dnn.output_file import OutputFileError, check_output_path, same_file
from manual_dnn.plot import check_plot_path
from manual_dnn.training import CAT_NETWORK, CAT_TWO_LAYER_NETWORK, TrainingStopped
from manual_dnn_cli.options import fail, layer_sizes, non_negative_int, path, positive_float, seed

# Training runs its BLAS on one thread: with another process busy on one of two
# cores, a two-thread OpenBLAS loses ~10x (benchmarks/training_threads.py).
BLAS_THREADS = 1


def add_parser(commands):
    train = commands.add_parser(
        "train",
        help="train the cat classifier on the course's images",
        description="Train on the cat images; the defaults reproduce the course's 4-layer run "
        "(test accuracy 0.80).",
    )
    train.add_argument("--data-dir", type=path, metavar="DIR", help="folder with the two .h5 files "
                       "(default: $MANUAL_DNN_DATA, else ./datasets)")
    train.add_argument("--model", choices=("two-layer", "deep"), default="deep")
    train.add_argument("--layers", type=layer_sizes, metavar="12288,20,7,5,1",
                       help="layer sizes (default 12288,20,7,5,1; 12288,7,1 for two-layer)")
    train.add_argument("--learning-rate", type=positive_float, default=0.0075)
    train.add_argument("--iterations", type=non_negative_int, default=2500)
    train.add_argument("--seed", type=seed, default=1, help="initialisation seed (default 1)")
    train.add_argument("--save", type=path, metavar="MODEL.npz", help="write the trained parameters here")
    train.add_argument("--plot", type=path, metavar="COST.png", help="draw the cost curve here (.png, .svg or .pdf)")
    return train


def _free_disk_bytes(folder):
    try:
        stats = os.statvfs(folder)
    except OSError:
        return None
    return stats.f_bavail * stats.f_frsize


def _check_outputs(args, layers):
    """One line saying why --save/--plot cannot be written, or None; before any long work."""
    if args.save:
        try:
            target = check_output_path(args.save)
        except OutputFileError as error:
            return f"--save {error}"
        needed, free = model_file_bytes(layers), _free_disk_bytes(target.parent)
        if free is not None and needed > free:
            return f"--save {args.save}: the model needs {format_bytes(needed)}, the disk has {format_bytes(free)} free"
    if args.plot:
        try:
            check_plot_path(args.plot)
        except OutputFileError as error:
            return f"--plot {error}"
    if args.save and args.plot and same_file(args.save, args.plot):
        return f"--save and --plot name the same file ({args.plot}): the plot would replace the model"
    data_dir = resolve_data_dir(args.data_dir)
    for option, target in (("--save", args.save), ("--plot", args.plot)):
        for name in FILES.values() if target else ():
            if same_file(target, data_dir / name):
                return f"{option} {target}: is the training data {data_dir / name}; refusing to replace it"
    return None


def _final_cost(AL, Y):
    """The cost of the trained network in words: a saturated output has no finite cross-entropy."""
    saturated = np.count_nonzero((AL <= 0) | (AL >= 1))
    if saturated:
        return f"infinite (the output saturated to exactly 0 or 1 on {saturated} of {AL.shape[1]} examples)"
    return f"{float(md.compute_cost(AL, Y)):.6f}"


def run(args):
    layers = args.layers or list(CAT_TWO_LAYER_NETWORK if args.model == "two-layer" else CAT_NETWORK)
    if args.model == "two-layer" and len(layers) != 3:
        return fail(f"--model two-layer needs exactly 3 sizes, got {','.join(map(str, layers))}")
    if layers[0] != NUM_PX * NUM_PX * 3 or layers[-1] != 1:
        return fail(f"--layers must start with 12288 (64x64x3 pixels) and end with 1, got "
                    f"{','.join(map(str, layers))}")
    problem = _check_outputs(args, layers)
    if problem:
        return fail(problem)
    try:
        train_x, train_y, test_x, test_y, _ = load_data(args.data_dir)
        require_memory(f"--layers {','.join(map(str, layers))} on {train_x.shape[0]} images",
                       network_bytes(layers, train_x.shape[0] + test_x.shape[0]))
    except (DataError, TooLargeError) as error:
        return fail(str(error))
    X, X_test = flatten_images(train_x), flatten_images(test_x)

    print(f"Training {args.model} network {','.join(map(str, layers))} on {X.shape[1]} images, "
          f"{args.iterations} iterations, learning rate {args.learning_rate}", flush=True)
    try:
        parameters, costs = _train(args, layers, X, train_y)
    except TrainingStopped as error:
        return fail(f"{error} (nothing was saved)")
    with np.errstate(over="ignore", invalid="ignore"):  # overflow is checked below, in one line
        outputs = {name: md.L_model_forward(inputs, parameters)[0] for name, inputs in (("Train", X), ("Test", X_test))}
    for name, AL in outputs.items():
        if np.isnan(AL).any():  # finite weights so large that the forward pass overflows: no model
            return fail(f"training finished, but the trained network's output is NaN on {np.isnan(AL).sum()} "
                        f"{name.lower()} images (its weights overflow); lower the learning rate (it is "
                        f"{args.learning_rate}) (nothing was saved)")
    if args.save:
        try:
            save_model(args.save, parameters, layers)
        except OutputFileError as error:
            return fail(f"--save {error} (training finished, but the model is not saved)")
        print(f"Saved the model to {args.save} (use: manual-dnn predict --model {args.save} IMAGE)")
    if costs:
        print(f"Final cost: {_final_cost(outputs['Train'], train_y)}")
    for name, labels in (("Train", train_y), ("Test", test_y)):
        print(f"{name} accuracy: {np.mean((outputs[name] > 0.5) == labels):.6f}")  # as predict, no logarithm
    if args.plot:
        from manual_dnn.plot import plot_costs

        try:
            plot_costs(costs, args.learning_rate, args.plot)
        except OutputFileError as error:
            return fail(f"--plot {error}")
        print(f"Saved the cost curve to {args.plot}")
    return 0


def _train(args, layers, X, Y):
    """The training run with a progress bar on a terminal; cost lines through the bar's writer."""
    from threadpoolctl import threadpool_limits
    from tqdm import tqdm

    bar = tqdm(total=args.iterations, desc="training", unit="it", disable=None, leave=False)

    def progress(i, cost):
        bar.update(1)
        if i % 100 == 0:
            bar.write(f"Cost after iteration {i}: {float(cost):.6f}")

    common = dict(learning_rate=args.learning_rate, num_iterations=args.iterations,
                  seed=args.seed, callback=progress)
    with bar, threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        if args.model == "two-layer":
            return md.two_layer_model(X, Y, layers, **common)
        return md.L_layer_model(X, Y, layers, **common)
