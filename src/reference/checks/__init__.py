"""Check points and comparisons, function by function, and the checker that runs them all."""
