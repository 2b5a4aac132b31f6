"""Actors for the harness's own tests (light: children import this module)."""

import sys

TEST_RUNNERS = ("pytest", "_pytest", "hypothesis")


def loaded_test_runners(_plan):
    return sorted(name for name in sys.modules if name.split(".")[0] in TEST_RUNNERS)


def acquire(lock):
    lock.acquire()


def returns_leaving_a_thread_blocked(lock):
    """Return (the child reports) leaving a non-daemon thread blocked on ``lock``: the child's
    exit then waits for it."""
    import threading

    threading.Thread(target=lock.acquire, name="blocked at exit").start()
    return "returned"


def announce_then_acquire(board, lock):
    """Say so on the board's slot 0 (the child's orphan watch is armed by then), then block."""
    board[0] = 1
    lock.acquire()


def returns_the_lock(lock, _plan):
    """An actor that hands back what it may not: a primitive (pickling it outside spawning
    raises)."""
    return [True, lock]


def kit_files(_plan):
    """The files this process's kit modules were loaded from."""
    return sorted(module.__file__ for name, module in list(sys.modules.items())
                  if name.split(".")[0] == "conformance" and getattr(module, "__file__", None))


def raises(_plan):
    raise RuntimeError("raised as planned")


def loaded_modules(names, _plan):
    """Which of ``names`` this process had imported when its actor ran."""
    return [name for name in names if name in sys.modules]


def inherited_gates(_plan):
    """The gates whose pipes this process has from its parent (``child.INHERITED_GATES``)."""
    from conformance.harness import child

    return sorted(child.INHERITED_GATES)
