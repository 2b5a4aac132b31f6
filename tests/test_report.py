"""The report tells the truth: outcomes, expectations, JSON, Markdown, the matrix, the workflow."""

import json
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

from conformance import matrix, report
from conformance.report import invariant_metadata
from tests.kit import ONE_METHOD, OPTIONS, REPO, methods_here, run_kit


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


SERIALISED = ["conformance/test_lock.py", "-k", "serialised and not manager-"]


def test_json_markdown_and_step_summary(tmp_path):
    results, summary = tmp_path / "results.json", tmp_path / "missing folder" / "r.md"
    step = tmp_path / "s.md"
    step.write_text("earlier step\n")
    _, completed = run_kit(tmp_path, *SERIALISED, "--mp-impl=tests.mutants.lock_admits_two",
                           f"--conformance-md={summary}", env={"GITHUB_STEP_SUMMARY": str(step)})
    document = json.loads(results.read_text())
    assert set(document["platform"]) >= {"os", "interpreter", "python", "implementation",
                                         "implementation_version", "start_methods",
                                         "cpu_count"}
    assert document["summary"] == {"violated": len(document["results"])}
    violated = document["results"][0]
    assert violated["promises"] == ["LOCK-2", "LOCK-6", "LOCK-9", "MGR-23"]
    forbidden = violated["violation"]["forbidden"]
    counted = {row["outcome"]: row["count"] for row in violated["violation"]["table"]}
    assert "overlapped" in forbidden and set(forbidden) <= {"overlapped", "lost-update"}
    assert all(count == counted[name] for name, count in forbidden.items())
    assert violated["example"].startswith("program=")
    assert violated["violation"]["reruns"]["of"] == 2
    assert violated["reproduce"].startswith(
        "pytest --pyargs 'conformance.test_lock::test_critical_sections_are_serialised[")
    assert "--mp-impl=tests.mutants.lock_admits_two" in violated["reproduce"]
    assert "--hypothesis-seed=0" in violated["reproduce"]
    assert "| lock |" in summary.read_text()
    assert step.read_text().startswith("earlier step\n### multiprocessing conformance")
    assert "VIOLATED: conformance/test_lock.py::test_critical_sections" in completed.stdout
    assert "FORBIDDEN overlapped x" in completed.stdout
    assert "reproduce: pytest --pyargs" in completed.stdout
    assert not (tmp_path / "results.json.partial").exists()


def test_the_printed_reproduce_command_reproduces(tmp_path):
    results, _ = run_kit(tmp_path, *SERIALISED, "--mp-impl=tests.mutants.lock_admits_two",
                         f"--start-method={ONE_METHOD}")
    (first,) = results.values()
    command = first["reproduce"].split()
    assert command[0] == "pytest"
    (tmp_path / "again").mkdir()
    again, completed = run_kit(tmp_path / "again", *[word.strip("'") for word in command[1:]])
    (second,) = again.values()
    assert second["outcome"] == first["outcome"] == "violated", completed.stdout[-3000:]
    assert set(second["violation"]["forbidden"]) <= {"overlapped", "lost-update"}


def test_the_step_summary_stays_below_githubs_limit():
    result = {"id": "conformance/test_x.py::test_y[fork]", "invariant": "test_x.py::test_y",
              "family": "x", "implementation": "multiprocessing", "provider": "native",
              "start_method": "fork", "outcome": "error", "promise": "p", "docs": "d",
              "error": {"type": "TypeError", "message": "m", "where": "parent"},
              "details": "x" * 5000, "reproduce": "pytest ..."}
    results = [{**result, "id": f"{result['id']}{i}"} for i in range(1000)]
    facts = {"os": "linux", "interpreter": "cpython", "python": "3.11.7",
             "start_methods": ["fork"]}
    text = report.markdown(results, facts, limit=report.STEP_SUMMARY_LIMIT)
    assert len(text.encode("utf-8")) < report.STEP_SUMMARY_LIMIT
    assert text.count("- **error**") == 1000  # every listed result keeps its line
    assert "Details of the other results are in the JSON report" in text


def test_results_of_finished_tests_survive_a_killed_run(tmp_path):
    """A run that dies (here: SIGKILLed) leaves every result it had finished."""
    results, partial = tmp_path / "r.json", tmp_path / "r.json.partial"
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
               "conformance/test_lock.py", "-k", "not manager-", *OPTIONS,
               f"--start-method={ONE_METHOD}", f"--conformance-json={results}"]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    end = time.monotonic() + 120
    while time.monotonic() < end and process.poll() is None:
        if partial.exists() and partial.read_text().count("\n") >= 2:
            process.kill()
            break
        time.sleep(0.02)
    process.wait()
    assert not results.exists(), "the run finished before it could be killed"
    finished = [json.loads(line) for line in partial.read_text().splitlines()
                if line.endswith("}")]
    assert len(finished) >= 2 and {r["outcome"] for r in finished} == {"passed"}


