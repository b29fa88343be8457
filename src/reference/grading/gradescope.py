"""Gradescope's autograder results (results.json) for one submission: a test per function of its assignment.

The format (Gradescope's "Autograder Specifications"): a top-level ``score``,
``output``, ``visibility``, ``execution_time`` and ``tests``, each test with
``name``, ``score``, ``max_score``, ``status`` (passed/failed) and ``output``.
Run ``manual-dnn grade --gradescope /autograder/results/results.json
/autograder/submission`` from the autograder's run_autograder script.
"""

import json

from reference.grading.outcome import default_weights

__all__ = ["gradescope_results", "write_gradescope"]

SAID = {"missing": "Not found in your file, so not checked.",
        "supplied": "Not yours: supplied by the checker, as the course did."}


def _test_output(outcome, name, kept):
    verdict = outcome.verdicts.get(name, "missing")
    if verdict in SAID:
        return SAID[verdict]
    if outcome.report is None:
        return outcome.reason
    checks = [c for c in outcome.report["checks"] if c["function"] == name]
    failed = [c for c in checks if c["passed"] is False]
    if not failed:
        return f"PASS: {len(checks)} check{'' if len(checks) == 1 else 's'} against JAX and numerical differentiation."
    causes = outcome.explained_by.get(name)
    head = [f"These failures follow from {', '.join(causes)}: fix {'it' if len(causes) == 1 else 'them'} first"
            + (" (no points lost here)." if kept else ".")] if causes else []
    return "\n".join(head + [f"FAIL {c['target']} ({c['oracle']}): {c['detail']}" for c in failed])


def gradescope_results(outcome, weights=None):
    """The results.json dict for one graded submission; points per function are its weight
    (by default 1 for each function of the submission's notebooks: outcome.default_weights),
    earned as the outcome's scoring says (outcome.points)."""
    weights = dict(weights) if weights is not None else \
        default_weights(outcome.verdicts, outcome.assignment, outcome.missing)
    tests = []
    for name in outcome.verdicts:  # the functions of its assignment, in the table's order
        weight = weights.get(name, 0.0)
        verdict = outcome.verdicts.get(name, "missing")
        if weight <= 0 or verdict == "supplied":
            continue
        earned = outcome.points.get(name, (weight if verdict == "pass" else 0.0, weight))[0]
        kept = verdict != "pass" and earned > 0
        tests.append({"name": name, "score": earned, "max_score": weight,
                      "status": "passed" if verdict == "pass" else "failed",
                      "output": _test_output(outcome, name, kept), "visibility": "visible"})
    summary = outcome.reason
    if outcome.root_causes:
        summary += f"\nFix first: {', '.join(outcome.root_causes)}."
    return {"score": round(sum(t["score"] for t in tests), 4), "execution_time": round(outcome.seconds, 2),
            "output": summary, "visibility": "visible", "stdout_visibility": "hidden", "tests": tests}


def write_gradescope(path, outcome, weights=None):
    with open(path, "w", encoding="utf-8") as file:
        json.dump(gradescope_results(outcome, weights), file, indent=2)
        file.write("\n")
