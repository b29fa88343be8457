"""Every way a learner's function can misbehave becomes one Call with a reason, in time,
and the functions after it still run (the sandbox restarts its child)."""

import os
import time

import numpy as np
import pytest

from reference.learner.implementation import ImplementationError
from reference.learner.sandbox import call_failure_kind, open_sandboxed
from tests.sandbox.helpers import time_limit

A, W, b = np.ones((4, 5)), np.full((3, 4), 0.5), np.full((3, 1), 0.1)
FORWARD = ("linear_forward", ("A", "W", "b"), A, W, b)
BACKWARD = ("linear_backward", ("dZ", "cache"), np.ones((3, 5)), (A, W, b))


def sandboxed(path, timeout=10.0, memory=1 << 30):
    return open_sandboxed(path, timeout=timeout, memory=memory)


def replace(function, body):
    """A redefinition of the seed function ``function`` (args as the course's) with ``body``."""
    args = {"linear_forward": "A, W, b", "linear_backward": "dZ, cache"}[function]
    return f"\ndef {function}({args}):\n" + "".join(f"    {line}\n" for line in body.splitlines())


def after_a_failure_the_next_function_still_runs(impl):
    result = impl.call(*FORWARD)
    assert result.error is None and np.allclose(result.value[0], W @ A + b)


def test_a_correct_call_returns_the_value_and_no_mutation(learner_file):
    with time_limit(30), sandboxed(learner_file()) as impl:
        result = impl.call(*FORWARD)
        assert result.error is None and result.mutated == []
        assert np.array_equal(result.value[0], W @ A + b) and isinstance(result.value[1], tuple)


def test_an_endless_loop_times_out_and_the_next_function_runs(learner_file):
    path = learner_file(replace("linear_backward", "while True:\n    pass"))
    with time_limit(30), sandboxed(path, timeout=1.0) as impl:
        started = time.monotonic()
        result = impl.call(*BACKWARD)
        assert time.monotonic() - started < 5
        assert result.error == "linear_backward timed out after 1 s"
        assert call_failure_kind(result.error) == "timeout"
        after_a_failure_the_next_function_still_runs(impl)


def test_sys_exit_in_a_function_is_an_error_of_that_function(learner_file):
    path = learner_file(replace("linear_backward", "import sys\nsys.exit(0)"))
    with time_limit(30), sandboxed(path) as impl:
        result = impl.call(*BACKWARD)
        assert result.error == "called sys.exit(0)" and call_failure_kind(result.error) == "error"
        after_a_failure_the_next_function_still_runs(impl)


# The learner's end of the reply channel: the one pipe >= 3 that it may only write to.
REPLY_FD = ("import os, stat, fcntl\n"
            "def writable_pipe(fd):\n"
            "    try:\n"
            "        return stat.S_ISFIFO(os.fstat(fd).st_mode) and fcntl.fcntl(fd, fcntl.F_GETFL) & 3 == 1\n"
            "    except OSError:\n"
            "        return False\n"
            "reply = [fd for fd in map(int, os.listdir('/proc/self/fd')) if fd > 2 and writable_pipe(fd)][0]\n")


@pytest.mark.parametrize("body, reason", [
    ("import os\nos._exit(0)", "crashed: exited with status 0"),
    ("import os\nos._exit(3)", "crashed: exited with status 3"),
    ("import ctypes\nctypes.string_at(0)", "crashed: killed by signal SIGSEGV"),
    ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", "crashed: killed by signal SIGKILL"),
    (REPLY_FD + "os.close(reply)\nwhile True:\n    pass", "crashed: closed its end of the channel"),
])
def test_a_death_in_a_function_is_a_crash_and_the_next_function_runs(learner_file, body, reason):
    with time_limit(30), sandboxed(learner_file(replace("linear_backward", body))) as impl:
        result = impl.call(*BACKWARD)
        assert result.error == reason and call_failure_kind(result.error) == "crashed"
        after_a_failure_the_next_function_still_runs(impl)


@pytest.mark.parametrize("body, reason", [
    (REPLY_FD + "os.write(reply, b'\\x10' + b'\\0' * 7 + b'garbage!' * 2)\nwhile True:\n    pass",
     "crashed: garbage on the channel"),
    (REPLY_FD + "os.write(reply, b'\\xff' * 8)\nwhile True:\n    pass", "more than the"),
])
def test_garbage_on_the_channel_is_a_crash(learner_file, body, reason):
    with time_limit(30), sandboxed(learner_file(replace("linear_backward", body))) as impl:
        result = impl.call(*BACKWARD)
        assert reason in result.error and call_failure_kind(result.error) == "crashed"
        after_a_failure_the_next_function_still_runs(impl)


def test_over_the_memory_limit_is_said_so(learner_file):
    path = learner_file(replace("linear_backward", "big = np.ones((10 << 30) // 8)\nreturn big, big, big"))
    with time_limit(30), sandboxed(path, memory=1 << 30) as impl:
        result = impl.call(*BACKWARD)
        assert result.error.startswith("over the 1 GiB memory limit (raised MemoryError")
        after_a_failure_the_next_function_still_runs(impl)


def test_a_value_that_is_not_data_is_a_contract_failure_naming_its_type(learner_file):
    path = learner_file("class Foo:\n    pass\n" + replace("linear_forward", "return Foo()"))
    with time_limit(30), sandboxed(path) as impl:
        result = impl.call(*FORWARD)
        assert result.value is None
        assert result.error == "returned a <class 'learner_implementation.Foo'>, which is not data"


