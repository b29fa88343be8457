"""`manual-dnn gradcheck` stopped by SIGTERM (kill, a batch system) leaves nothing of the learner's behind."""

import os
import signal
import subprocess
import time

from tests.sandbox.helpers import CORRECT, MANUAL_DNN, SMALL


def _learner_processes(temp):
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.readlink(f"/proc/{pid}/cwd").startswith(str(temp)):
                found.append(pid)
        except OSError:
            continue
    return found


def test_sigterm_closes_the_sandbox_and_removes_its_folder(tmp_path):
    learner = tmp_path / "slow.py"
    learner.write_text(CORRECT + "\nimport time\ndef linear_forward(A, W, b):\n    time.sleep(60)\n")
    temp = tmp_path / "tmp"
    temp.mkdir()
    process = subprocess.Popen([*MANUAL_DNN, "gradcheck", "--impl", str(learner), *SMALL, "--timeout", "60"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
                               env={**os.environ, "TMPDIR": str(temp)})
    try:
        deadline = time.monotonic() + 120
        while not _learner_processes(temp) and time.monotonic() < deadline:  # the learner's child is running
            assert process.poll() is None, process.communicate()
            time.sleep(0.2)
        assert list(temp.glob("manual-dnn-learner-*")) and _learner_processes(temp)
        time.sleep(1)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 143 and "Traceback" not in err
    deadline = time.monotonic() + 10
    while _learner_processes(temp) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _learner_processes(temp) and not list(temp.iterdir())
