"""The compiled oracles kept between runs: on by default, off on request, shared safely, never fatal.

Each run is a fresh process (a cache lives between processes) with XDG_CACHE_HOME in a temporary
folder, so the user's cache is neither read nor written. Whether a run compiled, traced or loaded
is read from JAX's own monitoring events, counted in that process: no timing.
"""

import json
import os
import subprocess
import sys
import zlib
from concurrent.futures import ThreadPoolExecutor

import pytest

SMALL = ["--layers", "5,4,3,1", "--examples", "6"]

# Runs `manual-dnn ARGS...` in this process and prints, last, what JAX did while it ran.
CLI_PROBE = """
import json, sys
from jax import monitoring
events = []
monitoring.register_event_duration_secs_listener(lambda event, duration, **kw: events.append(event))
from manual_dnn_cli.main import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "traces": events.count("/jax/core/compile/jaxpr_trace_duration"),
                  "compiles": events.count("/jax/core/compile/backend_compile_duration")}))
"""

# Compiles FUNCTIONS small jitted functions through JAX's persistent cache, as an oracle does.
JAX_PROBE = """
import json, sys
import jax, jax.numpy as jnp, numpy as np
from jax import monitoring
from reference.oracles import compilation_cache
events = []
monitoring.register_event_listener(lambda event, **kw: events.append(event))
values = []
with compilation_cache.in_use(), jax.enable_x64(True):
    for k in range(int(sys.argv[1])):
        values.append(float(jax.jit(lambda x, k=k: jnp.sum(jnp.sin(x) * (k + 1)))(np.arange(3.0))))
print(json.dumps({"values": values, "hits": events.count("/jax/compilation_cache/cache_hits"),
                  "misses": events.count("/jax/compilation_cache/cache_misses")}))
"""
FUNCTIONS = 12


def _environment(home, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("MANUAL_DNN_NO_CACHE", "JAX_COMPILATION_CACHE_DIR")}
    return {**env, "XDG_CACHE_HOME": str(home), "OPENBLAS_NUM_THREADS": "1", **extra}


def _run(probe, args, home, **extra):
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True,
                            env=_environment(home, **extra), timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def _gradcheck(home, *options, **extra):
    return _run(CLI_PROBE, ["gradcheck", *SMALL, *options], home, **extra)


def _files(home, folder, pattern):
    return sorted((home / "manual-dnn" / folder).glob(pattern))


@pytest.fixture(scope="module")
def warm_home(tmp_path_factory):
    """A cache folder after one check: (its path, what the first run did)."""
    home = tmp_path_factory.mktemp("cache-home")
    first, _ = _gradcheck(home)
    return home, first


def test_a_first_check_compiles_and_keeps_its_oracles_in_the_user_cache_folder(warm_home):
    home, first = warm_home
    assert first["code"] == 0
    assert first["compiles"] > 0
    assert _files(home, "executables", "*.xla"), "nothing kept under $XDG_CACHE_HOME/manual-dnn/executables"


def test_a_second_check_neither_traces_nor_compiles(warm_home, tmp_path):
    home, _ = warm_home
    second, _ = _gradcheck(home)
    assert second == {"code": 0, "traces": 0, "compiles": 0}


def test_an_engine_assignments_second_check_neither_traces_nor_compiles(tmp_path):
    only = ["gradcheck", "--assignment", "cs231n", "--only", "batchnorm_backward,conv_backward_naive"]
    first, _ = _run(CLI_PROBE, only, tmp_path)
    second, _ = _run(CLI_PROBE, only, tmp_path)
    assert first["code"] == second["code"] == 0 and first["compiles"] > 0, first
    assert second["traces"] == second["compiles"] == 0, second


