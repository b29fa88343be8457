"""The convolution properties' strategies reach the cases that matter, within the CI profile's budget:
every stride with every pad, a stride that does not divide the padded image (a row or column left out),
a 1 x 1 filter, several examples and channels, overlapping pooling windows, and the same from the
free-size strategies. (No tie in a max window is promised by every draw: the pooling property asserts it.)
"""

import pytest
from hypothesis import HealthCheck, Phase, find, settings

from tests.property.bounds import REACH_EXAMPLES
from tests.property.test_convolution_properties import (
    CONV_SHAPES,
    POOL_SHAPES,
    any_conv_shape,
    any_pool_shape,
    conv_layers,
)

REACH = settings(settings.get_profile("ci"), max_examples=REACH_EXAMPLES, database=None, phases=[Phase.generate],
                 suppress_health_check=list(HealthCheck))  # bounds.REACH_EXAMPLES: robust to moved draws


def _uneven(n, f, stride, pad=0):
    return (n + 2 * pad - f) % stride != 0


@pytest.mark.parametrize("stride", [1, 2, 3])
@pytest.mark.parametrize("pad", [0, 1, 2])
def test_the_catalogue_reaches_every_stride_with_every_pad(stride, pad):
    find(CONV_SHAPES, lambda s: s[6] == stride and s[7] == pad, settings=REACH)


@pytest.mark.parametrize("name, case", [
    ("a stride that leaves a row out", lambda s: _uneven(s[1], s[4], s[6], s[7])),
    ("a stride that leaves a column out", lambda s: _uneven(s[2], s[4], s[6], s[7])),
    ("a 1 x 1 filter", lambda s: s[4] == 1),
    ("a 4 x 4 filter", lambda s: s[4] == 4),
    ("several examples, input channels and filters", lambda s: s[0] >= 2 and s[3] >= 2 and s[5] >= 2),
    ("one output position", lambda s: (s[1] + 2 * s[7] - s[4]) // s[6] == 0),
])
def test_the_convolution_catalogue_reaches(name, case):
    find(CONV_SHAPES, case, settings=REACH)


@pytest.mark.parametrize("name, case", [
    ("overlapping windows", lambda s: s[5] < s[4]),
    ("a stride that leaves a row out", lambda s: _uneven(s[1], s[4], s[5])),
    ("windows that skip entries", lambda s: s[5] > s[4]),
    ("a 4 x 4 window", lambda s: s[4] == 4),
])
def test_the_pooling_catalogue_reaches(name, case):
    find(POOL_SHAPES, case, settings=REACH)


def test_the_free_sizes_reach_stride_3_pad_2_and_overlapping_pools():
    find(any_conv_shape(), lambda s: s[6] == 3 and s[7] == 2 and s[4] >= 3 and _uneven(s[1], s[4], s[6], s[7]),
         settings=REACH)
    find(any_pool_shape(), lambda s: s[5] < s[4] and s[0] >= 2, settings=REACH)


def test_the_drawn_upstream_gradient_is_not_zero():
    find(conv_layers(CONV_SHAPES), lambda layer: abs(layer[4]).sum() > 1, settings=REACH)
