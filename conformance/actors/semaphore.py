"""Semaphore users: contenders that count who holds it with them, waiters, probers, releasers.

Contention board layout (see ``ContentionBoard``): per contender i, slot ``inside + i`` holds
``2*section + 1`` while i is inside that section and ``2*section + 2`` once it has left it (so
the slot only grows); ``done + i`` is 1 once i has finished every section; ``gave_up + i`` is 1
if i stopped waiting for company at its patience.  Every slot has one writer: contender i.
"""

import time

from conformance.actors.common import pause
from conformance.harness.child import judged

POLL = 0.001  # seconds between looks at the board while waiting for company

READY = 0  # waiter board: slot READY + i is set just before waiter i calls acquire()


class ContentionBoard:
    """Where each contender's evidence lives on the board."""

    def __init__(self, contenders):
        self.contenders = contenders
        self.inside = 0
        self.done = contenders
        self.gave_up = 2 * contenders
        self.size = 3 * contenders


def together(board, layout, index):
    """How many contenders provably held the semaphore at one instant, this one included.

    Two scans of the inside slots: a contender seen inside the same section in both was inside
    throughout, so all such contenders (and this one, inside all along) held a permit together
    at the instant between the scans.  A single scan would count a holder that left and another
    that entered after it as simultaneous.
    """
    slots = range(layout.inside, layout.inside + layout.contenders)
    first = [board[slot] for slot in slots]
    second = [board[slot] for slot in slots]
    return 1 + sum(1 for other, (a, b) in enumerate(zip(first, second))
                   if other != index and a == b and a % 2)


def company_needed(board, layout, value):
    """``value`` holders, or every unfinished contender if fewer are left."""
    unfinished = sum(1 for other in range(layout.contenders) if not board[layout.done + other])
    return min(value, unfinished)


def wait_for_company(board, layout, index, value, patience):
    """While holding a permit, wait until ``company_needed`` contenders are provably inside
    together; return (the most seen together, how the wait ended)."""
    end = time.monotonic() + patience
    most = 0
    while True:
        seen = together(board, layout, index)
        most = max(most, seen)
        if seen >= company_needed(board, layout, value):
            return most, "filled"
        if any(board[layout.gave_up + other] for other in range(layout.contenders)):
            return most, "abandoned"
        if time.monotonic() > end:
            board[layout.gave_up + index] = 1
            return most, "starved"
        time.sleep(POLL)


def contend(sem, board, layout, value, patience, plan):
    """Enter the semaphore once per stay; inside, wait for company, then stay a while.

    Returns one record per section: (section, most holders seen together, how the wait ended).
    """
    index, stays = plan
    records = []
    for section, stay in enumerate(stays):
        with judged("acquire()"):
            sem.acquire()
        board[layout.inside + index] = 2 * section + 1
        most, company = wait_for_company(board, layout, index, value, patience)
        pause(stay)
        most = max(most, together(board, layout, index))
        board[layout.inside + index] = 2 * section + 2
        with judged("release() by a holder"):
            sem.release()
        records.append((section, most, company))
    board[layout.done + index] = 1
    return records


def await_permit(sem, board, patience, plan):
    """Announce, then acquire (blocking, or with a long timeout); return (result, seconds)."""
    index, timed = plan
    board[READY + index] = 1
    started = time.monotonic()
    with judged(f"acquire(timeout={patience:g})" if timed else "acquire()"):
        got = sem.acquire(timeout=patience) if timed else sem.acquire()
    return got, time.monotonic() - started


def probe_taken(sem, timeout, negative):
    """Try to take a permit while another process holds them all, three ways."""
    with judged("acquire(False)"):
        now = sem.acquire(False)
    started = time.monotonic()
    with judged(f"acquire(timeout={timeout})"):
        timed = sem.acquire(timeout=timeout)
    waited = time.monotonic() - started
    with judged(f"acquire(timeout={negative})"):
        negative_result = sem.acquire(timeout=negative)
    return now, timed, waited, negative_result


def release_times(sem, times):
    """Release ``times`` times; report each call's exception type name, or None."""
    raised = []
    for _ in range(times):
        try:
            sem.release()
        except Exception as exc:  # the parent judges which exception, if any, is allowed
            raised.append(type(exc).__name__)
        else:
            raised.append(None)
    return raised


def count_and_read(sem, ops):
    """Run each op ("release" or "acquire", non-blocking) and read get_value() after it;
    return (op, what it returned or raised, get_value()) per op."""
    seen = []
    for op in ops:
        try:
            returned = sem.release() if op == "release" else sem.acquire(False)
        except Exception as exc:  # the parent judges it against its model
            returned = type(exc).__name__
        seen.append((op, returned, sem.get_value()))
    return seen
