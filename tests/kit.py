"""Run the kit as a user would, in a fresh interpreter, and read pytest's JUnit XML."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from conformance.outcomes import UNSUPPORTED_PREFIX

REPO = Path(__file__).resolve().parent.parent
METHODS = ("fork", "spawn", "forkserver")
RUN_MARKER = "CONFORMANCE_KIT_RUN"


def run_kit(tmp_path, *args, timeout=600, env=None):
    """Run ``pytest`` on the kit with ``args``; return ({test id: outcome}, completed process).

    Test ids look like ``test_lock.py::test_x[spawn]``; outcomes are passed, failed, error,
    unsupported or skipped.  Every process of the run inherits ``RUN_MARKER=<tmp_path>`` in its environment,
    so what it leaves behind can be found.
    """
    junit = tmp_path / "junit.xml"
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
               f"--junitxml={junit}", "--hypothesis-seed=0", *args]
    completed = subprocess.run(command, cwd=REPO, capture_output=True, text=True,
                               timeout=timeout, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1",
                                    RUN_MARKER: str(tmp_path), **(env or {})})
    if not junit.exists():
        raise AssertionError(f"the kit did not run:\n{completed.stdout}\n{completed.stderr}")
    return read_junit(junit), completed


def read_junit(path):
    outcomes = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        module = case.get("classname").rsplit(".", 1)[-1]
        outcome = "passed"
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                outcome = {"failure": "failed"}.get(child.tag, child.tag)
            if child.tag == "skipped" and UNSUPPORTED_PREFIX in (child.get("message") or ""):
                outcome = "unsupported"
        outcomes[f"{module}.py::{case.get('name')}"] = outcome
    return outcomes
