"""The course's picture of many small images: ``visualize_grid`` tiles (N, H, W, C) into one image."""

import numpy as np

__all__ = ["visualize_grid"]


def visualize_grid(Xs, ubound=255.0, padding=1):
    """(N, H, W, C) -> one (G (H + padding) - padding, G (W + padding) - padding, C) image, G = ceil(sqrt N),
    each tile scaled to [0, ubound]."""
    N, H, W, C = Xs.shape
    side = int(np.ceil(np.sqrt(N)))
    grid = np.zeros((side * (H + padding) - padding, side * (W + padding) - padding, C))
    for k, image in enumerate(Xs):
        row, column = divmod(k, side)
        low, high = image.min(), image.max()
        tile = ubound * (image - low) / (high - low) if high > low else np.zeros_like(image)
        grid[row * (H + padding):row * (H + padding) + H, column * (W + padding):column * (W + padding) + W] = tile
    return grid
