"""Condition users: notified waiters, a timed waiter, a recursive waiter, a predicate waiter.

Each waiter announces on the board, *while holding the condition's lock*, that it is about to
call ``wait()``.  The lock is released only inside ``wait()``, so once the notifier holds the
lock every announced waiter is known to be waiting: no sleep decides that.

The calls a promise is about run inside ``judged`` blocks: what they raise is evidence.
"""

import time

from conformance.harness.child import judged

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


ROUND_DEADLINES = 3  # how long a notified waiter waits for its next round, in deadlines


class NotifyBoard:
    """Where the notified waiters' evidence lives.

    Written by the parent: ``round`` (round r may begin), ``stopped`` (1: no more rounds), and,
    under the lock, ``phase`` (2r - 1 before notify(n), 2r before notify_all()) and
    ``released`` (the phase, just before it releases the lock).  Written by waiter i only:
    ``waiting + i`` (the round it is about to wait in) and ``woken + i`` (the last round it woke
    in).
    """

    def __init__(self, waiters):
        self.waiters = waiters
        self.round = 0
        self.stopped = 1
        self.phase = 2
        self.released = 3
        self.waiting = 4
        self.woken = 4 + waiters
        self.size = 4 + 2 * waiters

    def woken_in(self, board, number):
        """How many waiters have woken in round ``number``."""
        return sum(1 for i in range(self.waiters) if board[self.woken + i] >= number)


def notified_waiter(cond, board, layout, deadline, index, rounds):
    """Each round: inside ``with cond:`` announce, ``wait()``, record the phase it woke in.

    Returns per round (what ``wait()`` returned, the phase seen on waking, whether the notifier
    had released the lock by then), for the rounds the parent ran.
    """
    records = []
    for number in range(1, rounds + 1):
        # The parent may spend a deadline on each phase of the round before.
        if not board.wait_until(layout.round, number, ROUND_DEADLINES * deadline):
            raise RuntimeError(f"the parent never began round {number}")
        if board[layout.stopped]:
            break
        with judged(f"with cond: wait() in round {number}"):
            with cond:
                board[layout.waiting + index] = number
                woke = cond.wait()
                phase = board[layout.phase]
                records.append((woke, phase, board[layout.released] >= phase))
                board[layout.woken + index] = number
    return records


def timed_waiter(cond, board, timeout, deadline):
    """Inside ``with cond:`` wait(timeout) that nobody notifies, then stay inside until told.

    Returns what ``wait()`` returned and the seconds it took.  Leaving ``with cond:`` raises
    (judged) if the lock was not held again.
    """
    with judged(f"with cond: wait({timeout})"):
        with cond:
            started = time.monotonic()
            woke = cond.wait(timeout)
            waited = time.monotonic() - started
            board[RETURNED] = 1
            told = board.wait_until(LEAVE, 1, deadline)
    if not told:
        raise RuntimeError("the parent never said leave")
    return woke, waited


def recursive_waiter(cond, board, levels, deadline):
    """Hold the lock ``levels`` times, ``wait()``, then release it level by level.

    Returns (results of the re-entrant acquire(False) calls, what ``wait()`` returned).
    """
    with judged("acquire() of the condition's lock"):
        got = cond.acquire(True, deadline)
    if not got:
        raise RuntimeError(f"could not acquire a fresh condition's lock in {deadline:g} s")
    with judged("re-entrant acquire(False)"):
        reentered = [cond.acquire(False) for _ in range(levels - 1)]
    held = 1 + sum(1 for again in reentered if again)
    board[WAITING] = 1
    with judged(f"wait() holding the lock {held} times"):
        woke = cond.wait()
    with judged(f"{held - 1} releases after wait()"):
        for _ in range(held - 1):
            cond.release()
    board[PARTLY_RELEASED] = 1
    told = board.wait_until(PROBED, 1, deadline)
    with judged("the last release()"):
        cond.release()
    if not told:
        raise RuntimeError("the parent never probed the lock")
    return reentered, woke


def predicate_waiter(cond, board, timeout):
    """Inside ``with cond:`` ``wait_for`` a predicate that counts its evaluations and returns
    the board's VALUE slot.

    Returns (what ``wait_for`` returned, seconds it took, VALUE and SENT when it returned).
    """

    def predicate():
        board[PROGRESS] += 1
        return board[VALUE]

    with judged(f"with cond: wait_for(predicate, {timeout})"):
        with cond:
            started = time.monotonic()
            result = cond.wait_for(predicate, timeout)
            waited = time.monotonic() - started
            board[PROGRESS] = RETURNED_MARK
            return result, waited, board[VALUE], board[SENT]
