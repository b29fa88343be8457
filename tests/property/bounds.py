"""How large a drawn case can be: the strategies draw up to these sizes, and the
padded JAX oracle pads every case to them (one compiled function per depth)."""

MAX_UNITS = 8  # units in any layer, the input layer included
MAX_EXAMPLES = 16  # examples in a batch
MAX_LAYERS = 5  # L, the weight layers: up to four ReLU layers and the sigmoid output

# Draws a coverage test (hypothesis.find) may take to reach a case: five times the CI profile's 200.
# Hypothesis mixes the constants of every imported local module into its draws, so a derandomised
# find draws differently whenever a test module is added: a case reached in 95% of 200-draw runs
# is missed under some set of modules, and in 1000 draws under practically none.
REACH_EXAMPLES = 1000
