"""The engine: a backward pass to check, declared as data, turned into checks, oracles and a report.

Being built (issue 17). ``ops`` holds the complex-safe math every declaration's JAX forward uses.
"""
