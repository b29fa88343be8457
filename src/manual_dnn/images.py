"""Your own picture, prepared as the course's "test with your own image" does."""

import numpy as np

NUM_PX = 64


class ImageError(ValueError):
    """A file is missing or is not an image Pillow can read."""


def load_image(path):
    """Any PNG/JPEG -> (12288, 1) float64 in [0, 1]: RGB, resized to 64×64, / 255."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image = image.convert("RGB").resize((NUM_PX, NUM_PX))
    except FileNotFoundError:
        raise ImageError(f"{path}: no such file") from None
    except (UnidentifiedImageError, OSError) as error:
        raise ImageError(f"{path}: not an image Pillow can read ({type(error).__name__})") from None
    return (np.asarray(image, dtype=np.float64) / 255.0).reshape(1, -1).T
