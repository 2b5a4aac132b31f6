"""The harness keeps its promises: light children, bounded waits, clear stuck reports, no leaks."""

import contextlib
import faulthandler
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
import types

import pytest

from conformance.harness import child, liveness, scenario
from conformance.harness.child import Opaque, write_report
from conformance.harness.implementation import Target, implementation_modules
from conformance.judge import Stuck
from tests import probes
from tests.kit import ONE_METHOD, REPO, RUN_MARKER, option_values, outcomes_of, run_kit

SPAWNING = [m for m in ("spawn", "forkserver") if m in multiprocessing.get_all_start_methods()]


@pytest.fixture
def runner_main(tmp_path, monkeypatch):
    """Make ``__main__`` look like the ``pytest`` console script: a file that imports pytest."""
    script = tmp_path / "pytest_script.py"
    script.write_text("import pytest\nimport hypothesis\n")
    fake_main = types.ModuleType("__main__")
    fake_main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake_main)


@pytest.mark.parametrize("method", SPAWNING)
def test_spawned_child_imports_neither_pytest_nor_hypothesis(method, runner_main):
    target = Target(multiprocessing, method, deadline=30)
    with target.scenario() as s:
        (loaded,) = s.run(probes.loaded_test_runners, [None], role="probe", stuck_in="start-up")
    assert loaded == []


def stuck_on_a_held_lock(actor, role, stuck_in):
    """The Stuck message of a scenario (deadline 1 s) joining a child that runs ``actor(lock)``
    while the parent holds the lock, and the child."""
    target = Target(multiprocessing, multiprocessing.get_all_start_methods()[0], deadline=1)
    with pytest.raises(Stuck) as stuck:
        with target.scenario() as s:
            lock = s.keep(target.ctx.Lock())
            lock.acquire()
            started = s.start(actor, lock, role=role)
            s.join([started], stuck_in=stuck_in)
    return str(stuck.value), started


def test_deadlock_fails_naming_what_was_stuck_and_kills_the_child():
    message, blocked = stuck_on_a_held_lock(probes.acquire, "blocked acquirer", "Lock.acquire")
    assert "1 of 1 processes still in Lock.acquire after 1 s" in message
    assert "blocked acquirer" in message
    if sys.platform != "win32":
        assert "in acquire" in message  # the child's stack, dumped by faulthandler
    assert blocked.process.exitcode is not None
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(sys.platform == "win32", reason="stacks on demand need signals")
def test_a_child_stuck_in_its_exit_after_reporting_is_named_with_its_stacks():
    message, _ = stuck_on_a_held_lock(probes.returns_leaving_a_thread_blocked, "leaver",
                                      "its exit")
    assert "1 of 1 processes still in its exit after 1 s" in message
    assert "in _shutdown" in message  # its stacks, dumped after its report: joining the thread


@pytest.mark.parametrize("method", multiprocessing.get_all_start_methods())
def test_only_a_forked_party_uses_the_parents_ends_of_the_gates_pipes(method):
    """A fork child finds its gate's pipes among those its parent lists (it has the parent's
    ends); a spawned or forkserver child, which has not, finds none and opens them by name."""
    target = Target(multiprocessing, method, deadline=30)
    with target.scenario() as s:
        (listed,) = s.run(probes.inherited_gates, [None], role="party", stuck_in="the gate")
        path = os.path.join(s.workdir, "gate0")  # the scenario's first gate
    assert listed == ([path] if method == "fork" and hasattr(os, "mkfifo") else [])
    assert path not in child.INHERITED_GATES  # closed with the scenario


def test_a_kept_server_serves_every_scenario_until_one_that_used_it_fails():
    """Scenarios of one target share its kept manager; a scenario that used it and raised
    discards it (shut down), and the next one gets a new server; ``manager()`` is never it."""
    target = Target(multiprocessing, multiprocessing.get_all_start_methods()[0], deadline=30)
    try:
        with target.scenario() as s:
            first = s.kept_manager()
            own = s.manager()
        with target.scenario() as s:
            assert s.kept_manager() is first
        assert own.address != first.address
        with pytest.raises(ZeroDivisionError):
            with target.scenario() as s:
                s.kept_manager().list([1])
                1 / 0
        with target.scenario() as s:
            second = s.kept_manager()
        assert second is not first
        assert second.list([2])[:] == [2]
        with pytest.raises(Exception):  # the discarded server no longer answers
            first.list()
    finally:
        target.close()
    assert multiprocessing.active_children() == []
    with scenario.Scenario(target.ctx, deadline=30, provider="manager") as s:  # no target's
        assert s.sync is s.kept_manager()
    assert multiprocessing.active_children() == []  # its own server ended with it


