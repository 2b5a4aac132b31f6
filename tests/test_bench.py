"""The benchmark against CPython reads each suite's own data files: the kit's JSON results and
regrtest's JUnit XML, for the counts and for where each suite spends its time.  The phase
profile charges each wait to the innermost phase running and times the kit's real functions."""

import importlib.util
import json
import os
import subprocess
import sys
import types

from tests.kit import NOT_INHERITED, REPO


def bench_script(name):
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


vs_cpython = bench_script("vs_cpython")
phases = bench_script("phases")


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


class FakeTime:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_the_innermost_phase_running_is_charged_unless_an_outer_one_is_whole():
    time = FakeTime()
    clock = phases.Clock(now=time)
    clock.column = "spawn"

    def start():
        time.now += 1.0

    def manager_start():
        time.now += 2.0
        timed_start()  # inside a phase charged whole: its own, not a process start
        time.now += 4.0

    timed_start = clock.timed("process start", start)
    timed_manager = clock.timed("manager server start", manager_start, whole=True)

    def join():
        time.now += 8.0
        timed_start()
        time.now += 16.0

    clock.timed("joining children", join)()
    timed_manager()
    assert clock.spent == {("spawn", "joining children"): 24.0, ("spawn", "process start"): 1.0,
                           ("spawn", "manager server start"): 7.0}
    assert clock.calls == {("spawn", "joining children"): 1, ("spawn", "process start"): 1,
                           ("spawn", "manager server start"): 1}
    result = phases.figures(clock, wall=40.0)
    assert result["phases"][phases.SESSION] == {phases.OTHER: 8.0}
    assert result["calls"] == {"process start": {"spawn": 1}, "manager server start": {"spawn": 1}}


def test_a_judged_block_is_charged_to_the_parents_calls_and_ends_with_an_exception():
    time = FakeTime()
    clock = phases.Clock(now=time)
    clock.column = "fork"
    exits = []

    class Block:
        def __enter__(self):
            return "entered"

        def __exit__(self, *exc_info):
            exits.append(exc_info[0])

    blocks = clock.timed_blocks("parent's judged calls", Block)
    try:
        with blocks() as entered:
            assert entered == "entered"
            time.now += 3.0
            raise KeyError("the call under test raised")
    except KeyError:
        pass
    assert exits == [KeyError]
    assert clock.spent == {("fork", "parent's judged calls"): 3.0}


def test_install_times_the_functions_and_methods_named_and_where_a_kit_module_imported_them():
    home = types.ModuleType("phases_probe_home")

    class Server:
        @staticmethod
        def stop(value):
            return value + 1

        def start(self):
            return "started"

    def wait():
        return "waited"

    home.Server, home.wait = Server, wait
    importer = types.ModuleType("conformance.phases_probe_importer")
    importer.wait = wait
    sys.modules.update({"phases_probe_home": home, importer.__name__: importer})
    try:
        clock = phases.Clock()
        phases.install(clock, timed=(
            ("server", phases.WHOLE, (("phases_probe_home", "Server.stop"),
                                      ("phases_probe_home", "Server.start"))),
            ("waiting", phases.CALL, (("phases_probe_home", "wait"),))))
        assert Server.stop(1) == 2 and Server().start() == "started"
        assert home.wait() == "waited" and importer.wait() == "waited"
        assert importer.wait is home.wait is not wait
        assert clock.calls == {(phases.OTHER, "server"): 2, (phases.OTHER, "waiting"): 2}
    finally:
        del sys.modules["phases_probe_home"], sys.modules[importer.__name__]


def test_a_phase_profile_of_a_kit_run(tmp_path):
    """The whole script on one invariant: every function it times exists (a renamed one fails
    here), and the run's processes and waits are seen in the invariant's column."""
    figures = tmp_path / "phases.json"
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    completed = subprocess.run(
        [sys.executable, str(REPO / "bench" / "phases.py"), "--json", str(figures),
         "conformance/test_lock.py::test_critical_sections_are_serialised", "--start-method=fork",
         "-q", "--hypothesis-seed=0"],
        cwd=REPO, capture_output=True, text=True, timeout=600, env=env)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    result = json.loads(figures.read_text(encoding="utf-8"))
    spent = result["phases"]
    assert {column for row in spent.values() for column in row} <= {
        "fork", "manager-fork", phases.OTHER}
    for phase in ("process start", "children to reach the gate", "joining children",
                  phases.HYPOTHESIS, phases.BODY):
        assert spent[phase]["fork"] > 0, phase
    assert result["calls"]["process start"]["fork"] >= 2 * 7  # 2 to 5 workers, 7 examples
    assert "manager server start" in result["calls"]  # the manager row's kept server
    assert sum(sum(row.values()) for row in spent.values()) <= result["wall_s"] + 1e-6
    assert "process starts" in completed.stdout
