"""Run the kit as a user would, in a fresh interpreter, and read its JSON results."""

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The self-test's own options, added to every run of the kit (last: they win), e.g.
# "--start-method=spawn --mp-without=posix_signals" to stand in for a platform without fork or
# signals (see tests/test_platforms.py).
OPTIONS = os.environ.get("MP_SELFTEST_OPTIONS", "").split()
RUN_MARKER = "CONFORMANCE_KIT_RUN"
HYPOTHESIS_HOME = "HYPOTHESIS_STORAGE_DIRECTORY"
# Environment a run of the kit must not inherit from the kit's own tests (a CI runner's step
# summary is for the job's own results).
# PYTHONDONTWRITEBYTECODE would make every run redo pytest's assertion rewriting of every module
# (a second per session).
NOT_INHERITED = ("GITHUB_STEP_SUMMARY", "PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER",
                 "PYTHONDONTWRITEBYTECODE")


def run_kit(tmp_path, *args, timeout=600, env=None, cwd=REPO):
    """Run ``pytest`` on the kit with ``args``; return ({result key: result}, completed process).

    Keys look like ``test_lock.py::test_x[spawn]``; a result is the kit's JSON result (its
    ``outcome``, ``violation``, ``stuck``, ``error`` ...).  Every process of the run inherits
    ``RUN_MARKER=<tmp_path>`` in its environment, so what it leaves behind can be found.
    """
    results = tmp_path / "results.json"
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
               f"--conformance-json={results}", "--hypothesis-seed=0", *args, *OPTIONS]
    inherited = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    # Each run has its own Hypothesis database: examples that failed in an earlier run (of a
    # mutant, say) are not replayed first, so a run shows what its seed draws, here as in CI.
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                               timeout=timeout, env={**inherited, RUN_MARKER: str(tmp_path),
                                                     HYPOTHESIS_HOME: str(tmp_path / "hypothesis"),
                                                     **(env or {})})
    if not results.exists():
        raise AssertionError(f"the kit did not run:\n{completed.stdout[-6000:]}\n"
                             f"{completed.stderr[-3000:]}")
    return read_results(results), completed


def option_values(name):
    return [arg.split("=", 1)[1] for arg in OPTIONS if arg.startswith(f"--{name}=")]


def methods_here():
    """The start methods the self-test runs: the platform's, or those its options name."""
    return option_values("start-method") or multiprocessing.get_all_start_methods()


# One start method for tests about the kit itself rather than about a method.
ONE_METHOD = methods_here()[0]


def result_key(result):
    return f"{result['invariant']}{result['id'][result['id'].index('['):]}"


def read_results(path):
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    return {result_key(result): result for result in document["results"]}


def outcomes_of(results):
    return {key: result["outcome"] for key, result in results.items()}
