"""How large a drawn case can be: the strategies draw up to these sizes, and the
padded JAX oracle pads every case to them (one compiled function per depth)."""

MAX_UNITS = 8  # units in any layer, the input layer included
MAX_EXAMPLES = 16  # examples in a batch
MAX_LAYERS = 5  # L, the weight layers: up to four ReLU layers and the sigmoid output
