"""Reading a text report as a learner does: its verdict line, its first failure, its size."""

VERDICT_WORDS = ("PASS", "FAIL", "INCOMPLETE", "NOTHING CHECKED", "NOTHING JUDGED")
PAGE_LINES, PAGE_WIDTH = 40, 100  # a one-bug file's default report fits on a screen


def verdict_of(page):
    """The verdict sentence of a text report, unwrapped: the first line that starts with a verdict
    word, and the indented lines that continue it."""
    lines = page.splitlines()
    for at, line in enumerate(lines):
        if line.split(":")[0] in VERDICT_WORDS:
            rest = []
            for more in lines[at + 1:]:
                if not more.startswith("  "):
                    break
                rest.append(more.strip())
            return " ".join([line, *rest])
    return ""


def right_after_the_header(page):
    """Whether the verdict follows the header ("manual-dnn gradcheck: FILE on layers ..." and its wrapped rest)."""
    lines = page.splitlines()
    at = next((k for k, line in enumerate(lines) if line.split(":")[0] in VERDICT_WORDS), None)
    return at is not None and at >= 1 and lines[0].startswith("manual-dnn gradcheck:") and all(
        line.startswith("  ") for line in lines[1:at])


def first_failure(page):
    """The first line of a text report that shows a failing check ("  FAIL function target ...")."""
    return next((line for line in page.splitlines() if line.lstrip().startswith("FAIL ")), "")


def fits_a_screen(page):
    lines = page.splitlines()
    return len(lines) <= PAGE_LINES and max(map(len, lines)) <= PAGE_WIDTH
