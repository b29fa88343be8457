"""The fast full finite differences equal the naive ones, on drawn networks.

L_model_backward's properties (and ``gradcheck --full-fd``) judge every
coordinate against ``full_central_differences``, which reuses layers and
batches perturbations; here it is held to the textbook two forward passes
per coordinate, on networks of every drawn depth, width and batch.
"""

import numpy as np
from hypothesis import given

from reference.oracles.full_fd import full_central_differences, naive_central_differences
from reference.tolerances import FD_STEP
from tests.property.strategies import FD_VALID_NETWORKS, weights_of


@given(point=FD_VALID_NETWORKS)
def test_fast_full_fd_equals_the_naive_central_differences(point):
    X, Y, params = point
    weights = weights_of(params)
    fast, invalid = full_central_differences(X, weights, Y)
    naive = naive_central_differences(X, weights, Y)
    assert set(fast) == set(naive) == set(params)
    # Both compute (J+ - J-) / 2eps from the same J at the same points; only the
    # order of float operations differs, so they agree to the rounding of J over eps.
    bound = 50 * np.finfo(float).eps * max(1.0, Y.size) / FD_STEP
    for name in fast:
        assert not invalid[name].any(), name  # the strategy keeps every ReLU input off the kink
        assert fast[name].shape == naive[name].shape == params[name].shape
        assert np.abs(fast[name] - naive[name]).max() <= bound, name
