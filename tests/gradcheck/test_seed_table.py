"""The seed table is the one place that says where each seed function lives:
its manual_dnn module defines it, and its check module names it (so that
grepping the name finds the check), with the table's arguments."""

import importlib
import inspect
import re

import pytest

from reference.seed_functions import HELPERS, SEED_FUNCTIONS


@pytest.mark.parametrize("name", list(SEED_FUNCTIONS))
def test_the_home_module_defines_it_with_the_tables_arguments(name):
    seed = SEED_FUNCTIONS[name]
    function = getattr(importlib.import_module(seed.home), name)
    assert tuple(inspect.signature(function).parameters)[:len(seed.arguments)] == seed.arguments


@pytest.mark.parametrize("name", list(SEED_FUNCTIONS))
def test_the_check_module_names_it_in_a_string(name):
    source = inspect.getsource(importlib.import_module(SEED_FUNCTIONS[name].check))
    assert re.search(rf"[\"']{name}[\"']", source), f"{name} is not named in {SEED_FUNCTIONS[name].check}"


def test_the_helpers_say_which_activation_they_compute_or_differentiate():
    assert {name: SEED_FUNCTIONS[name].activation for name in HELPERS} == {
        "sigmoid": "sigmoid", "relu": "relu", "sigmoid_backward": "sigmoid", "relu_backward": "relu"}
    assert all(f.activation is None for f in SEED_FUNCTIONS.values() if not f.helper)
