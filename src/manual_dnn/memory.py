"""Whether a piece of work fits in memory, asked before it starts.

numpy's "Unable to allocate 7.28 TiB" comes only when the array is made, after
the data is loaded, sometimes after minutes of work. These estimates come
first and are refused with the figures.
"""

import os
import resource

__all__ = ["TooLargeError", "available_bytes", "network_bytes", "require_memory", "format_bytes"]

FLOAT64 = 8


class TooLargeError(ValueError):
    """The work would need more memory than this machine has available."""


def _cgroup_room():
    """What this container's memory limit (cgroup v2) still allows, or None without one."""
    try:
        with open("/sys/fs/cgroup/memory.max") as limit, open("/sys/fs/cgroup/memory.current") as current:
            text = limit.read().strip()
            return None if text == "max" else int(text) - int(current.read())
    except (OSError, ValueError):
        return None


def _mem_available():
    """The kernel's estimate of memory available without swapping (MemAvailable), or None."""
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, AttributeError):
        return None


def available_bytes():
    """Memory a new allocation can get now: MemAvailable, capped by a container's memory
    limit and by this process's address-space limit (ulimit -v); None when none can be read."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    address_space = None if soft == resource.RLIM_INFINITY else soft
    known = [n for n in (_mem_available(), _cgroup_room(), address_space) if n is not None]
    return min(known) if known else None


def network_bytes(layer_dims, m):
    """float64 bytes of one training step of the network ``layer_dims`` on ``m`` examples.

    The parameters three times (W and b, their gradients, the updated copy),
    the input X, and four (n_l, m) arrays per layer (Z, A, dZ, dA).
    """
    dims = [int(n) for n in layer_dims]
    parameters = sum(n * (n_prev + 1) for n_prev, n in zip(dims, dims[1:]))
    activations = sum(dims[1:]) * m
    return FLOAT64 * (3 * parameters + dims[0] * m + 4 * activations)


def format_bytes(n):
    """1234567890 -> '1.1 GiB'."""
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    raise AssertionError("unreachable")


def require_memory(what, needed):
    """Raise TooLargeError naming ``what`` unless ``needed`` bytes are available."""
    available = available_bytes()
    if available is not None and needed > available:
        raise TooLargeError(f"{what} needs about {format_bytes(needed)} of memory, more than the "
                            f"{format_bytes(available)} available")