def test_a_function_writing_into_its_argument_is_caught_even_if_the_child_lies(learner_file):
    # The child's own comparison is patched to see no change: the parent decides, not the child.
    body = "import reference.learner.calling as c\nc._same = lambda a, b: True\ndZ[0, 0] = 99.0\n" \
           "A_prev, W, b = cache\nreturn W.T @ dZ, dZ @ A_prev.T / 5, dZ.sum(axis=1, keepdims=True) / 5"
    with time_limit(30), sandboxed(learner_file(replace("linear_backward", body))) as impl:
        result = impl.call(*BACKWARD)
        assert result.error is None and result.mutated == ["dZ"]


def test_output_is_captured_and_capped(learner_file):
    body = "import os\nprint('x' * (3 << 20))\nos.write(1, b'raw line\\n')\nreturn W @ A + b, (A, W, b)"
    with time_limit(30), sandboxed(learner_file(replace("linear_forward", body))) as impl:
        result = impl.call(*FORWARD)
        assert result.error is None
        assert "output capped at 1 MiB" in result.output and len(result.output) < 2 << 20


def test_a_learner_cannot_touch_the_working_folder_and_its_own_folder_is_removed(learner_file, tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    body = ("import os, glob\nfor f in glob.glob('*'):\n    os.remove(f)\nopen('left-behind.txt', 'w').write('x')\n"
            "return W @ A + b, (A, W, b)")
    os.chdir(tmp_path)  # the checker's working folder is the learner's folder here: still untouched
    with time_limit(30):
        impl = sandboxed(learner_file(replace("linear_forward", body)))
        workdir = impl._sandbox.workdir
        assert impl.call(*FORWARD).error is None
        assert os.path.exists(os.path.join(workdir, "left-behind.txt"))
        impl.close()
    assert precious.read_text() == "keep me" and not (tmp_path / "left-behind.txt").exists()
    assert not os.path.exists(workdir)


def _processes_running(marker):
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                if marker.encode() in cmdline.read():
                    found.append(pid)
        except OSError:
            pass
    return found


def test_a_process_the_learner_started_is_killed_with_the_sandbox(learner_file):
    marker = f"{300 + os.getpid() % 1000 / 1000:.3f}"  # `sleep 300.xyz`: ours alone
    body = f"import subprocess\nsubprocess.Popen(['sleep', '{marker}'])\nreturn W @ A + b, (A, W, b)"
    with time_limit(30):
        impl = sandboxed(learner_file(replace("linear_forward", body)))
        assert impl.call(*FORWARD).error is None
        deadline = time.monotonic() + 5  # the exec of sleep may still be finishing
        while not _processes_running(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _processes_running(marker)
        impl.close()
        deadline = time.monotonic() + 5
        while _processes_running(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert not _processes_running(marker)


def test_the_child_is_isolated_and_never_imports_jax(learner_file):
    body = ("import sys, os\nreturn np.array([float('jax' in sys.modules), float(sys.flags.isolated), "
            "float(os.environ.get('OPENBLAS_NUM_THREADS') == '1'), float(os.environ.get('MPLBACKEND') == 'Agg'), "
            "float(sys.stdin.read() == '')]), (A, W, b)")
    with time_limit(30), sandboxed(learner_file(replace("linear_forward", body))) as impl:
        result = impl.call(*FORWARD)
        assert result.error is None and result.value[0].tolist() == [0.0, 1.0, 1.0, 1.0, 1.0]


@pytest.mark.parametrize("header, reason", [
    ("import os\nos._exit(0)", "the implementation exited with status 0 while loading"),
    ("import os\nos._exit(4)", "the implementation exited with status 4 while loading"),
    ("while True:\n    pass", "the implementation timed out after 1 s while loading"),
    ("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)", "killed by signal SIGSEGV while loading"),
])
def test_a_file_that_dies_or_hangs_while_loading_is_unloadable(learner_file, header, reason):
    path = learner_file(header=header)
    with time_limit(30), pytest.raises(ImplementationError) as raised:
        sandboxed(path, timeout=1.0)
    assert reason in str(raised.value) and str(path) in str(raised.value)


def test_sys_exit_while_loading_is_a_skipped_statement(learner_file):
    with time_limit(30), sandboxed(learner_file(header="import sys\nsys.exit(0)")) as impl:
        assert any("SystemExit" in s for s in impl.skipped)
        after_a_failure_the_next_function_still_runs(impl)


def test_without_the_zygote_each_child_is_a_new_isolated_python(learner_file, monkeypatch):
    from reference.learner import spawning

    monkeypatch.delattr(spawning.socket, "send_fds")
    path = learner_file(replace("linear_backward", "import os\nos._exit(3)"))
    with time_limit(30), sandboxed(path) as impl:
        assert isinstance(impl._sandbox.child.process, spawning._Started)
        assert impl.call(*BACKWARD).error == "crashed: exited with status 3"
        after_a_failure_the_next_function_still_runs(impl)


def test_a_loader_patched_by_the_learner_cannot_claim_what_is_supplied(learner_file):
    # The learner's code runs inside from_path, so it can replace what from_path calls next.
    header = ("import reference.learner.loading as loading\n"
              "_real = loading.from_mapping\n"
              "def _forged(*a, **k):\n"
              "    impl = _real(*a, **k)\n"
              "    impl.supplied.append('L_model_backward')\n"
              "    return impl\n"
              "loading.from_mapping = _forged\n")
    with time_limit(30), pytest.raises(ImplementationError, match="garbage on the channel: supplied"):
        sandboxed(learner_file(header=header))
