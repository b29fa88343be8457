"""Calling a learner's function with its own signature, and reading what it returned."""

from reference.engine.contract import bind, unpack
from reference.engine.declarations import Function, Keys

ROW = Function("compute_cost", ("A2", "Y", "parameters"), "cost")
VALUES = {"A2": "a", "Y": "y", "parameters": "p", "lambd": "l"}


def _bound(signature, aliases=None):
    names, args, checks = bind(ROW, signature, VALUES, aliases)
    return names, args, [(c.verdict, c.target) for c in checks]


def test_the_courses_signature_is_called_in_its_order_with_no_row():
    assert _bound([("A2", False), ("Y", False), ("parameters", False)]) == (
        ["A2", "Y", "parameters"], ["a", "y", "p"], [])
    assert _bound(None) == (["A2", "Y", "parameters"], ["a", "y", "p"], [])


def test_case_and_underscores_do_not_make_a_difference():
    assert _bound([("a2", False), ("y", False), ("Parameters", False)])[2] == []


def test_another_versions_shorter_signature_is_called_by_name_and_reported_as_a_difference():
    names, args, rows = _bound([("A2", False), ("Y", False)])
    assert (names, args, rows) == (["A2", "Y"], ["a", "y"], [("DIFFERS", "signature")])


def test_reordered_parameters_are_called_by_name():
    names, args, rows = _bound([("Y", False), ("parameters", False), ("A2", False)])
    assert args == ["y", "p", "a"] and rows == [("DIFFERS", "signature")]


def test_aliases_match_parameters_of_other_names():
    names, args, rows = _bound([("A2", False), ("Y", False), ("params", False)], {"parameters": ("params",)})
    assert args == ["a", "y", "p"] and rows == []


def test_renamed_parameters_in_the_courses_order_are_called_by_position():
    assert _bound([("AL", False), ("labels", False), ("params", False)]) == (
        ["A2", "Y", "parameters"], ["a", "y", "p"], [])


def test_a_defaulted_parameter_of_its_own_is_left_to_its_default():
    names, args, rows = _bound([("A2", False), ("Y", False), ("parameters", False), ("verbose", True)])
    assert args == ["a", "y", "p"] and rows == []


def test_a_required_parameter_nobody_can_give_is_a_contract_failure():
    names, args, rows = _bound([("A2", False), ("Y", False), ("parameters", False), ("epoch", False)])
    assert args is None and rows == [("FAIL", "signature")]


def test_a_nested_structure_is_read_by_name_and_a_missing_key_is_named():
    row = Function("propagate", ("w", "b", "X", "Y"), (Keys("dw", "db"), "cost"))
    assert unpack(row, ({"dw": 1, "db": 2}, 3))[0] == {"dw": 1, "db": 2, "cost": 3}
    found, checks = unpack(row, ({"dw": 1}, 3))
    assert found is None and "'db'" in checks[0].detail and checks[0].passed is False
    found, checks = unpack(row, None)
    assert found is None and "None (is a return statement missing?)" in checks[0].detail


def test_another_versions_structure_is_read_and_reported_as_a_difference():
    row = Function("propagate", ("w", "b", "X", "Y"), (Keys("dw", "db"), "cost"))
    found, checks = unpack(row, (3, {"dw": 1, "db": 2}), alternatives=(("cost", Keys("dw", "db")),))
    assert found == {"cost": 3, "dw": 1, "db": 2} and checks[0].verdict == "DIFFERS"


def test_another_versions_longer_signature_is_called_whole_when_the_learners_is_that_one():
    row = Function("TwoLayerNet.loss", ("X", "y"), "loss", signatures=(("X", "y", "reg"),))
    values = {"X": "x", "y": "labels", "reg": 0.5}
    names, args, checks = bind(row, [("X", False), ("y", True), ("reg", True)], values)
    assert (names, args, [(c.verdict, c.target) for c in checks]) == (
        ["X", "y", "reg"], ["x", "labels", 0.5], [("DIFFERS", "signature")])
    assert bind(row, [("X", False), ("y", True)], values)[:2] == (["X", "y"], ["x", "labels"])


def test_a_dict_read_under_another_naming_gives_the_rows_names_and_says_the_difference():
    row = Function("cell_backward", ("da", "cache"), Keys("dxt", "dWi"),
                   alternatives=(Keys(("dx", "dxt"), ("dWu", "dWi")),))
    leaves, checks = unpack(row, {"dx": 1, "dWu": 2, "extra": 3}, row.alternatives)
    assert leaves == {"dxt": 1, "dWi": 2}
    assert [(c.verdict, c.target) for c in checks] == [("DIFFERS", "returns")]
    assert "{dx, dWu}, the course's {dxt, dWi}" in checks[0].detail
    assert unpack(row, {"dxt": 1}, row.alternatives)[0] is None  # neither naming: a failure, said
