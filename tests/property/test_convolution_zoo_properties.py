"""Every bug of the convolution zoo (reference.assignments.convolution.zoo) is caught by the properties
of test_convolution_properties.py: run on the mutant's namespace, within the CI profile's budget of
draws, an assertion of the property fails. Only an AssertionError counts as caught (a mutant that
raises something else on a draw has not been caught there)."""

import pytest
from hypothesis import HealthCheck, Phase, find, settings
from hypothesis.errors import NoSuchExample

from reference.assignments.convolution.zoo import MUTANTS, mutant_namespace
from tests.property import test_convolution_properties as properties
from tests.property.bounds import REACH_EXAMPLES

REACH = settings(settings.get_profile("ci"), max_examples=REACH_EXAMPLES, database=None, phases=[Phase.generate],
                 suppress_health_check=list(HealthCheck))  # bounds.REACH_EXAMPLES: robust to moved draws

PROPERTY_OF = {  # the function a mutant changes -> (a property's assertion, its strategy)
    "zero_pad": (properties.assert_zero_pad, properties.PADDINGS),
    "conv_single_step": (properties.assert_single_step, properties.STEPS),
    "conv_forward": (properties.assert_conv, properties.conv_layers(properties.CONV_SHAPES)),
    "conv_backward": (properties.assert_conv, properties.conv_layers(properties.CONV_SHAPES)),
    "pool_forward": (lambda case, impl: properties.assert_pool(case[0], case[1], impl),
                     properties.st.tuples(properties.pool_layers(properties.POOL_SHAPES), properties.MODES)),
    "pool_backward": (lambda case, impl: properties.assert_pool(case[0], case[1], impl),
                      properties.st.tuples(properties.pool_layers(properties.POOL_SHAPES), properties.MODES)),
    "create_mask_from_window": (properties.assert_mask, properties.WINDOWS),
    "distribute_value": (properties.assert_distribute, properties.MEANS),
}


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_every_bug_of_the_convolution_zoo_fails_a_property(name):
    assertion, strategy = PROPERTY_OF[MUTANTS[name].function]
    impl = mutant_namespace(name)

    def fails(case):
        try:
            assertion(case, impl=impl)
        except AssertionError:
            return True
        except Exception:  # noqa: BLE001 -- not caught by an assertion on this draw
            return False
        return False

    find(strategy, fails, settings=REACH)


def test_manual_dnns_own_solution_fails_none_of_them():
    impl = properties.MANUAL_DNN
    for assertion, strategy in PROPERTY_OF.values():
        with pytest.raises(NoSuchExample):
            find(strategy, lambda case, assertion=assertion: _raises(assertion, case, impl),
                 settings=settings(REACH, max_examples=10))


def _raises(assertion, case, impl):
    try:
        assertion(case, impl=impl)
    except AssertionError:
        return True
    return False
