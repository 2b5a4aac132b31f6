"""Lock users: critical sections, a holder that waits to be told to release, a waiter, a
releaser and a prober from other processes, a user of ``with`` statements that waits to be
probed in each state, and a trier of edge-case ``acquire`` calls.

Critical-section board layout: slot ``TOTAL`` is a shared total updated read-delay-write inside
the lock (the lock under test is what makes that safe); slot ``INSIDE + i`` is 1 while worker i
is inside (written only by worker i).

Holder board layout: slot ``HELD`` is set by the holder once it has the lock, ``RELEASE_NOW`` by
the parent when the holder may release, ``WAITING`` by a waiter just before its timed acquire.

Probed-owner board layout (``with_statements`` here, ``own_and_release`` in ``rlock``): slot
``STATE`` is written only by the owner, which announces each state while the lock is as that
state says; slot ``PROBED`` is written only by the prober (the parent), once it has tried the lock
in that state.  An owner whose calls on the lock fail announces ``FAILED``, which is above every
state, so the prober stops waiting.
"""

import time

from conformance.actors.common import pause
from conformance.harness.child import judged

TOTAL = 0
INSIDE = 1

HELD = 0
RELEASE_NOW = 1
WAITING = 2
HOLDER_SLOTS = 3

STATE = 0
PROBED = 1
OWNER_SLOTS = 2
FAILED = 1_000_000

# States of ``with_statements``, in order; INNER_EXITED only when nested.
IN_WITH = 1  # inside ``with lock`` (inside both when nested)
INNER_EXITED = 2  # nested: the inner ``with`` was left, the outer one not yet
EXITED = 3  # every ``with`` was left normally
IN_WITH_RAISING = 4  # inside ``with lock`` again (both, when nested), about to raise
EXITED_BY_EXCEPTION = 5  # every ``with`` was left by that exception

STATE_NAMES = {IN_WITH: "inside the with", INNER_EXITED: "after the inner with",
               EXITED: "after the with", IN_WITH_RAISING: "inside the with, before raising",
               EXITED_BY_EXCEPTION: "after the with left by raising"}


def critical_sections(lock, board, workers, plan):
    """Enter the lock once per delay; return every overlap seen as (section, other workers)."""
    index, delays = plan
    overlaps = []
    for section, delay in enumerate(delays):
        with judged("acquire()"):
            lock.acquire()
        board[INSIDE + index] = 1
        before = others_inside(board, workers, index)
        total = board[TOTAL]
        pause(delay)
        board[TOTAL] = total + 1
        after = others_inside(board, workers, index)
        board[INSIDE + index] = 0
        with judged("release() by the holder"):
            lock.release()
        if before or after:
            overlaps.append((section, sorted(set(before) | set(after))))
    return overlaps


def others_inside(board, workers, index):
    return [other for other in range(workers) if other != index and board[INSIDE + other]]


def hold_until_told(lock, board, deadline, delay=0.0):
    """Acquire, announce it, and release only when the parent says so (or the deadline passes),
    after ``delay`` more seconds; return whether the parent said so."""
    with judged("acquire() of a free lock"):
        lock.acquire()
    board[HELD] = 1
    told = board.wait_until(RELEASE_NOW, 1, deadline)
    pause(delay)
    with judged("release() by the holder"):
        lock.release()
    return told


def wait_for_release(lock, board, timeout):
    """Announce, then ``acquire(timeout=timeout)`` on a lock another process holds; return what
    it returned and how long it waited (what it got is released)."""
    board[WAITING] = 1
    started = time.monotonic()
    with judged(f"acquire(timeout={timeout:g})"):
        got = lock.acquire(timeout=timeout)
    waited = time.monotonic() - started
    if got:
        lock.release()
    return got, waited


def release(lock):
    """Release a lock this process may not own; report the exception type, if any."""
    try:
        lock.release()
    except Exception as exc:  # the parent judges which exception, if any, is allowed
        return type(exc).__name__
    return None


def release_held_elsewhere(lock):
    """Release a lock another process acquired (which must not raise)."""
    with judged("release() of a lock another process acquired"):
        lock.release()


def try_acquire(lock):
    """``acquire(False)`` (releasing what it got); return what it returned."""
    with judged("acquire(False)"):
        got = lock.acquire(False)
    if got:
        lock.release()
    return got


def try_acquires(lock, calls):
    """Call ``acquire(*args)`` once per call (releasing what it got); return for each
    ``("returned", value)`` or ``("raised", exception type name)``."""
    seen = []
    for args in calls:
        try:
            got = lock.acquire(*args)
        except Exception as exc:  # the parent judges which exception, if any, is allowed
            seen.append(("raised", type(exc).__name__))
            continue
        if got:
            lock.release()
        seen.append(("returned", got))
    return seen


class Planned(Exception):
    """The exception ``with_statements`` raises on purpose inside a ``with`` block."""


class NotProbed(Exception):
    """The prober never probed an announced state: the kit's failure, not the lock's."""


def announce(board, state, deadline):
    """Announce ``state`` and wait until the prober has tried the lock in it."""
    board[STATE] = state
    if not board.wait_until(PROBED, state, deadline):
        raise NotProbed(f"the prober never probed state {state}")


def with_statements(lock, board, deadline, nested):
    """Use the lock in ``with`` statements (two nested ones if ``nested``), left normally, then
    by an exception, announcing each state.  Not nested, also try ``acquire(False)`` inside the
    first ``with``.  Return what every ``__enter__`` returned, what that ``acquire(False)``
    returned (None if nested) and the exception the lock's calls raised, if any."""
    entered = []
    again_inside = None
    try:
        with lock as outer:
            entered.append(outer)
            if nested:
                with lock as inner:
                    entered.append(inner)
                    announce(board, IN_WITH, deadline)
                announce(board, INNER_EXITED, deadline)
            else:
                again_inside = lock.acquire(False)  # a Lock is not recursive: must be False
                if again_inside:
                    lock.release()
                announce(board, IN_WITH, deadline)
        announce(board, EXITED, deadline)
        try:
            with lock as again:
                entered.append(again)
                if nested:
                    with lock as inner_again:
                        entered.append(inner_again)
                        announce(board, IN_WITH_RAISING, deadline)
                        raise Planned()
                announce(board, IN_WITH_RAISING, deadline)
                raise Planned()
        except Planned:
            pass
        announce(board, EXITED_BY_EXCEPTION, deadline)
    except NotProbed:
        raise
    except Exception as exc:  # evidence: the lock's calls raised; the prober stops at FAILED
        board[STATE] = FAILED
        return entered, again_inside, f"{type(exc).__name__}: {exc}"
    return entered, again_inside, None