def test_an_invariant_failing_after_its_scenario_ended_discards_the_kept_server(tmp_path):
    """A violation judged once the scenario has ended (``test_wait_indices_are_a_permutation``
    judges its outcome table after the ``with``) still discards the target's kept server: the
    plugin does, when the test's result is reported.  Passing invariants before and after share
    a server; the one after the failure gets a new one."""
    probe = tmp_path / "kept.jsonl"
    results, completed = run_kit(
        tmp_path, "conformance/test_barrier.py", "-p", "tests.kept_server_probe",
        "-k", "manager and (release_together or permutation or runs_once)", "-p", "no:xdist",
        "--mp-impl=tests.mutants.barrier_manager_index_one_based", f"--start-method={ONE_METHOD}",
        "--mp-reruns=0", env={"KEPT_SERVER_PROBE": str(probe)})
    lines = [json.loads(line) for line in probe.read_text(encoding="utf-8").splitlines()]
    assert [(line["test"].split("[")[0], line["failed"]) for line in lines] == [
        ("test_parties_release_together", False), ("test_wait_indices_are_a_permutation", True),
        ("test_action_runs_once_before_release", False)], completed.stdout[-3000:]
    before, failed, after = lines
    assert before["used"] is not None and before["kept"] == before["used"]
    assert failed["used"] == before["used"]  # the passing invariant's server served it too
    assert failed["kept"] is None and not failed["used_alive"]  # discarded, and shut down
    assert after["used"] not in (None, failed["used"]) and after["kept"] == after["used"]
    assert outcomes_of(results) == {
        f"test_barrier.py::{line['test']}": "violated" if line["failed"] else "passed"
        for line in lines}


def test_an_unpicklable_returned_value_reaches_the_parent_as_opaque():
    """A broken implementation may hand an actor something that cannot be pickled (a Lock's
    ``__enter__`` returning the lock itself): the child's report still arrives, with a stand-in
    the judgement sees as a value other than the promised one."""
    target = Target(multiprocessing, multiprocessing.get_all_start_methods()[0], deadline=30)
    with target.scenario() as s:
        lock = s.keep(target.ctx.Lock())
        ((flag, returned),) = s.run(probes.returns_the_lock, [None], role="returner",
                                    stuck_in="start-up", extra_args=(lock,))
    assert flag is True
    assert isinstance(returned, Opaque) and returned.type == "Lock"
    assert returned is not True and "Lock" in repr(returned)


def shm_entries():
    return set(os.listdir("/dev/shm")) if os.path.isdir("/dev/shm") else set()


def processes_of_run(tmp_path):
    """Live processes whose environment carries the run's marker (see ``run_kit``)."""
    marker = f"{RUN_MARKER}={tmp_path}".encode()
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if marker in f.read().split(b"\0"):
                    found.append(int(pid))
        except OSError:
            continue
    return found


def wait_for_no_processes_of_run(tmp_path, seconds):
    end = time.monotonic() + seconds
    while processes_of_run(tmp_path) and time.monotonic() < end:
        time.sleep(0.1)
    return [open(f"/proc/{pid}/cmdline", "rb").read() for pid in processes_of_run(tmp_path)]


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc to list processes")
def test_deadlocked_run_goes_on_and_leaves_nothing_behind(tmp_path):
    shm_before = shm_entries()
    results, completed = run_kit(
        tmp_path, "conformance/test_lock.py", "conformance/test_barrier.py", "-k",
        "serialised or permutation",
        "--mp-deadline=2", "--mp-impl=tests.mutants.hang_lock_release_lost",
    )
    outcomes = outcomes_of(results)
    stuck = {k for k in outcomes if "serialised" in k and "manager-" not in k}
    assert stuck and all(outcomes[k] == "timed out" for k in stuck)
    assert all(results[k]["stuck"]["stuck_in"] == "Lock.acquire" for k in stuck)
    # MP_SELFTEST_OPTIONS come after the run's own options: a deadline there is the one used
    deadline = float((["2"] + option_values("mp-deadline"))[-1])
    assert f"still in Lock.acquire after {deadline:g} s" in completed.stdout
    # the session went on to the next test
    assert {v for k, v in outcomes.items() if "permutation" in k} == {"passed"}
    # No scratch directory of the run is left (other runs on the machine may have theirs: an
    # entry's name carries its owner's pid, and the run's own pid is gone now); named
    # semaphores left behind would make the resource tracker warn of leaks.
    left = [name for name in shm_entries() - shm_before if name.startswith("mpconf-")
            and not liveness.pid_alive(int(name.split("-")[1]))]
    assert left == []
    assert "leaked" not in completed.stderr  # nothing left for the resource tracker to clean
    # the forkserver and resource tracker exit on their own once the run's process is gone
    assert wait_for_no_processes_of_run(tmp_path, seconds=10) == []


