"""The seed's cost curve, drawn to a PNG, SVG or PDF file without a display.

matplotlib's object API only (a Figure and its own canvas): the caller's
backend and pyplot's global figures are never touched.
"""

from pathlib import Path

from manual_dnn.output_file import OutputFileError, check_output_path, write_atomically

__all__ = ["PLOT_FORMATS", "check_plot_path", "plot_costs"]

PLOT_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def check_plot_path(path):
    """The format ("png", "svg" or "pdf") the suffix of ``path`` names; OutputFileError for
    another suffix or a path that cannot be written (see output_file)."""
    suffix = Path(path).suffix.lower()
    if suffix not in PLOT_FORMATS:
        raise OutputFileError(f"{path}: unknown picture format {suffix or '(no suffix)'!r}; "
                              f"name it .png, .svg or .pdf")
    check_output_path(path)
    return PLOT_FORMATS[suffix]


def plot_costs(costs, learning_rate, path):
    """Plot the costs recorded every 100 iterations and save them to ``path`` (its suffix picks the format)."""
    from matplotlib.figure import Figure

    picture_format = check_plot_path(path)
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    ax.plot(range(0, 100 * len(costs), 100), [float(cost) for cost in costs])
    ax.set_xlabel("iterations")
    ax.set_ylabel("cost")
    ax.set_title(f"Learning rate = {learning_rate}")
    fig.tight_layout()
    write_atomically(path, lambda f: fig.savefig(f, format=picture_format))
