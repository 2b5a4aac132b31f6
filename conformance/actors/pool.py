"""Tasks and initializers for pools and executors: importable functions, since spawned workers
import them by name.

Tasks return records (the value, the worker's pid, what the worker had seen) and write evidence
on the board: ``compute(board, base, x)`` counts its own run in slot ``base + x`` (one writer per
slot: the task for x), so the parent sees every item computed exactly once.  Tasks that block
wait for a board slot the parent sets, never longer than the deadline they are given.
"""

import os
import threading

from conformance.actors.common import context

initializer_runs = 0  # in this worker process
tasks_done = 0  # in this worker process


class TaskFailed(Exception):
    """What a task raises on purpose; its args say which task."""


def value_of(x):
    return 7 * x + 3


def compute(board, base, x):
    board[base + x] += 1
    return value_of(x)


def compute_pair(board, base, x, y):
    board[base + x] += 1
    return value_of(x) - y


def maybe_fail(board, index, fail):
    """Note the run in slot ``index``; raise TaskFailed(index) if asked."""
    board[index] += 1
    if fail:
        raise TaskFailed(index)
    return value_of(index)


def initialize(board=None, slot=0):
    """Count the initializer's runs in this worker (and on the board, if given)."""
    global initializer_runs
    initializer_runs += 1
    if board is not None:
        board[slot] += 1


def fail_to_initialize(board, slot):
    board[slot] += 1
    raise TaskFailed("initializer")


def record(index):
    """(index, pid, initializer runs in this worker, tasks this worker ran so far)."""
    global tasks_done
    tasks_done += 1
    return index, os.getpid(), initializer_runs, tasks_done


def hold(board, started, release, deadline, index=0):
    """Write this worker's pid in slot ``started``, then wait until ``release`` is set."""
    board[started] = os.getpid()
    board.wait_until(release, 1, deadline)
    return value_of(index)


def step(board, release, deadline, plan):
    """One imap item: ("value", i), ("fail", i) or ("block", i) (waits for ``release``)."""
    kind, index = plan
    if kind == "fail":
        raise TaskFailed(index)
    if kind == "block":
        board.wait_until(release, 1, deadline)
    return value_of(index)


def describe_worker(module_name, method, _item=None):
    """(pid, the worker's process name, daemon flag) as the implementation sees them here."""
    me = context(module_name, method).current_process()
    return os.getpid(), me.name, me.daemon


def start_a_process(module_name, method):
    """Start and join a Process from a task; return its exit code (raises where a worker may
    not have children)."""
    child = context(module_name, method).Process(target=None)
    child.start()
    child.join()
    return child.exitcode


def die(code):
    """End this worker abruptly, in the middle of its task."""
    os._exit(code)


def unpicklable_result():
    return threading.Lock()


def fail_some(board, base, failing, x):
    """Count the run of item x in slot ``base + x``; raise TaskFailed(x) if x is failing."""
    board[base + x] += 1
    if x in failing:
        raise TaskFailed(x)
    return value_of(x)


def die_noting_pid(board, slot, code):
    """Write this worker's pid in ``slot``, then end the worker abruptly."""
    board[slot] = os.getpid()
    os._exit(code)
