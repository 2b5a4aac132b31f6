"""Event users: waiters (in several threads of one process), a prober of an unset Event and a
lockstep set/clear partner.

Waiter board (``WaiterBoard``): the setter writes ``set_called`` just before it calls ``set()``;
waiter thread k writes ``ready + k`` just before it calls ``wait()`` and ``returned + k`` once
``wait()`` has returned (or raised).  The flag is level-triggered, so what is judged is that
every waiter gets True, that nobody got True before ``set()`` was called, and that nobody is
still waiting long after it.

Lockstep board (``STEP_DONE``, ``PARENT_SAW``, ``CHILD_SAW``): the step number each process has
reached, written only by the process named.
"""

import threading
import time

from conformance.harness.child import judged

# How long a "timed" waiter waits, in deadlines: long enough that only set() can end its wait
# before the parent gives up on it.
TIMED_WAIT_DEADLINES = 10

STEP_DONE = 0
PARENT_SAW = 1
CHILD_SAW = 2
LOCKSTEP_SLOTS = 3


class WaiterBoard:
    """Where the waiters' evidence lives: one "ready" and one "returned" slot per waiting
    thread, each written only by that thread."""

    def __init__(self, threads):
        self.threads = threads
        self.set_called = 0
        self.ready = 1
        self.returned = 1 + threads
        self.size = 1 + 2 * threads

    def ready_slots(self):
        return range(self.ready, self.ready + self.threads)

    def returned_slots(self):
        return range(self.returned, self.returned + self.threads)


def waiters(event, board, layout, deadline, plan):
    """Wait on the event in ``threads`` threads of this process, each announcing itself first.

    ``plan`` is (index of the first thread on the board, threads, timed).  Returns one record per
    thread: (what ``wait()`` returned, whether ``set()`` had been called when it returned).
    """
    first, threads, timed = plan
    timeout = TIMED_WAIT_DEADLINES * deadline if timed else None
    records = [None] * threads
    raised = {}

    def wait_one(k):
        board[layout.ready + first + k] = 1
        try:
            woke = event.wait() if timeout is None else event.wait(timeout)
            records[k] = (woke, board[layout.set_called] == 1)
        except Exception as exc:  # re-raised below, inside a judged block
            raised[k] = exc
        finally:
            board[layout.returned + first + k] = 1

    others = [threading.Thread(target=wait_one, args=(k,), daemon=True)
              for k in range(1, threads)]
    for thread in others:
        thread.start()
    wait_one(0)
    for thread in others:
        thread.join(deadline)
    for k, exc in raised.items():
        with judged(f"Event.wait() in thread {k}"):
            raise exc
    return records


def probe_unset(event, timeout, negative):
    """On an Event nobody sets: ``is_set()``, ``wait(0)``, ``wait(negative)``, then
    ``wait(timeout)``.  Returns [(call, what it returned), ...] and the seconds ``wait(timeout)``
    took."""
    calls = []
    for what, call in (("is_set()", event.is_set), ("wait(0)", lambda: event.wait(0)),
                       (f"wait({negative})", lambda: event.wait(negative))):
        with judged(what):
            calls.append((what, call()))
    started = time.monotonic()
    with judged(f"wait({timeout})"):
        calls.append((f"wait({timeout})", event.wait(timeout)))
    return calls, time.monotonic() - started


def observe(event):
    """What this process sees of the flag: ``is_set()`` and a ``wait(0)`` that must not block."""
    with judged("is_set() and wait(0)"):
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
            with judged(f"{op}()"):
                getattr(event, op)()
            board[STEP_DONE] = number
        elif number and not board.wait_until(STEP_DONE, number, deadline):
            return seen
        if not board.wait_until(PARENT_SAW, number + 1, deadline):
            return seen
        seen.append(observe(event))
        board[CHILD_SAW] = number + 1
    return seen
