"""The report tells the truth: outcomes, expectations, JSON, Markdown, the matrix, the workflow."""

import json
import shutil
import subprocess
import sys
import sysconfig
from types import SimpleNamespace

import pytest

from conformance import expectations, matrix, outcomes
from conformance.report import invariant_metadata
from tests.kit import REPO, run_kit

FACTS = {"os": "linux", "interpreter": "cpython", "python": "3.11.7",
         "implementation": "multiprocessing", "start_method": "spawn", "provider": "native"}


def test_metadata_comes_from_the_docstring():
    def invariant():
        """A lock serialises its critical
        sections.

        Docs: multiprocessing — Synchronization primitives (Lock).
        Promises: LOCK-2, LOCK-9.
        """

    assert invariant_metadata(invariant) == {
        "promise": "A lock serialises its critical sections.",
        "docs": "multiprocessing — Synchronization primitives (Lock).",
        "promises": ["LOCK-2", "LOCK-9"],
    }


@pytest.mark.parametrize("report, name", [
    (SimpleNamespace(passed=True, skipped=False, when="call"), outcomes.PASSED),
    (SimpleNamespace(passed=False, skipped=True, when="call",
                     longrepr=("f", 1, "Skipped: unsupported on this platform: sem_getvalue")),
     outcomes.UNSUPPORTED),
    (SimpleNamespace(passed=False, skipped=True, when="call", longrepr=("f", 1, "Skipped: x")),
     outcomes.SKIPPED),
    (SimpleNamespace(passed=False, skipped=False, when="setup"), outcomes.ERROR),
    (SimpleNamespace(passed=False, skipped=False, when="call"), outcomes.VIOLATED),
])
def test_outcomes_are_named(report, name):
    assert outcomes.classify(report, None) == name


def deviation(**when):
    return expectations.parse({"invariant": "test_lock.py::test_*", "outcome": "violated",
                               "reason": "r", "when": when}, "inline")


@pytest.mark.parametrize("when, applies", [
    ({}, True),
    ({"os": ["linux", "darwin"]}, True),
    ({"os": "windows"}, False),
    ({"python": ">=3.9,<3.12"}, True),
    ({"python": ">=3.12"}, False),
    ({"start_method": ["fork"]}, False),
    ({"implementation": ["multiprocessing"], "provider": ["native"]}, True),
])
def test_expectation_conditions(when, applies):
    assert deviation(**when).applies("test_lock.py::test_x", FACTS) is applies


def test_expectation_pattern_names_the_invariant():
    assert not deviation().applies("test_rlock.py::test_x", FACTS)


@pytest.mark.parametrize("entry, complaint", [
    ({"invariant": "x", "outcome": "violated"}, "missing reason"),
    ({"invariant": "x", "outcome": "broken", "reason": "r"}, "outcome must be"),
    ({"invariant": "x", "outcome": "violated", "reason": "r", "when": {"arch": "x"}},
     "unknown conditions"),
    ({"invariant": "x", "outcome": "violated", "reason": "r", "typo": 1}, "unknown keys"),
    ({"invariant": "x", "outcome": "violated", "reason": "r", "intermittent": "yes"},
     "intermittent must be"),
])
def test_malformed_expectations_are_refused(entry, complaint):
    with pytest.raises(expectations.ExpectationError, match=complaint):
        expectations.parse(entry, "inline")


def test_shipped_expectations_load():
    assert all(isinstance(d, expectations.Deviation)
               for d in expectations.load(expectations.SHIPPED))


SERIALISED = ["conformance/test_lock.py", "-k", "serialised and not manager-"]


def write_expectation(tmp_path, intermittent=False):
    path = tmp_path / "mine.toml"
    path.write_text('[[deviation]]\n'
                    'invariant = "test_lock.py::test_critical_sections_are_serialised"\n'
                    'outcome = "violated"\nreason = "two holders, on purpose"\n'
                    f'intermittent = {str(intermittent).lower()}\n')
    return path


def test_expected_violation_is_a_known_deviation(tmp_path):
    results = tmp_path / "r.json"
    outcomes_seen, completed = run_kit(
        tmp_path, *SERIALISED, "--mp-impl=tests.mutants.lock_admits_two",
        f"--mp-expectations={write_expectation(tmp_path)}", f"--conformance-json={results}")
    assert completed.returncode == 0, completed.stdout[-3000:]
    document = json.loads(results.read_text())
    assert {r["outcome"] for r in document["results"]} == {outcomes.KNOWN_DEVIATION}
    assert document["results"][0]["expectation"]["reason"] == "two holders, on purpose"


def test_expectation_that_no_longer_holds_is_an_unexpected_pass(tmp_path):
    results = tmp_path / "r.json"
    _, completed = run_kit(tmp_path, *SERIALISED, f"--conformance-json={results}",
                           f"--mp-expectations={write_expectation(tmp_path)}")
    document = json.loads(results.read_text())
    assert {r["outcome"] for r in document["results"]} == {outcomes.UNEXPECTED_PASS}
    assert "UNEXPECTED PASS: conformance/test_lock.py::test_critical_sections" in completed.stdout


