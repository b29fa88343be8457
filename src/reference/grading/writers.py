"""What grading writes: a CSV row per submission, the full reports as JSON lines, a feedback file each.

Rows are written and flushed as each submission finishes, so an interrupted
batch keeps the rows it has; when the batch completes the files are
rewritten sorted by submission, so the same inputs give the same files
(apart from the seconds).
"""

import csv
import json
import os
import tempfile
from pathlib import Path

from reference.seed_functions import SEED_FUNCTIONS

__all__ = ["CSV_COLUMNS", "csv_columns", "csv_row", "RowFile", "feedback_name", "write_feedback"]


def csv_columns(functions):
    """The CSV's columns: the assignment each submission was checked as, and a verdict column for each of
    ``functions`` (those of every assignment graded, in order; a name two assignments share is one column,
    read with the row's assignment)."""
    return ("submission", "assignment", "status", "score", "root_causes", "dA_convention", *dict.fromkeys(functions),
            "reason", "seconds")


CSV_COLUMNS = csv_columns(SEED_FUNCTIONS)  # the cat network's batch


def csv_row(outcome):
    return {"submission": outcome.submission, "assignment": outcome.assignment, "status": outcome.status,
            "score": f"{outcome.score:.4f}",
            "root_causes": " ".join(outcome.root_causes), "dA_convention": outcome.convention or "",
            **outcome.verdicts, "reason": outcome.reason, "seconds": f"{outcome.seconds:.2f}"}


def jsonl_record(outcome):
    return {"submission": outcome.submission, "status": outcome.status, "score": outcome.score,
            "assignment": outcome.assignment, "verdicts": outcome.verdicts, "root_causes": outcome.root_causes,
            "dA_convention": outcome.convention,
            "reason": outcome.reason, "seconds": outcome.seconds, "report": outcome.report}


class RowFile:
    """A CSV or JSONL file written row by row (flushed each time), rewritten sorted by ``finish``; a CSV has
    a verdict column for each of ``functions`` (default: the cat network's seed functions)."""

    def __init__(self, path, kind, functions=tuple(SEED_FUNCTIONS)):
        self.path, self.kind, self.rows = Path(path), kind, []
        self.columns = csv_columns(functions)
        self.file = open(self.path, "w", newline="", encoding="utf-8")
        if kind == "csv":
            self.writer = csv.DictWriter(self.file, self.columns, lineterminator="\n", extrasaction="ignore")
            self.writer.writeheader()
            self.file.flush()

    def add(self, outcome):
        row = csv_row(outcome) if self.kind == "csv" else jsonl_record(outcome)
        self.rows.append(row)
        self._write(self.file, row)
        self.file.flush()

    def _write(self, file, row):
        if self.kind == "csv":
            csv.DictWriter(file, self.columns, lineterminator="\n", extrasaction="ignore").writerow(row)
        else:
            file.write(json.dumps(row, sort_keys=True) + "\n")

    def finish(self):
        """Rewrite every row sorted by submission (through a temporary file: never half-written)."""
        self.file.close()
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as file:
            if self.kind == "csv":
                csv.DictWriter(file, self.columns, lineterminator="\n").writeheader()
            for row in sorted(self.rows, key=lambda r: r["submission"]):
                self._write(file, row)
        os.replace(temporary, self.path)

    def close(self):
        if not self.file.closed:
            self.file.close()


def feedback_name(submission):
    """'class/alice/nb.ipynb' -> 'class__alice__nb.ipynb.txt': one flat, unique file name per submission."""
    parts = [p for p in Path(submission).parts if p not in ("/", "..", ".")]
    return "__".join(parts) + ".txt"


def write_feedback(folder, outcome):
    path = Path(folder) / feedback_name(outcome.submission)
    path.write_text(f"{outcome.submission}: {outcome.status}, score {outcome.score:.2f}\n\n{outcome.text}\n",
                    encoding="utf-8")
    return path
