"""The oracles: what manual_dnn (or a learner's code) is checked against.

Three independent ways to get a gradient, none sharing code with manual_dnn:
- ``jax_network``: the same network in jax.numpy, float64, differentiated by
  autodiff (VJPs per function, jax.grad for the whole cost);
- ``numeric``: finite differences, random directions, complex step and the
  Taylor test, on a plain numpy forward of our own (``forward_network``);
- ``full_fd``: central differences for every parameter of a real-size network.
``checker`` compares an implementation with them; ``tolerances`` says how close
is close enough. Importing this package turns on JAX's float64 mode.
"""

import jax

jax.config.update("jax_enable_x64", True)
