"""Installed, the kit changes nothing for other projects' tests in the same environment.

A foreign project (many trivial tests and one Hypothesis test) runs with the kit's plugin loaded
(as it is wherever the kit is installed) and with it disabled: the same tests pass, Hypothesis
draws the same number of examples (also with ``CI`` set, which makes Hypothesis load its ``ci``
profile), and no warning filter, header or report section is added.  What the plugin costs such a
project in time is ``bench/citizen.py``'s to show.
"""

import os
import subprocess
import sys
import time

TRIVIAL_TESTS = 2000
EXAMPLES_FILE = "examples.txt"
PROJECT_TEST = f'''
import os
import warnings

import pytest
from hypothesis import given, strategies as st


@pytest.mark.parametrize("n", range({TRIVIAL_TESTS}))
def test_trivial(n):
    assert n >= 0


@given(st.integers())
def test_drawn(value):
    with open(os.path.join(os.path.dirname(__file__), "{EXAMPLES_FILE}"), "a") as f:
        f.write("x")


def test_warnings_are_this_projects_own():
    with pytest.warns(DeprecationWarning, match="is multi-threaded"):
        warnings.warn("This process (pid=1) is multi-threaded, use of fork() may lead to "
                      "deadlocks in the child.", DeprecationWarning)
'''


def run_project(project, *options, ci=False):
    examples = project / EXAMPLES_FILE
    if examples.exists():
        examples.unlink()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    if ci:
        env["CI"] = "true"
    started = time.perf_counter()  # for bench/citizen.py
    completed = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                "-p", "no:randomly", *options, str(project)], cwd=project,
                               capture_output=True, text=True, env=env, timeout=300)
    elapsed = time.perf_counter() - started
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    return elapsed, len(examples.read_text()), completed.stdout


def test_a_foreign_project_runs_as_if_the_kit_were_absent(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "test_project.py").write_text(PROJECT_TEST)
    for ci in (False, True):
        _, examples_with, output_with = run_project(project, ci=ci)
        _, examples_without, output_without = run_project(project, "-p", "no:conformance",
                                                          ci=ci)
        assert examples_with == examples_without, f"CI={ci}: Hypothesis drew differently"
        assert "conformance" not in output_with
        assert output_with.splitlines()[-1].split(" in ")[0] == \
            output_without.splitlines()[-1].split(" in ")[0]
