"""Event users: waiters (in several threads of one process) and a lockstep set/clear partner.

Waiter board layout: slot ``SET_CALLED`` is written by the setter just before it calls
``set()``; slot ``READY + k`` is 1 once waiter thread k is about to call ``wait()`` (written only
by that thread).  A waiter cannot announce that it is *inside* ``wait()``, and need not: the
flag is level-triggered, so only "every waiter gets True" and "nobody got True before set() was
called" are judged.

Lockstep board layout (``STEP_DONE``, ``PARENT_SAW``, ``CHILD_SAW``): the step number each
process has reached, written only by the process named.
"""

import threading

SET_CALLED = 0
READY = 1

# How long a "timed" waiter waits, in deadlines: long enough that only set() can end its wait
# before the scenario's own deadline fails the join.
TIMED_WAIT_DEADLINES = 10

STEP_DONE = 0
PARENT_SAW = 1
CHILD_SAW = 2
LOCKSTEP_SLOTS = 3


def waiters(event, board, deadline, plan):
    """Wait on the event in ``threads`` threads of this process, each announcing itself first.

    Returns one record per thread: (returned value of ``wait()``, whether ``set()`` had been
    called when it returned), or ("raised", exception type name), or None if it never returned.
    """
    first_slot, threads, timed = plan
    timeout = TIMED_WAIT_DEADLINES * deadline if timed else None
    records = [None] * threads

    def wait_one(k):
        board[first_slot + k] = 1
        try:
            woke = event.wait() if timeout is None else event.wait(timeout)
        except Exception as exc:  # judged by the parent
            records[k] = ("raised", type(exc).__name__)
            return
        records[k] = (woke, board[SET_CALLED])

    others = [threading.Thread(target=wait_one, args=(k,), daemon=True)
              for k in range(1, threads)]
    for thread in others:
        thread.start()
    wait_one(0)
    for thread in others:
        thread.join(deadline)
    return records


def observe(event):
    """What this process sees of the flag: ``is_set()`` and a ``wait(0)`` that must not block."""
    return event.is_set(), event.wait(0)


def lockstep_partner(event, board, steps, deadline):
    """Take part in a program of (who, op) steps, observing the flag after every step.

    Step 0 is the fresh event.  After step i the parent observes first, then this process;
    the parent starts step i + 1 only after both observed.  Returns the observations per step,
    or stops early (returning what it has) if the parent stops answering.
    """
    seen = []
    for number, (who, op) in enumerate([(None, None), *steps]):
        if who == "child":
            getattr(event, op)()
            board[STEP_DONE] = number
        elif number and not board.wait_until(STEP_DONE, number, deadline):
            return seen
        if not board.wait_until(PARENT_SAW, number + 1, deadline):
            return seen
        seen.append(observe(event))
        board[CHILD_SAW] = number + 1
    return seen
