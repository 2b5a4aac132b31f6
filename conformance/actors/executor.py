"""Tasks and initializers for ProcessPoolExecutor: importable functions (spawned workers import
them by name).  The value tasks, blocking tasks and failing tasks pools also use live in
``conformance.actors.pool``; these are the executor's own.
"""

import os

tasks_done = 0  # in this worker process


def record(index):
    """(index, pid, tasks this worker ran so far)."""
    global tasks_done
    tasks_done += 1
    return index, os.getpid(), tasks_done


def raise_base_exception(name):
    """Raise SystemExit(4) or KeyboardInterrupt from a task."""
    if name == "SystemExit":
        raise SystemExit(4)
    raise KeyboardInterrupt("raised by a task")


def fail_to_initialize():
    raise RuntimeError("the initializer fails")


def worker_name(_=None):
    """This worker's process name, from the standard library (the executor's workers are the
    standard library's processes when ``mp_context`` is None)."""
    import multiprocessing

    return multiprocessing.current_process().name
