"""Your own picture, prepared as the course's "test with your own image" does."""

import os
import warnings

import numpy as np

from manual_dnn.memory import TooLargeError, require_memory

NUM_PX = 64
SIXTEEN_BIT = 257  # a 16-bit value v16 is the 8-bit v8 as 257 * v8 (0xFFFF = 257 * 0xFF)


class ImageError(ValueError):
    """A file is missing or is not an image Pillow can read."""


def _eight_bit(image, path):
    """``image`` with 8-bit channels: 16-bit greys (PNG's I;16) rescaled, not clipped to white."""
    from PIL import Image

    sixteen = image.mode.startswith("I;16") or (image.mode == "I" and image.format == "PNG")
    if sixteen:
        grey = np.asarray(image.convert("I"), dtype=np.float64)
        return Image.fromarray(np.round(grey / SIXTEEN_BIT).astype(np.uint8), "L")
    if image.mode in ("I", "F"):
        raise ImageError(f"{path}: holds 32-bit {'integer' if image.mode == 'I' else 'float'} pixels, which "
                         "have no 8-bit meaning; save it as an 8- or 16-bit PNG or a JPEG")
    return image


def load_image(path):
    """Any PNG/JPEG -> (12288, 1) float64 in [0, 1]: RGB, resized to 64×64, / 255."""
    from PIL import Image, UnidentifiedImageError

    if os.path.exists(path) and not os.path.isfile(path) and not os.path.isdir(path):
        # a FIFO or a device: opening one to read could wait forever
        raise ImageError(f"{path}: not a regular file, so not an image")
    try:
        with warnings.catch_warnings():
            # Above 89 million pixels Pillow warns; the memory check below decides instead.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:  # reads the header only
                width, height = image.size
                require_memory(f"{path}: a {width}x{height} picture", width * height * 4 * 3)
                image = _eight_bit(image, path).convert("RGB").resize((NUM_PX, NUM_PX))
    except ImageError:
        raise
    except Image.DecompressionBombError as error:  # raised by open(), from the header's size
        size = str(error).split(", could be")[0]
        raise ImageError(f"{path}: too large to read safely ({size}; a decompression bomb?)") from None
    except TooLargeError as error:
        raise ImageError(str(error)) from None
    except FileNotFoundError:
        raise ImageError(f"{path}: no such file") from None
    except PermissionError:
        raise ImageError(f"{path}: permission denied (cannot read it)") from None
    except IsADirectoryError:
        raise ImageError(f"{path}: is a directory, not an image") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:  # Pillow's words for a bad file
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ImageError(f"{path}: not an image Pillow can read ({reason})") from None
    return (np.asarray(image, dtype=np.float64) / 255.0).reshape(1, -1).T
