"""A learner's code: its source, loading it, and calling it so that whatever it does becomes data."""
