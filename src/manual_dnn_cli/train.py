"""``manual-dnn train``: train the cat classifier on the course's images (numpy only)."""

import numpy as np

import manual_dnn as md
from manual_dnn.data import DataError, flatten_images, load_data
from manual_dnn.images import NUM_PX
from manual_dnn.model_file import save_model
from manual_dnn.training import CAT_NETWORK, CAT_TWO_LAYER_NETWORK
from manual_dnn_cli.options import fail, layer_sizes, non_negative_int, positive_float


def add_parser(commands):
    train = commands.add_parser(
        "train",
        help="train the cat classifier on the course's images",
        description="Train on the cat images; the defaults reproduce the course's 4-layer run "
        "(test accuracy 0.80).",
    )
    train.add_argument("--data-dir", metavar="DIR", help="folder with the two .h5 files "
                       "(default: $MANUAL_DNN_DATA, else ./datasets)")
    train.add_argument("--model", choices=("two-layer", "deep"), default="deep")
    train.add_argument("--layers", type=layer_sizes, metavar="12288,20,7,5,1",
                       help="layer sizes (default 12288,20,7,5,1; 12288,7,1 for two-layer)")
    train.add_argument("--learning-rate", type=positive_float, default=0.0075)
    train.add_argument("--iterations", type=non_negative_int, default=2500)
    train.add_argument("--seed", type=non_negative_int, default=1, help="initialisation seed (default 1)")
    train.add_argument("--save", metavar="MODEL.npz", help="write the trained parameters here")
    train.add_argument("--plot", metavar="COST.png", help="draw the cost curve here")
    return train


def _writable_target(path, option):
    """Check before training that ``path`` can be written, so no run is wasted."""
    from pathlib import Path

    folder = Path(path).resolve().parent
    if not folder.is_dir():
        return f"{option} {path}: folder {folder} does not exist"
    if Path(path).is_dir():
        return f"{option} {path}: is a directory"
    return None


def run(args):
    layers = args.layers or list(CAT_TWO_LAYER_NETWORK if args.model == "two-layer" else CAT_NETWORK)
    if args.model == "two-layer" and len(layers) != 3:
        return fail(f"--model two-layer needs exactly 3 sizes, got {','.join(map(str, layers))}")
    if layers[0] != NUM_PX * NUM_PX * 3 or layers[-1] != 1:
        return fail(f"--layers must start with 12288 (64x64x3 pixels) and end with 1, got "
                    f"{','.join(map(str, layers))}")
    for option, target in (("--save", args.save), ("--plot", args.plot)):
        problem = target and _writable_target(target, option)
        if problem:
            return fail(problem)
    try:
        train_x, train_y, test_x, test_y, _ = load_data(args.data_dir)
    except DataError as error:
        return fail(str(error))
    X, X_test = flatten_images(train_x), flatten_images(test_x)

    from tqdm import tqdm

    bar = tqdm(total=args.iterations, desc="training", unit="it", disable=None, leave=False)

    def progress(i, cost):
        bar.update(1)
        if i % 100 == 0:
            bar.write(f"Cost after iteration {i}: {float(cost):.6f}")

    common = dict(learning_rate=args.learning_rate, num_iterations=args.iterations,
                  seed=args.seed, callback=progress)
    print(f"Training {args.model} network {','.join(map(str, layers))} on {X.shape[1]} images, "
          f"{args.iterations} iterations, learning rate {args.learning_rate}")
    with bar:
        if args.model == "two-layer":
            parameters, costs = md.two_layer_model(X, train_y, layers, **common)
        else:
            parameters, costs = md.L_layer_model(X, train_y, layers, **common)
    if args.save:
        save_model(args.save, parameters, layers)
        print(f"Saved the model to {args.save} (use: manual-dnn predict --model {args.save} IMAGE)")
    if costs:
        print(f"Final cost: {float(md.compute_cost(md.L_model_forward(X, parameters)[0], train_y)):.6f}")
    for name, inputs, labels in (("Train", X, train_y), ("Test", X_test, test_y)):
        print(f"{name} accuracy: {np.mean(md.predict(inputs, labels, parameters) == labels):.6f}")
    if args.plot:
        from manual_dnn.plot import plot_costs

        plot_costs(costs, args.learning_rate, args.plot)
        print(f"Saved the cost curve to {args.plot}")
    return 0
