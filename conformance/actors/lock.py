"""Lock users: critical sections, a holder that waits to be told to release, a releaser.

Critical-section board layout: slot ``TOTAL`` is a shared total updated read-delay-write inside
the lock (the lock under test is what makes that safe); slot ``INSIDE + i`` is 1 while worker i
is inside (written only by worker i).
"""

from conformance.actors.common import pause

TOTAL = 0
INSIDE = 1

HELD = 0  # holder board: set once the holder has the lock
RELEASE_NOW = 1  # set by the parent when the holder may release


def critical_sections(lock, board, workers, plan):
    """Enter the lock once per delay; return every overlap seen as (section, other workers)."""
    index, delays = plan
    overlaps = []
    for section, delay in enumerate(delays):
        lock.acquire()
        try:
            board[INSIDE + index] = 1
            before = others_inside(board, workers, index)
            total = board[TOTAL]
            pause(delay)
            board[TOTAL] = total + 1
            after = others_inside(board, workers, index)
            board[INSIDE + index] = 0
        finally:
            lock.release()
        if before or after:
            overlaps.append((section, sorted(set(before) | set(after))))
    return overlaps


def others_inside(board, workers, index):
    return [other for other in range(workers) if other != index and board[INSIDE + other]]


def hold_until_told(lock, board, deadline):
    """Acquire, announce it, and release only when the parent says so (or the deadline passes)."""
    lock.acquire()
    board[HELD] = 1
    told = board.wait_until(RELEASE_NOW, 1, deadline)
    lock.release()
    return told


def release(lock):
    """Release a lock this process never acquired; report the exception type, if any."""
    try:
        lock.release()
    except Exception as exc:  # the parent judges which exception, if any, is allowed
        return type(exc).__name__
    return None
