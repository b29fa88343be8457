"""Grading a class: many learners' files checked in parallel, each in its own sandbox.

- ``submissions``: which files a command line names (files and folders of .py/.ipynb);
- ``outcome``: one submission checked -> its status, per-function verdicts and score;
- ``runner``: worker processes (BLAS on one thread each, oracle results remembered across submissions);
- ``writers``: the CSV, JSONL and feedback files; ``gradescope``: Gradescope's results.json.
"""