def test_workdirs_of_killed_runs_are_swept(tmp_path, monkeypatch):
    monkeypatch.setattr(scenario, "SCRATCH", str(tmp_path))
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    dead, live = f"mpconf-{ended.stdout.strip()}-x", f"mpconf-{os.getpid()}-x"
    for name in (dead, live, "unrelated"):
        (tmp_path / name).mkdir()
    scenario.sweep_stale_workdirs()
    assert sorted(os.listdir(tmp_path)) == [live, "unrelated"]


@pytest.mark.parametrize("option, complaint", [
    ("--start-method=bogus", "--start-method bogus: not offered by multiprocessing"),
    ("--mp-impl=no_such_module", "--mp-impl no_such_module: cannot import it"),
    ("--mp-impl=json", "--mp-impl json: the module has no get_context"),
    ("--mp-deadline=0", "--mp-deadline: expected a positive number of seconds, got '0'"),
    ("--mp-deadline=-3", "--mp-deadline: expected a positive number of seconds, got '-3'"),
    ("--mp-deadline=soon", "--mp-deadline: expected a positive number of seconds, got 'soon'"),
    ("--mp-reruns=many", "--mp-reruns: expected a whole number, got 'many'"),
    ("--mp-scale=0", "--mp-scale: expected a whole number of at least 1, got '0'"),
    ("--mp-soak=forever", "--mp-soak: expected [FAMILY=]DURATION"),
    ("--mp-profile=nope", "--mp-profile: unknown profile 'nope'"),
    ("--mp-without=teleportation", "--mp-without: unknown capabilities teleportation"),
    ("--override-ini=mp_deadline=0",
     "mp_deadline (ini): expected a positive number of seconds, got '0'"),
])
def test_bad_options_are_usage_errors(option, complaint):
    completed = subprocess.run([sys.executable, "-m", "pytest", "conformance/test_lock.py",
                                option, "-p", "no:cacheprovider"], cwd=REPO,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 4, completed.stdout + completed.stderr  # usage error
    assert complaint in completed.stderr
    assert "INTERNALERROR" not in completed.stdout + completed.stderr


def test_runs_under_xdist_with_one_seed(tmp_path):
    results, completed = run_kit(tmp_path, "conformance/test_lock.py", "-n", "2")
    assert results and set(outcomes_of(results).values()) == {"passed"}, \
        completed.stdout[-3000:]
    document = json.loads((tmp_path / "results.json").read_text())
    assert document["options"]["seed"] == 0


def test_the_implementations_unpickling_modules_are_found_for_the_preload():
    names = implementation_modules(multiprocessing)
    assert {"multiprocessing.synchronize", "multiprocessing.managers"} <= set(names)
    assert implementation_modules(types.ModuleType("not_a_package")) == []


FORKSERVER_CHILD_PROGRAM = """
import json, multiprocessing, sys
from conformance.harness.implementation import Target, implementation_modules
from tests import probes
if __name__ == "__main__":
    names = implementation_modules(multiprocessing)
    with Target(multiprocessing, "forkserver", deadline=60).scenario() as s:
        (loaded,) = s.run(probes.loaded_modules, [None], role="probe", stuck_in="start-up",
                          extra_args=(names,))
    print(json.dumps([names, loaded]))
"""


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(),
                    reason="no forkserver start method")