def test_junit_carries_outcome_and_promises(tmp_path):
    junit = tmp_path / "junit.xml"
    run_kit(tmp_path, *SERIALISED, "--mp-impl=tests.mutants.lock_admits_two",
            f"--start-method={ONE_METHOD}", f"--junitxml={junit}")
    (case,) = ET.parse(junit).getroot().iter("testcase")
    properties = {p.get("name"): p.get("value") for p in case.iter("property")}
    assert properties["outcome"] == "violated"
    assert properties["promises"] == "LOCK-2 LOCK-6 LOCK-9 MGR-23"
    assert properties["forbidden"].startswith("overlapped=")
    assert properties["reproduce"].startswith("pytest --pyargs")


def test_matrix_combines_platforms(tmp_path):
    paths = []
    for impl in ("multiprocessing", "tests.mutants.lock_admits_two"):
        path = tmp_path / f"{impl}.json"
        run_kit(tmp_path, *SERIALISED, f"--mp-impl={impl}")
        (tmp_path / "results.json").rename(path)
        paths.append(str(path))
    page = tmp_path / "m.html"
    text = tmp_path / "m.md"
    matrix.main([*paths, f"--markdown={text}", f"--html={page}"])
    markdown = text.read_text()
    assert "| `test_lock.py::test_critical_sections_are_serialised` |" in markdown
    short = [matrix.SHORT_METHOD[method] for method in methods_here()]
    passed, violated = (" ".join(f"{method}{mark}" for method in short) for mark in "✔✘")
    assert f"{passed} | {violated}" in markdown
    assert "**violated** linux" in markdown
    assert "<table>" in page.read_text()


VIOLATED = {"outcome": "violated", "violation": {"forbidden": {"overlapped": 1},
                                                 "evidence": {"overlapped": ["two holders"]}}}


def synthetic(python, implementation, violated_under=()):
    platform = {"os": "linux", "interpreter": "cpython", "python": python,
                "implementation": implementation, "start_methods": ["fork", "spawn"]}
    results = [{"invariant": invariant, "provider": "native", "start_method": method,
                "id": f"conformance/{invariant}[{method}]",
                "implementation": implementation,
                **(VIOLATED if (invariant, method) in violated_under else {"outcome": "passed"})}
               for invariant in ("test_a.py::test_steady", "test_b.py::test_shaky")
               for method in ("fork", "spawn")]
    return {"platform": platform, "results": results}


def test_readme_matrix_shows_only_what_differs_in_platform_order():
    documents = matrix.per_implementation([
        synthetic("3.10.1", "multiprocessing"), synthetic("3.9.2", "multiprocessing"),
        synthetic("3.11.0", "billiard", {("test_b.py::test_shaky", "fork"),
                                         ("test_b.py::test_shaky", "spawn")})])
    text = matrix.markdown(documents, only_differences=True)
    assert [d["platform"]["python"] for d in documents] == ["3.9.2", "3.10.1", "3.11.0"]
    assert "1 of 2 invariants (counting manager variants) passed on every platform" in text
    assert "`test_a.py::test_steady`" not in text and "| `test_b.py::test_shaky` |" in text
    assert ("- **violated** linux cpython 3.11.0 billiard: `test_b.py::test_shaky` (fork spawn)"
            " — FORBIDDEN overlapped x1: two holders") in text
    assert "`test_a.py::test_steady`" in matrix.markdown(documents)


def test_readme_matrix_is_replaced_between_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{matrix.README_START}\nold\n{matrix.README_END}\nend\n")
    matrix.update_between_markers(readme, "# multiprocessing conformance matrix\nnew table\n")
    assert readme.read_text() == (f"intro\n{matrix.README_START}\nnew table\n"
                                  f"{matrix.README_END}\nend\n")


def test_reportlog_carries_each_result(tmp_path):
    log = tmp_path / "log.jsonl"
    run_kit(tmp_path, *SERIALISED, f"--start-method={ONE_METHOD}", f"--report-log={log}")
    reports = [json.loads(line) for line in log.read_text().splitlines()]
    (call,) = [r for r in reports if r.get("$report_type") == "TestReport" and r["when"] == "call"]
    (result,) = [json.loads(value) for name, value in call["user_properties"]
                 if name == report.PROPERTY]
    assert result["outcome"] == "passed" and result["promises"][0] == "LOCK-2"


def test_ini_paths_are_relative_to_the_ini_file(tmp_path):
    """mp_expectations in an ini file names a file next to the ini, wherever pytest runs."""
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    (project / "deviations").mkdir(parents=True)
    elsewhere.mkdir()
    (project / "deviations" / "mine.toml").write_text(
        '[[deviation]]\ninvariant = "test_lock.py::test_critical_sections_are_serialised"\n'
        'outcome = "violated"\nforbidden = ["overlapped", "lost-update"]\nreason = "on purpose"\n'
        '[deviation.when]\nimplementation = ["tests.mutants.lock_admits_two"]\n')
    (project / "pytest.ini").write_text("[pytest]\nmp_expectations = deviations/mine.toml\n")
    results, completed = run_kit(
        tmp_path, "--pyargs", "conformance.test_lock", "-k", "serialised and not manager-",
        f"--start-method={ONE_METHOD}", "--mp-impl=tests.mutants.lock_admits_two",
        "-c", str(project / "pytest.ini"), cwd=elsewhere, env={"PYTHONPATH": str(REPO)})
    assert {r["outcome"] for r in results.values()} == {"known deviation"}, \
        completed.stdout[-3000:]
