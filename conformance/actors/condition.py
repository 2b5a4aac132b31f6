"""Condition users: notified waiters, a timed waiter, a recursive waiter, a predicate waiter.

Each waiter announces on the board, *while holding the condition's lock*, that it is about to
call ``wait()``.  The lock is released only inside ``wait()``, so once the notifier holds the
lock every announced waiter is known to be waiting: no sleep decides that.

Every actor catches what the Condition raises and returns it as ``("raised", type name)``, so
that the parent can count it as an outcome.
"""

import time

# Notified waiters (see ``NotifyBoard``).
PHASE = 0  # written by the notifier, under the lock: 1 before notify(n), 2 before notify_all()
RELEASED = 1  # written by the notifier just before it releases the lock after notifying

# Timed waiter.
RETURNED = 0  # 1 once wait(t) returned (the waiter is still inside ``with cond:``)
LEAVE = 1  # written by the parent: the waiter may leave ``with cond:``
TIMED_SLOTS = 2

# Recursive waiter.
WAITING = 0  # 1 once the waiter holds the lock ``levels`` times and is about to wait
PARTLY_RELEASED = 1  # 1 once it released all but one level after waking
PROBED = 2  # written by the parent: it has probed the lock; release the last level
RECURSIVE_SLOTS = 3

# Predicate waiter.
PROGRESS = 0  # predicate evaluations so far; RETURNED_MARK once wait_for returned
VALUE = 1  # what the predicate returns: 0 (falsy) until the parent writes the final value
SENT = 2  # notifications sent so far (written by the parent, under the lock)
PREDICATE_SLOTS = 3
RETURNED_MARK = 1 << 40


class NotifyBoard:
    """Where the notified waiters' evidence lives: one "waiting" and one "woke in phase" slot
    per waiter, each written only by that waiter."""

    def __init__(self, waiters):
        self.waiters = waiters
        self.waiting = 2
        self.woken = 2 + waiters
        self.size = 2 + 2 * waiters

    def woken_slots(self):
        return range(self.woken, self.woken + self.waiters)


def count_at_least(board, slots, count, deadline):
    """Poll until at least ``count`` of ``slots`` are non-zero; False if ``deadline`` passes.

    Only for liveness, like ``Board.wait_until``.
    """
    end = time.monotonic() + deadline
    while sum(1 for slot in slots if board[slot]) < count:
        if time.monotonic() > end:
            return False
        time.sleep(0.001)
    return True


def notified_waiter(cond, board, layout, index):
    """Inside ``with cond:`` announce, ``wait()``, then record the phase in which it woke.

    Returns (what ``wait()`` returned, phase seen on waking, whether the notifier had released
    the lock by then), or ("raised", type name, that record if ``wait()`` had returned).
    """
    record = None
    try:
        with cond:
            board[layout.waiting + index] = 1
            woke = cond.wait()
            phase = board[PHASE]
            record = (woke, phase, board[RELEASED] >= phase)
            board[layout.woken + index] = phase
        return record
    except Exception as exc:  # judged by the parent
        return "raised", type(exc).__name__, record


def timed_waiter(cond, board, timeout, deadline):
    """Inside ``with cond:`` wait(timeout) that nobody notifies, then stay inside until told.

    Returns (what ``wait()`` returned, seconds it took), or ("raised", type name) — also when
    leaving ``with cond:`` raises, which it does if the lock was not held again.
    """
    try:
        with cond:
            started = time.monotonic()
            woke = cond.wait(timeout)
            waited = time.monotonic() - started
            board[RETURNED] = 1
            board.wait_until(LEAVE, 1, deadline)
        return woke, waited
    except Exception as exc:  # judged by the parent
        board[RETURNED] = 1
        return "raised", type(exc).__name__


def recursive_waiter(cond, board, levels, deadline):
    """Hold the lock ``levels`` times, ``wait()``, then release it level by level.

    Returns (results of the re-entrant acquire(False) calls, what ``wait()`` returned), or
    ("raised", type name) if acquiring, waiting or releasing raised.
    """
    try:
        if not cond.acquire(True, deadline):
            return "raised", "first acquire timed out"
        reentered = [cond.acquire(False) for _ in range(levels - 1)]
        held = 1 + sum(1 for got in reentered if got)
        board[WAITING] = 1
        woke = cond.wait()
        for _ in range(held - 1):
            cond.release()
        board[PARTLY_RELEASED] = 1
        board.wait_until(PROBED, 1, deadline)
        cond.release()
        return reentered, woke
    except Exception as exc:  # judged by the parent, who must not wait for signals in vain
        board[WAITING] = 1
        board[PARTLY_RELEASED] = 1
        return "raised", type(exc).__name__


def predicate_waiter(cond, board, timeout):
    """Inside ``with cond:`` ``wait_for`` a predicate that counts its evaluations and returns
    the board's VALUE slot.

    Returns (what ``wait_for`` returned, seconds it took, VALUE and SENT when it returned), or
    ("raised", type name).
    """

    def predicate():
        board[PROGRESS] += 1
        return board[VALUE]

    try:
        with cond:
            started = time.monotonic()
            result = cond.wait_for(predicate, timeout)
            waited = time.monotonic() - started
            board[PROGRESS] = RETURNED_MARK
            return result, waited, board[VALUE], board[SENT]
    except Exception as exc:  # judged by the parent
        board[PROGRESS] = RETURNED_MARK
        return "raised", type(exc).__name__