def test_intermittent_expectation_lets_a_pass_be_a_pass(tmp_path):
    results = tmp_path / "r.json"
    run_kit(tmp_path, *SERIALISED, f"--conformance-json={results}",
            f"--mp-expectations={write_expectation(tmp_path, intermittent=True)}")
    document = json.loads(results.read_text())
    assert {r["outcome"] for r in document["results"]} == {outcomes.PASSED}


def test_json_markdown_and_step_summary(tmp_path):
    results, summary, step = tmp_path / "r.json", tmp_path / "r.md", tmp_path / "step.md"
    step.write_text("earlier step\n")
    _, completed = run_kit(tmp_path, *SERIALISED, "--mp-impl=tests.mutants.lock_admits_two",
                           f"--conformance-json={results}", f"--conformance-md={summary}",
                           env={"GITHUB_STEP_SUMMARY": str(step)})
    document = json.loads(results.read_text())
    assert set(document["platform"]) >= {"os", "interpreter", "python", "implementation",
                                         "implementation_version", "start_methods",
                                         "cpu_count"}
    assert document["summary"] == {"violated": len(document["results"])}
    violated = document["results"][0]
    assert violated["promises"] == ["LOCK-2", "LOCK-6", "LOCK-9", "MGR-23"]
    assert "FORBIDDEN" in violated["details"] and violated["example"]
    assert violated["reruns"]["of"] == 2
    assert violated["reproduce"].startswith(f"pytest '{violated['id']}' "
                                            "--mp-impl=tests.mutants.lock_admits_two")
    assert "| lock |" in summary.read_text()
    assert step.read_text().startswith("earlier step\n### multiprocessing conformance")
    assert "VIOLATED: conformance/test_lock.py::test_critical_sections" in completed.stdout
    assert "FORBIDDEN overlapped" in completed.stdout


def test_matrix_combines_platforms(tmp_path):
    paths = []
    for impl in ("multiprocessing", "tests.mutants.lock_admits_two"):
        path = tmp_path / f"{impl}.json"
        run_kit(tmp_path, *SERIALISED, f"--mp-impl={impl}", f"--conformance-json={path}")
        paths.append(str(path))
    page = tmp_path / "m.html"
    text = tmp_path / "m.md"
    matrix.main([*paths, f"--markdown={text}", f"--html={page}"])
    markdown = text.read_text()
    assert "| `test_lock.py::test_critical_sections_are_serialised` |" in markdown
    assert "fork✔ spawn✔ fsrv✔ | fork✘ spawn✘ fsrv✘" in markdown
    assert "**violated** linux" in markdown
    assert "<table>" in page.read_text()


def synthetic(python, implementation, violated_under=()):
    platform = {"os": "linux", "interpreter": "cpython", "python": python,
                "implementation": implementation, "start_methods": ["fork", "spawn"]}
    results = [{"invariant": invariant, "provider": "native", "start_method": method,
                "id": f"conformance/{invariant}[{method}]",
                "outcome": "violated" if (invariant, method) in violated_under else "passed",
                "details": "E   Violation: two holders"}
               for invariant in ("test_a.py::test_steady", "test_b.py::test_shaky")
               for method in ("fork", "spawn")]
    return {"platform": platform, "results": results,
            "label": f"linux cpython {python} {implementation}"}


def test_readme_matrix_shows_only_what_differs_in_platform_order():
    documents = sorted([synthetic("3.10.1", "multiprocessing"),
                        synthetic("3.9.2", "multiprocessing"),
                        synthetic("3.11.0", "billiard", {("test_b.py::test_shaky", "fork"),
                                                         ("test_b.py::test_shaky", "spawn")})],
                       key=matrix.platform_order)
    text = matrix.markdown(documents, only_differences=True)
    assert [d["platform"]["python"] for d in documents] == ["3.9.2", "3.10.1", "3.11.0"]
    assert "1 of 2 invariants (counting manager variants) passed on every platform" in text
    assert "`test_a.py::test_steady`" not in text and "| `test_b.py::test_shaky` |" in text
    assert ("- **violated** linux cpython 3.11.0 billiard: `test_b.py::test_shaky` (fork spawn)"
            " — Violation: two holders") in text
    assert "`test_a.py::test_steady`" in matrix.markdown(documents)


def test_readme_matrix_is_replaced_between_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{matrix.README_START}\nold\n{matrix.README_END}\nend\n")
    matrix.update_between_markers(readme, "# multiprocessing conformance matrix\nnew table\n")
    assert readme.read_text() == (f"intro\n{matrix.README_START}\nnew table\n"
                                  f"{matrix.README_END}\nend\n")


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
    for runner in ("ubuntu-latest", "macos-latest", "windows-latest", "pypy3.9", "3.13"):
        assert runner in workflow
