"""Manager server processes: finding the one a manager started, waiting (bounded) for one to
exit, and stopping what is left — also one that is not this process's child.

A server is found as the process ``Manager()`` or ``start()`` added to ``active_children()``,
never through a manager's private attributes.  Stdlib only.
"""

import contextlib
import os
import signal
import time

from conformance.harness.bookkeeping import Unobservable
from conformance.harness.liveness import pid_alive
from conformance.harness.scenario import KILL_WAIT, kill
from conformance.judge import Stuck

POLL = 0.01  # seconds between looks at a process that is not this process's child


def started_since(ctx, before):
    """The processes ``ctx.active_children()`` lists now that were not in ``before``."""
    return [process for process in ctx.active_children() if process not in before]


def the_server(ctx, before, needed_to):
    """The one process started since ``before``: the manager's server."""
    return only_server(started_since(ctx, before), needed_to)


def only_server(started, needed_to):
    """The one process of ``started`` (those a manager's start added): its server."""
    if len(started) != 1:
        raise Unobservable(f"starting the manager added {len(started)} processes to "
                           f"active_children(), not one server (needed to {needed_to})")
    return started[0]


def running(pid):
    """Whether ``pid`` runs: exists and, where /proc tells, is not a zombie (an orphan's exit is
    reaped by whoever adopted it, maybe never)."""
    if not pid_alive(pid):
        return False
    with contextlib.suppress(OSError, IndexError):
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    return True


def await_exit(pid, deadline, what):
    """Wait up to ``deadline`` seconds for process ``pid`` (not necessarily a child) to exit;
    ``Stuck`` if it still runs."""
    end = time.monotonic() + deadline
    while running(pid):
        if time.monotonic() > end:
            raise Stuck(f"still waiting for {what} after {deadline:g} s (pid {pid} runs)",
                        stuck_in=what, processes=[("manager server", pid, "")])
        time.sleep(POLL)


def kill_pid(pid):
    """Kill process ``pid`` if it still runs (a server whose parent is gone); 0 names none."""
    if pid > 0 and running(pid):
        with contextlib.suppress(OSError):
            os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))


def stop(processes):
    """Kill and reap child processes that are still running."""
    for process in processes:
        if process.is_alive():
            kill(process)
            process.join(KILL_WAIT)
