"""The parent's end of a child's pipes, when the child is quicker than the parent."""

import os
import time

from reference.learner import channel, wire


class _Child:
    pid = None

    def exit_code(self, timeout):
        return None


def test_a_reply_written_before_the_request_is_sent_waits_for_its_own_exchange(monkeypatch, tmp_path):
    # A forked child says "ready" at once while the parent is still sending the load order
    # (reply=False: no reply read there). Reading the ready there refused it as too large: "the
    # checker's sandbox could not start", an unloadable verdict for a file that loads (seen once or
    # twice in 200 graded files).
    kept = []

    def quick_child(workdir, memory, cpu_seconds, requests, replies, output):
        kept.append(os.dup(requests))  # the child's end of the requests: it reads them later
        for part in wire.frame({"ready": True}):
            os.write(replies, part)
        return _Child()

    monkeypatch.setattr(channel, "launch", quick_child)
    child = channel.Channel(str(tmp_path), 1 << 30, 60)
    try:
        order = {"op": "load", "path": "learner.py"}
        assert child.exchange(wire.frame(order), time.monotonic() + 5, 0, reply=False) is None
        assert child.exchange([], time.monotonic() + 5, 1 << 10) == {"ready": True}
        with os.fdopen(kept.pop(), "rb") as requests:
            assert wire.decode(wire.read_body(requests, requests.read(8))) == order
    finally:
        child.close()
        for fd in kept:
            os.close(fd)


class _Gone:
    pid = None

    def exit_code(self, timeout):
        return 1


def test_a_sandbox_that_cannot_start_is_the_checkers_failure_not_the_learners(monkeypatch, learner_file, capsys):
    from manual_dnn_cli.main import main
    from reference.grading.outcome import Settings, grade_submission

    monkeypatch.setattr(channel, "launch", lambda *_: _Gone())  # a child that is gone before it reads a thing
    path = learner_file()
    outcome = grade_submission(path, Settings(layers=(3, 2, 1), examples=4))
    assert (outcome.status, outcome.score) == ("error", 0.0)
    assert "the checker's sandbox could not start (crashed: exited with status 1)" in outcome.reason
    assert main(["gradcheck", "--impl", str(path), "--layers", "3,2,1", "--examples", "4"]) == 3
    assert "the checker's sandbox could not start" in capsys.readouterr().err


def test_a_childs_exit_code_is_known_again_when_it_is_killed_after_it_died(tmp_path):
    # A learner's os._exit is read once to say why the child ended, then again when the
    # sandbox kills and reaps it: the zygote says it only once, so the second asking waited
    # its full timeout and got None (2 s lost per crashed call).
    from reference.learner import spawning

    to_child, requests = os.pipe()
    replies, from_child = os.pipe()
    output, output_end = os.pipe()
    process = spawning.launch(str(tmp_path), 1 << 30, 60, to_child, from_child, output_end)
    for fd in (to_child, from_child, output_end):
        os.close(fd)
    try:
        os.close(requests)  # nothing to ask: the child reads the end and exits with status 0
        assert process.exit_code(timeout=30) == 0
        assert process.exit_code(timeout=30) == 0
        channel.kill(process, None)  # what the sandbox does next: no error, no wait
    finally:
        os.close(replies)
        os.close(output)
