"""The benchmark against CPython reads each suite's own data files: the kit's JSON results and
regrtest's JUnit XML, for the counts and for where each suite spends its time."""

import importlib.util

from tests.kit import REPO

spec = importlib.util.spec_from_file_location("vs_cpython", REPO / "bench" / "vs_cpython.py")
vs_cpython = importlib.util.module_from_spec(spec)
spec.loader.exec_module(vs_cpython)


def kit_result(family, provider, method, outcome, duration):
    return {"family": family, "provider": provider, "start_method": method, "outcome": outcome,
            "duration": duration}


def test_kit_counts_and_times_come_from_its_results():
    results = [kit_result("lock", "native", "fork", "passed", 1.0),
               kit_result("lock", "native", "fork", "passed", 0.5),
               kit_result("lock", "manager", "spawn", "violated", 2.0),
               kit_result("queue", "native", "spawn", "unsupported", 0.0),
               kit_result("queue", "native", "forkserver", "known deviation", None)]
    assert vs_cpython.kit_counts(results) == {
        "tests": 5, "passed": 2, "skipped": 2, "failed": 1,
        "outcomes": {"passed": 2, "violated": 1, "unsupported": 1, "known deviation": 1}}
    assert vs_cpython.kit_times(results) == {
        "lock": {"fork": 1.5, "manager-spawn": 2.0},
        "queue": {"spawn": 0.0, "forkserver": 0.0}}


JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite>
<testcase name="test.test_multiprocessing_fork.test_processes.WithProcessesTestLock.test_lock"
 time="0.5"/>
<testcase name="test.test_multiprocessing_spawn.test_manager.WithManagerTestPool.test_map"
 time="1.25"><skipped message="no"/></testcase>
<testcase name="test.test_multiprocessing_spawn.test_manager.WithManagerTestLock.test_lock"
 time="0.25"/>
<testcase name="test.test_multiprocessing_forkserver.test_threads.WithThreadsTestQueue.test_put"
 time="0.125"><failure message="boom"/></testcase>
<testcase name="test.test_multiprocessing_spawn.test_misc.TestSyncManagerTypes.test_list"
 time="2"/>
</testsuite></testsuites>
"""


def test_cpython_counts_and_times_come_from_its_junit_xml(tmp_path):
    junit = tmp_path / "junit.xml"
    junit.write_text(JUNIT, encoding="utf-8")
    cases = vs_cpython.regrtest_cases(junit)
    assert vs_cpython.regrtest_counts(cases) == {
        "tests": 5, "skipped": 1, "failures": 1,
        "kinds": {"processes": 1, "threads": 1, "manager": 2, "manager Pool": 1, "other": 1}}
    assert vs_cpython.regrtest_times(cases) == {
        "processes": {"fork": 0.5}, "manager": {"spawn": 1.5}, "threads": {"forkserver": 0.125},
        "other": {"spawn": 2.0}}


def test_a_suite_that_wrote_no_data_has_no_counts(tmp_path):
    assert vs_cpython.kit_results(tmp_path / "missing.json") is None
    assert vs_cpython.regrtest_cases(tmp_path / "missing.xml") is None
    (tmp_path / "broken.xml").write_text("<testsuites>", encoding="utf-8")
    assert vs_cpython.regrtest_cases(tmp_path / "broken.xml") is None


def test_columns_go_by_provider_then_start_method():
    columns = ["manager-spawn", "other", "spawn", "manager-fork", "forkserver", "fork"]
    assert sorted(columns, key=vs_cpython.column_order) == [
        "fork", "spawn", "forkserver", "other", "manager-fork", "manager-spawn"]
