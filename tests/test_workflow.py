"""The CI workflow: valid, linted, and running the README's commands on every platform."""

import shutil
import subprocess
import sys
import sysconfig

from tests.kit import REPO

WORKFLOW = REPO / ".github" / "workflows" / "conformance.yml"
ZIZMOR_CONFIG = REPO / ".github" / "zizmor.yml"


def test_workflow_is_valid():
    completed = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(WORKFLOW)], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def zizmor(workflow):
    """Lint a workflow with zizmor (GitHub Actions: syntax, template injection, credentials)."""
    found = shutil.which("zizmor", path=sysconfig.get_path("scripts")) or shutil.which("zizmor")
    assert found, "zizmor is not installed: python -m pip install -e '.[test]'"
    return subprocess.run([found, "--offline", "--config", str(ZIZMOR_CONFIG), str(workflow)],
                          capture_output=True, text=True, timeout=120)


def test_workflow_passes_the_actions_linter():
    completed = zizmor(WORKFLOW)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_actions_linter_catches_a_template_injection(tmp_path):
    risky = tmp_path / "risky.yml"
    risky.write_text(WORKFLOW.read_text().replace(
        'run: pytest tests', 'run: pytest tests -k "${{ github.event.pull_request.title }}"'))
    completed = zizmor(risky)
    assert completed.returncode != 0 and "template-injection" in completed.stdout, \
        completed.stdout + completed.stderr


def test_workflow_runs_the_readme_commands():
    workflow, readme = WORKFLOW.read_text(), (REPO / "README.md").read_text()
    for command in ('python -m pip install -e ".[test]"', "pytest conformance", "pytest tests"):
        assert command in readme and command in workflow
    for runner in ("ubuntu-latest", "macos-latest", "windows-latest", "pypy3.9", "3.9", "3.14"):
        assert runner in workflow


def test_workflow_caches_cancels_and_always_combines():
    workflow = WORKFLOW.read_text()
    assert "cache: pip" in workflow
    assert "cancel-in-progress: true" in workflow
    assert "if: ${{ !cancelled() }}" in workflow
    assert "no conformance results arrived" in workflow
