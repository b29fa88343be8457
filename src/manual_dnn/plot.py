"""The seed's cost curve, drawn to a PNG without a display."""

from pathlib import Path


def plot_costs(costs, learning_rate, path):
    """Plot the costs recorded every 100 iterations and save them to ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(range(0, 100 * len(costs), 100), costs)
    ax.set_xlabel("iterations")
    ax.set_ylabel("cost")
    ax.set_title(f"Learning rate = {learning_rate}")
    fig.tight_layout()
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp.png")
    fig.savefig(tmp)
    plt.close(fig)
    tmp.replace(path)
