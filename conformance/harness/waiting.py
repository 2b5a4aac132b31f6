"""Knowing that other processes are asleep, and waiting (bounded) for what they report.

To find waiters blocked in the call under test before waking them, they announce themselves on
the board and the parent then waits, with ``await_quiet``, until every thread of theirs (and of
the manager process that serves the scenario's proxies, where the blocking really happens) is
asleep: a thread that announced and is asleep is blocked in the call, and a woken thread is
runnable until it is done.  Like ``Scenario.await_blocked`` this only opens a race window (a
mutant's bug may show only then); no verdict rests on it.  Where there is no ``/proc`` it pauses
briefly instead.

``await_condition`` waits (bounded) until what children write on the board satisfies a check:
only for liveness, never to judge safety.
"""

import os
import time

QUIET_WAIT = 2.0  # at most this long for processes to fall asleep
QUIET_LOOKS = 2  # consecutive looks that must find every thread asleep (a message in flight
# between a child and the manager wakes one of them, so looking twice misses fewer)
ASLEEP = frozenset("SDZX")  # sleeping, in uninterruptible I/O, or exited
PROC = "/proc"
FIRST_POLL = 0.00005
LAST_POLL = 0.001


def thread_states(pid):
    """The state letter of every thread of ``pid``; none if it has exited."""
    task = os.path.join(PROC, str(pid), "task")
    try:
        tids = os.listdir(task)
    except OSError:
        return []
    states = []
    for tid in tids:
        try:
            with open(os.path.join(task, tid, "stat")) as f:
                states.append(f.read().rpartition(")")[2].split()[0])
        except (OSError, IndexError):
            continue  # the thread ended meanwhile
    return states


def asleep(pids):
    return all(state in ASLEEP for pid in pids for state in thread_states(pid))


def manager_pids(s):
    """The pid of the manager process serving ``s.sync``'s proxies (none for native)."""
    if s.provider != "manager":
        return []
    server = getattr(s.sync, "_process", None)
    return [server.pid] if server is not None and server.pid else []


def await_quiet(s, children, otherwise=QUIET_WAIT / 20):
    """Wait (at most ``QUIET_WAIT``) until every thread of ``children`` and of the scenario's
    manager process is asleep, in ``QUIET_LOOKS`` consecutive looks.  Where there is no /proc,
    pause ``otherwise`` seconds instead."""
    if not os.path.isdir(os.path.join(PROC, "self", "task")):
        time.sleep(otherwise)  # no /proc: just let them get there
        return
    pids = [started.process.pid for started in children] + manager_pids(s)
    end = time.monotonic() + min(s.deadline, QUIET_WAIT)
    quiet_looks = 0
    while quiet_looks < QUIET_LOOKS and time.monotonic() < end:
        quiet_looks = quiet_looks + 1 if asleep(pids) else 0
        time.sleep(FIRST_POLL * 20)


def await_condition(check, within):
    """Poll until ``check()`` holds; return whether it does (False once ``within`` seconds
    passed).  A check should also hold once a child it waits for has exited without signalling,
    so that joining that child says why at once."""
    end = time.monotonic() + within
    poll = FIRST_POLL
    while not check():
        if time.monotonic() > end:
            return check()
        time.sleep(poll)
        poll = min(poll * 2, LAST_POLL)
    return True
