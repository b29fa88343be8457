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

__all__ = ["CSV_COLUMNS", "csv_row", "RowFile", "feedback_name", "write_feedback"]

CSV_COLUMNS = ("submission", "status", "score", "root_causes", "dA_convention", *SEED_FUNCTIONS, "reason",
               "seconds")


def csv_row(outcome):
    return {"submission": outcome.submission, "status": outcome.status, "score": f"{outcome.score:.4f}",
            "root_causes": " ".join(outcome.root_causes), "dA_convention": outcome.convention or "",
            **outcome.verdicts, "reason": outcome.reason, "seconds": f"{outcome.seconds:.2f}"}


def jsonl_record(outcome):
    return {"submission": outcome.submission, "status": outcome.status, "score": outcome.score,
            "verdicts": outcome.verdicts, "root_causes": outcome.root_causes, "dA_convention": outcome.convention,
            "reason": outcome.reason, "seconds": outcome.seconds, "report": outcome.report}


class RowFile:
    """A CSV or JSONL file written row by row (flushed each time), rewritten sorted by ``finish``."""

    def __init__(self, path, kind):
        self.path, self.kind, self.rows = Path(path), kind, []
        self.file = open(self.path, "w", newline="", encoding="utf-8")
        if kind == "csv":
            self.writer = csv.DictWriter(self.file, CSV_COLUMNS, lineterminator="\n")
            self.writer.writeheader()
            self.file.flush()

    def add(self, outcome):
        row = csv_row(outcome) if self.kind == "csv" else jsonl_record(outcome)
        self.rows.append(row)
        self._write(self.file, row)
        self.file.flush()

    def _write(self, file, row):
        if self.kind == "csv":
            csv.DictWriter(file, CSV_COLUMNS, lineterminator="\n").writerow(row)
        else:
            file.write(json.dumps(row, sort_keys=True) + "\n")

    def finish(self):
        """Rewrite every row sorted by submission (through a temporary file: never half-written)."""
        self.file.close()
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as file:
            if self.kind == "csv":
                csv.DictWriter(file, CSV_COLUMNS, lineterminator="\n").writeheader()
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
