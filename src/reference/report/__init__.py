"""The verdicts: checks, the report, its root causes and how it is shown."""