@pytest.mark.parametrize("how", ["--no-cache", "MANUAL_DNN_NO_CACHE=1"])
def test_the_cache_can_be_turned_off(tmp_path, how):
    options, extra = (["--no-cache"], {}) if how == "--no-cache" else ([], {"MANUAL_DNN_NO_CACHE": "1"})
    for _ in range(2):
        run, _ = _gradcheck(tmp_path, *options, **extra)
        assert run["code"] == 0 and run["traces"] > 0 and run["compiles"] > 0  # the second run compiles again
    assert not (tmp_path / "manual-dnn").exists()


def test_two_checks_filling_an_empty_cache_at_once_leave_it_whole(tmp_path):
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda _: _gradcheck(tmp_path), range(2)))
    assert all(run["code"] == 0 for run, _ in runs)
    assert not _files(tmp_path, "executables", ".writing-*"), "a temporary file was left behind"
    third, stderr = _gradcheck(tmp_path)
    assert third == {"code": 0, "traces": 0, "compiles": 0}, stderr


def test_two_processes_filling_jax_s_persistent_cache_at_once_leave_it_whole(tmp_path):
    """Its entries are written under JAX's file lock (a size bound turns it on): a third process
    finds every one of them, readable."""
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda _: _run(JAX_PROBE, [str(FUNCTIONS)], tmp_path), range(2)))
    expected = runs[0][0]["values"]
    assert all(run["values"] == expected and "Error" not in stderr for run, stderr in runs)
    entries = _files(tmp_path, "jax", "*-cache")
    assert len(entries) == FUNCTIONS
    assert all(zlib.decompress(entry.read_bytes()) for entry in entries)
    third, stderr = _run(JAX_PROBE, [str(FUNCTIONS)], tmp_path)
    assert third == {"values": expected, "hits": FUNCTIONS, "misses": 0}, stderr


def test_damaged_compiled_oracles_are_compiled_again_not_fatal(warm_home, tmp_path):
    home, _ = warm_home
    copy = tmp_path / "home"
    subprocess.run(["cp", "-r", str(home), str(copy)], check=True)
    kept = _files(copy, "executables", "*.xla")
    for path in kept:
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])  # as a killed writer would leave it
    damaged, stderr = _gradcheck(copy)
    assert damaged["code"] == 0 and damaged["compiles"] > 0
    assert "Traceback" not in stderr and "rror" not in stderr
    again, _ = _gradcheck(copy)
    assert again == {"code": 0, "traces": 0, "compiles": 0}  # written whole again


def test_a_kept_executable_that_cannot_run_falls_back_to_jit(warm_home, tmp_path):
    """A file that loads but whose executable fails (here: another function's) is removed and the
    function compiled afresh: the verdict is the same."""
    home, _ = warm_home
    copy = tmp_path / "home"
    subprocess.run(["cp", "-r", str(home), str(copy)], check=True)
    kept = _files(copy, "executables", "*.xla")
    layer = next(p for p in kept if p.name.startswith("engine-"))  # a per-layer function's program
    other = next(p for p in kept if "_activations-" in p.name)
    layer.write_bytes(other.read_bytes())
    run, stderr = _gradcheck(copy)
    assert run["code"] == 0 and run["compiles"] > 0, stderr


def test_a_damaged_entry_of_jax_s_cache_is_removed_quietly(tmp_path):
    first, _ = _run(JAX_PROBE, [str(FUNCTIONS)], tmp_path)
    entries = _files(tmp_path, "jax", "*-cache")
    for entry in entries:
        entry.write_bytes(b"not an executable")
    damaged, stderr = _run(JAX_PROBE, [str(FUNCTIONS)], tmp_path)
    assert damaged["values"] == first["values"]
    assert "Error reading persistent compilation cache" not in stderr
    assert not [e for e in _files(tmp_path, "jax", "*-cache") if e.read_bytes() == b"not an executable"]
    _run(JAX_PROBE, [str(FUNCTIONS)], tmp_path)  # writes them again
    again, _ = _run(JAX_PROBE, [str(FUNCTIONS)], tmp_path)
    assert again == {"values": first["values"], "hits": FUNCTIONS, "misses": 0}
