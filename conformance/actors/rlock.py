"""RLock users: nested critical sections, an owner that re-enters and then releases one level at
a time while being probed, and releases by a thread or process that does not own the lock.

Board layouts are those of ``conformance.actors.lock``: the critical-section slots ``TOTAL`` and
``INSIDE + i``; the probed-owner slots ``STATE`` and ``PROBED``.
"""

import threading

from conformance.actors.common import pause
from conformance.actors.lock import (FAILED, INSIDE, STATE, TOTAL, NotProbed, announce,
                                     others_inside, release)
from conformance.harness.child import judged


def nested_critical_sections(lock, board, workers, plan):
    """Per section ``(depth, delay)``: acquire ``depth`` times, read the total, release the inner
    levels one by one, write the total back and leave with the last release.  Return every
    overlap seen as (section, other workers) and every release that raised as (section, type)."""
    index, sections = plan
    overlaps, refused = [], []
    for section, (depth, delay) in enumerate(sections):
        for level in range(1, depth + 1):
            with judged(f"acquire() at level {level}"):
                lock.acquire()
        board[INSIDE + index] = 1
        before = others_inside(board, workers, index)
        total = board[TOTAL]
        pause(delay)
        for _ in range(depth - 1):  # the lock must stay held until the last release
            refused_release(lock, section, refused)
            pause(delay)
        board[TOTAL] = total + 1
        after = others_inside(board, workers, index)
        board[INSIDE + index] = 0
        refused_release(lock, section, refused)
        if before or after:
            overlaps.append((section, sorted(set(before) | set(after))))
    return overlaps, refused


def refused_release(lock, section, refused):
    raised = release(lock)
    if raised:
        refused.append((section, raised))


def acquire_by(lock, mode, deadline):
    if mode == "block":
        return lock.acquire()
    if mode == "nonblocking":
        return lock.acquire(False)
    return lock.acquire(timeout=deadline)


def own_and_release(lock, board, deadline, plan):
    """Acquire once per mode of the plan (``block``, ``nonblocking`` or ``timed``), then release
    one level at a time: before each release, announce the state (state k: k - 1 levels released
    so far) and wait for the prober.  Wait ``delay`` before the last release.  Return what each
    acquire returned, the releases that raised, and the exception that ended the program."""
    modes, delay = plan
    acquired, refused = [], []
    try:
        for mode in modes:
            acquired.append((mode, acquire_by(lock, mode, deadline)))
        for state in range(1, len(modes) + 1):
            announce(board, state, deadline)
            if state == len(modes):
                pause(delay)
            raised = release(lock)
            if raised:
                refused.append((state, raised))
    except NotProbed:
        raise
    except Exception as exc:  # evidence: the lock's calls raised; the prober stops at FAILED
        board[STATE] = FAILED
        return acquired, refused, f"{type(exc).__name__}: {exc}"
    return acquired, refused, None


def release_then_try(lock):
    """In a process that does not own the lock: release it (reporting the exception type, if
    any), then try ``acquire(False)`` (releasing what it got); return both."""
    raised = release(lock)
    with judged("acquire(False) after the refused release"):
        got = lock.acquire(False)
    if got:
        lock.release()
    return raised, got


def release_from_other_thread(lock, deadline):
    """Acquire in this thread, release from another thread of this process, then release here.
    Return what the acquire returned and the exception type each release raised (or None)."""
    with judged("acquire() of a fresh RLock"):
        acquired = lock.acquire(timeout=deadline)
    other = []
    thread = threading.Thread(target=lambda: other.append(release(lock)), daemon=True)
    thread.start()
    thread.join(2 * deadline)  # longer than the parent waits: a release that hangs is Stuck
    if not other:
        raise RuntimeError("release() in the other thread neither returned nor raised")
    return acquired, other[0], release(lock)