def test_forkserver_children_start_with_the_implementations_modules_imported():
    """A fresh process (its fork server not yet started) whose forkserver child was given
    nothing that needs them: the modules are there, from the fork server's preload."""
    completed = subprocess.run([sys.executable, "-c", FORKSERVER_CHILD_PROGRAM], cwd=REPO,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    names, loaded = json.loads(completed.stdout)
    assert names and loaded == names


KILLS_BY_SIGNAL = pytest.mark.skipif(
    not os.path.isdir("/proc") or not hasattr(signal, "SIGKILL"),
    reason="kills a process by signal and lists processes in /proc")


def killed_outright(tmp_path, program, *args):
    """Run ``program`` (which kills itself with SIGKILL once it has printed a pid) in a process
    whose environment carries the run's marker; return the pid it printed."""
    env = {**os.environ, RUN_MARKER: str(tmp_path)}
    out, err = tmp_path / "out", tmp_path / "err"  # files: what is left may hold them open
    with out.open("w") as stdout, err.open("w") as stderr:
        completed = subprocess.run([sys.executable, "-c", program, *args], cwd=REPO, env=env,
                                   stdout=stdout, stderr=stderr, timeout=120)
    assert completed.returncode == -signal.SIGKILL, err.read_text()
    return int(out.read_text())


def left_behind(tmp_path):
    """What of a killed kit process's run still runs once its watches had time to act (its
    children look every ``liveness.POLL`` seconds where the kernel does not watch): killed, so
    that a failure leaves nothing either."""
    left = wait_for_no_processes_of_run(tmp_path, seconds=10 * liveness.POLL + 5)
    for pid in processes_of_run(tmp_path):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return left


ORPHAN_PROGRAM = """
import multiprocessing, os, signal, sys
from conformance.harness.implementation import Target
from tests import probes
if __name__ == "__main__":
    target = Target(multiprocessing, sys.argv[1], deadline=60, provider=sys.argv[2])
    with target.scenario() as s:
        board, lock = s.board(1), s.keep(s.sync.Lock())
        lock.acquire()
        child = s.start(probes.announce_then_acquire, board, lock, role="blocked acquirer")
        s.await_slot(board, 0, 1, what="the child to block")
        print(child.process.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
"""


@KILLS_BY_SIGNAL
@pytest.mark.parametrize("provider", ["native", "manager"])
@pytest.mark.parametrize("method", multiprocessing.get_all_start_methods())
def test_a_kit_process_killed_outright_leaves_no_process_behind(method, provider, tmp_path):
    """A kit process killed outright (SIGKILL: no clean-up of its own) while its child is
    blocked in a call under test leaves nothing running: the child (fork and forkserver
    children are killed by the kernel, spawned ones exit from their watch), the fork server,
    the kept manager server and the resource tracker."""
    assert killed_outright(tmp_path, ORPHAN_PROGRAM, method, provider) > 0  # it had blocked
    assert left_behind(tmp_path) == []
    scenario.sweep_stale_workdirs()


REMOTE_SERVER_PROGRAM = """
import multiprocessing, os, signal, sys
from conformance.harness.implementation import Target
from conformance.test_remote_manager import started_server
if __name__ == "__main__":
    target = Target(multiprocessing, sys.argv[1], deadline=60)
    with started_server(target, os.urandom(16)) as (server, started):
        print(started[0].pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
"""


@KILLS_BY_SIGNAL
@pytest.mark.parametrize("method", multiprocessing.get_all_start_methods())
def test_a_remote_managers_server_ends_with_a_kit_process_killed_outright(method, tmp_path):
    """The server of a remote manager an invariant started ends with a kit process killed
    outright, and nothing else of the run is left either."""
    assert killed_outright(tmp_path, REMOTE_SERVER_PROGRAM, method) > 0  # it had started
    assert left_behind(tmp_path) == []
    scenario.sweep_stale_workdirs()


def write_into(path, write):
    fd = os.open(str(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        write(fd)
    finally:
        os.close(fd)


def test_a_report_cut_short_reads_as_no_report(tmp_path):
    """A child that dies while writing its report leaves a prefix of it: every prefix reads
    as no report (the parent then says the child exited without reporting), the whole as it."""
    path = tmp_path / "report"
    report = {"returned": [("acquired", 3, 0.25), {"key": "value" * 40}, Opaque(object())]}
    write_into(path, lambda fd: write_report(fd, report))
    whole = path.read_bytes()
    reader = scenario.Child(None, "child", str(path))
    assert reader.report() == report
    for length in range(len(whole)):
        path.write_bytes(whole[:length])
        assert reader.report() is None, length


def test_a_childs_one_file_holds_its_stacks_until_its_report_replaces_them(tmp_path):
    """Stacks dumped into a child's file read as its stacks and as no report; a report
    written after them replaces them, and stacks dumped after the report (a child stuck in its
    exit) read as its stacks and leave the report whole."""
    path = tmp_path / "report"
    reader = scenario.Child(None, "child", str(path))
    assert (reader.report(), reader.stacks()) == (None, "")
    write_into(path, lambda fd: faulthandler.dump_traceback(file=fd, all_threads=True))
    assert reader.report() is None
    assert "test_a_childs_one_file_holds_its_stacks" in reader.stacks()
    report = {"returned": ("done", 1)}

    def report_then_dump(fd):
        os.lseek(fd, 0, os.SEEK_END)
        faulthandler.dump_traceback(file=fd, all_threads=True)  # more stacks, asked again
        write_report(fd, report)
        faulthandler.dump_traceback(file=fd, all_threads=True)  # asked once it had reported

    write_into(path, report_then_dump)
    assert reader.report() == report
    stacks = reader.stacks()  # those of a child stuck in its exit, after its report
    assert stacks.count("test_a_childs_one_file_holds_its_stacks") == 1
    assert stacks.startswith(("Thread 0x", "Current thread 0x"))