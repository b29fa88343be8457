"""Argument types shared by the subcommands, and the one-line usage error."""

import argparse
import sys

__all__ = ["UsageError", "fail", "whole_number", "positive_int", "non_negative_int", "seed", "layer_sizes",
           "positive_float", "path", "memory_size"]

SEED_LIMIT = 2**32 - 1  # numpy's RandomState, the course's generator, takes seeds 0..2**32 - 1


class UsageError(Exception):
    """Bad options or input: reported as one line, exit code 2."""


def fail(message, command=None):
    """Print one line on stderr and return exit code 2."""
    print(f"manual-dnn{' ' + command if command else ''}: {message}", file=sys.stderr)
    return 2


def whole_number(minimum, kind, maximum=None):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"expected a {kind} whole number, got {value}")
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(f"expected a whole number from {minimum} to {maximum}, got {value}")
        return value

    return parse


positive_int = whole_number(1, "positive")
non_negative_int = whole_number(0, "non-negative")
seed = whole_number(0, "non-negative", SEED_LIMIT)


def path(text):
    """A file or folder name; an empty one (``--save ''``) is refused, not read as "none"."""
    if not text:
        raise argparse.ArgumentTypeError("expected a file name, got an empty one")
    return text


def layer_sizes(text):
    """'12288,20,7,5,1' -> [12288, 20, 7, 5, 1], at least two positive sizes."""
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 5,4,3,1, got {text!r}") from None
    if len(sizes) < 2:
        raise argparse.ArgumentTypeError(f"need an input size and at least one layer, got {text!r}")
    if min(sizes) <= 0:
        raise argparse.ArgumentTypeError(f"layer sizes must be positive, got {text!r}")
    return sizes


def positive_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def memory_size(text):
    """'4G', '4GiB', '512M', '512MiB' or a number of GiB -> bytes (at least 256 MiB)."""
    units = {"": 1 << 30, "g": 1 << 30, "gib": 1 << 30, "gb": 1 << 30, "m": 1 << 20, "mib": 1 << 20, "mb": 1 << 20}
    number = text.strip().lower().rstrip("gimb")
    unit = text.strip().lower()[len(number):]
    try:
        value = float(number) * units[unit]
    except (ValueError, KeyError):
        raise argparse.ArgumentTypeError(f"expected a size like 4G or 512M, got {text!r}") from None
    if not 256 << 20 <= value < 1 << 50:
        raise argparse.ArgumentTypeError(f"expected at least 256M, got {text!r}")
    return int(value)
