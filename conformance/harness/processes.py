"""Processes under test: ``ctx.Process`` objects an invariant makes and drives itself.

The scenario's children (``Scenario.start``) are the kit's own helpers; when the ``Process`` API
is what is promised (start, join, exit codes, names, signals), an invariant makes the objects
itself and this module keeps them bounded and cleaned up:

* ``Tracked`` remembers every process started (and any pid a child reports for a grandchild)
  and, when the block ends, terminates then kills whatever still runs — whatever happened;
* ``await_exit`` waits for processes to end, bounded by the deadline, and fails as ``Stuck``
  naming the ones still running;
* ``reported`` reads what a process running ``conformance.harness.child.run`` observed.

Stdlib only.
"""

import contextlib
import itertools
import os
import signal
import time

from conformance.harness.liveness import pid_alive
from conformance.harness.scenario import KILL_WAIT, Child
from conformance.judge import ChildFailed, Stuck, violation
from conformance.judge import RAISED as CALL_RAISED

POLL = 0.001  # seconds between looks at a child that is about to be reapable


class Tracked:
    """Use as ``with Tracked(s) as tracked:``; ``tracked.start(process)`` starts and remembers a
    process, ``tracked.adopt(pid)`` a grandchild's pid (killed by pid at the end)."""

    def __init__(self, s):
        self.s = s
        self.processes = []
        self.pids = []
        self.made = itertools.count()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        stop(self.processes)
        for pid in self.pids:
            kill_pid(pid)

    def start(self, process):
        self.processes.append(process)
        process.start()
        return process

    def adopt(self, pid):
        if pid:
            self.pids.append(pid)

    def child(self, actor, *args, role, **process_options):
        """An unstarted process that runs ``actor(*args)`` through the kit's child entry point
        (judged calls, stacks, a report file); ``process_options`` go to ``ctx.Process``."""
        from conformance.harness import child

        index = next(self.made)
        report_path = os.path.join(self.s.workdir, f"tracked-report{index}")
        process = self.s.ctx.Process(target=child.run, args=(actor, args, report_path),
                                     **process_options)
        return Child(process, role, report_path)


def stop(processes):
    """Terminate, then kill, every started process still running; bounded."""
    running = [p for p in processes if started(p) and exitcode_of(p) is None]
    for process in running:
        with contextlib.suppress(Exception):
            process.terminate()
    end = time.monotonic() + KILL_WAIT
    for process in running:
        with contextlib.suppress(Exception):
            process.join(max(0.0, end - time.monotonic()))
    for process in running:
        if exitcode_of(process) is None:
            kill_pid(process.pid)
    end = time.monotonic() + KILL_WAIT
    for process in running:
        with contextlib.suppress(Exception):
            process.join(max(0.0, end - time.monotonic()))


# For the kit's own cleanup: a closed process object raises here (ValueError, or whatever an
# implementation raises instead, which an invariant judges; cleanup must not replace that verdict).
def started(process):
    with contextlib.suppress(Exception):  # a closed process object
        return process.pid is not None
    return False


def exitcode_of(process):
    with contextlib.suppress(Exception):  # a closed process object has ended
        return process.exitcode
    return 0


def kill_pid(pid):
    """SIGKILL ``pid`` if it still runs (where there are no signals, nothing to do: such a
    grandchild exits with its own bounded wait).  Never the kit's own process or its parent,
    whatever pid a broken implementation reports for a process object."""
    if pid in (os.getpid(), os.getppid()):
        return
    if pid and hasattr(signal, "SIGKILL") and pid_alive(pid):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def await_exit(s, processes, *, what):
    """Wait until every process has an exit code (bounded by the deadline); a process whose
    ``join`` returns early is waited for again.  Fails as ``Stuck`` naming those still running,
    after terminating them."""
    end = time.monotonic() + s.deadline
    for process in processes:
        while exitcode_of(process) is None and time.monotonic() < end:
            process.join(max(0.0, min(end - time.monotonic(), 0.5)))
    stuck = [p for p in processes if exitcode_of(p) is None]
    if stuck:
        stop(stuck)
        raise Stuck(f"{len(stuck)} of {len(processes)} processes still running after "
                    f"{s.deadline:g} s ({what}, start method {s.ctx.get_start_method()}): "
                    f"{', '.join(f'{p.name} (pid {p.pid})' for p in stuck)}",
                    stuck_in=what, start_method=s.ctx.get_start_method(),
                    processes=[(p.name, p.pid, "") for p in stuck])


def reported(started_child):
    """What a ``Tracked.child`` process observed, once it has ended: its actor's return value;
    a judged call that raised is a violation, a child that could not report an error."""
    report = started_child.report()
    process = started_child.process
    if report is None:
        raise ChildFailed(f"{started_child.role} (pid {process.pid}) exited with code "
                          f"{exitcode_of(process)} without reporting what it observed",
                          role=started_child.role, pid=process.pid,
                          exitcode=exitcode_of(process))
    if "call_raised" in report:
        raised = report["call_raised"]
        raise violation(CALL_RAISED, f"{started_child.role}: {raised['what']} raised "
                                     f"{raised['type']}: {raised['message']}")
    if "raised" in report:
        raised = report["raised"]
        raise ChildFailed(f"{started_child.role} raised outside any judged call:\n"
                          f"{raised['traceback']}", role=started_child.role, pid=process.pid,
                          exitcode=exitcode_of(process), exception=raised["type"],
                          details=raised["traceback"])
    return report["returned"]


def await_announcement(s, board, slot, process, *, what, value=1):
    """Wait (bounded) until ``process`` sets ``slot``; a process that ends first could not do
    its part (an error, with its exit code), one that never does is stuck."""
    end = time.monotonic() + s.deadline
    while not board.wait_until(slot, value, min(0.1, max(0.0, end - time.monotonic()))):
        code = exitcode_of(process)
        if code is not None and board[slot] < value:
            raise ChildFailed(f"{process.name} (pid {process.pid}) exited with code {code} "
                              f"before {what}", role=process.name, pid=process.pid,
                              exitcode=code)
        if time.monotonic() >= end:
            stop([process])
            raise Stuck(f"still waiting for {what} after {s.deadline:g} s (start method "
                        f"{s.ctx.get_start_method()})", stuck_in=what,
                        start_method=s.ctx.get_start_method(),
                        processes=[(process.name, process.pid, "")])


def await_board(s, board, slot, *, what, value=1):
    """Wait (bounded) until ``slot`` reaches ``value``: for a signal from a process the
    invariant cannot watch (a grandchild)."""
    if not board.wait_until(slot, value, s.deadline):
        raise Stuck(f"still waiting for {what} after {s.deadline:g} s (start method "
                    f"{s.ctx.get_start_method()})", stuck_in=what,
                    start_method=s.ctx.get_start_method())


def await_reapable(s, process):
    """Wait (bounded) until an ended child can be reaped, without reaping it: its sentinel may
    be ready a moment before (the child closes its end of the pipe while it exits)."""
    end = time.monotonic() + s.deadline
    while time.monotonic() < end and reapable(process.pid) is False:
        time.sleep(POLL)


def reapable(pid):
    """Whether a process that ended can be reaped (or is gone): ``waitid(WNOWAIT)`` on the
    caller's own children; where there is no waitid (PyPy), its state in /proc (a zombie);
    None where neither tells."""
    if hasattr(os, "waitid"):
        try:
            return bool(os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT | os.WNOHANG))
        except ChildProcessError:  # not this process's child (forkserver), or already reaped
            return True
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True if os.path.isdir("/proc/self") else None
    except (OSError, IndexError):
        return None
