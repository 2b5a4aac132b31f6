"""Barrier parties; waiters whose barrier is aborted, reset, timed out or broken by a failing
action.

Parties use ``PartyBoard``: each party writes, just before it calls ``wait()``, the generation
it arrives at, and on leaving ``wait()`` what it saw.  In some generations one party is held
back until the parent opens the gate for it, which it does only once every other party is
blocked in ``wait()``: a party released before that gate opened was released early, whatever
the arrival delays.  The breaking scenarios use ``WaiterBoard``: a go signal from the parent
and, per waiter, "about to wait" and "left".
"""

import functools
import threading
import time

from conformance.actors.common import pause
from conformance.harness.child import judged

BROKEN = "broken"  # what a party records for a wait() that raised threading.BrokenBarrierError
GATE_DEADLINES = 3  # how long a held-back party waits for its gate, in deadlines: the parent
# may first spend a deadline on the other parties' arrivals


class PartyBoard:
    """Where each piece of party evidence lives on the board.

    Written by the parent: ``gate`` (the last generation whose held-back party may arrive).
    Written by party i only: ``arrived + i`` (the last generation it arrived at), ``early + i``
    (the first generation it saw itself released early, 0 if none), ``finished + i`` (1 once
    it is done).  Written by the action: ``action_runs`` and, per
    generation, ``action_saw + generation - 1`` (the arrivals it saw).
    """

    def __init__(self, parties, generations):
        self.parties = parties
        self.generations = generations
        self.gate = 0
        self.action_runs = 1
        self.arrived = 2
        self.early = 2 + parties
        self.finished = 2 + 2 * parties
        self.action_saw = 2 + 3 * parties
        self.size = self.action_saw + generations

    def arrivals(self, board, generation):
        return sum(1 for party in range(self.parties) if board[self.arrived + party] >= generation)

    def released_early(self, board):
        return any(board[self.early + party] for party in range(self.parties))


def record_action(board, layout):
    """The barrier's action: count the run and note how many parties had arrived."""
    run = board[layout.action_runs] + 1
    board[layout.action_runs] = run
    if run <= layout.generations:
        board[layout.action_saw + run - 1] = layout.arrivals(board, run)


def action_for(board, layout):
    return functools.partial(record_action, board, layout)


def party(barrier, board, layout, deadline, plan):
    """Arrive at every generation after its delay (a held-back party: once its gate opens);
    record what was seen on release.

    ``plan`` is (index, delay per generation, held-back party per generation or None).  Returns
    per generation (generation, what ``wait()`` returned or BROKEN, arrivals seen, whether a
    held-back party's gate was open, action runs seen); stops after a BROKEN.
    """
    index, delays, latecomers = plan
    seen = []
    for generation, (delay, latecomer) in enumerate(zip(delays, latecomers), start=1):
        if latecomer == index and not board.wait_until(layout.gate, generation,
                                                       GATE_DEADLINES * deadline):
            raise RuntimeError(f"the parent never let party {index} arrive at generation "
                               f"{generation}")
        pause(delay)
        board[layout.arrived + index] = generation
        with judged(f"Barrier.wait() in generation {generation}"):
            try:
                returned = barrier.wait()
            except threading.BrokenBarrierError:
                returned = BROKEN
        arrived = layout.arrivals(board, generation)
        gate_open = latecomer is None or board[layout.gate] >= generation
        seen.append((generation, returned, arrived, gate_open, board[layout.action_runs]))
        if returned == BROKEN:
            break
        if (arrived < layout.parties or not gate_open) and not board[layout.early + index]:
            board[layout.early + index] = generation
    board[layout.finished + index] = 1
    return seen


# --- Breaking the barrier: abort, reset, timeouts, a failing action, n_waiting -----------------


class ActionFailed(Exception):
    """What the failing action raises, so that its exception is told apart from any other."""


def failing_action():
    """A barrier action that raises (in the manager's server, for the manager provider)."""
    raise ActionFailed("the barrier's action failed on purpose")


def outcome_of(call):
    """Run ``call`` (a ``wait``); return ``("returned", index)``, ``("broken", None)`` for a
    ``threading.BrokenBarrierError`` (a subclass counts), or ``("raised", "<module.Class>")``."""
    try:
        return "returned", call()
    except threading.BrokenBarrierError:
        return "broken", None
    except Exception as exc:  # the parent judges which exception, if any, is allowed
        return "raised", f"{type(exc).__module__}.{type(exc).__qualname__}"


class WaiterBoard:
    """Board slots of the breaking scenarios: ``go`` is the parent's signal; ``about_to_wait + i``
    is set by waiter i just before it calls ``wait()``; ``left + i`` once it has left it."""

    def __init__(self, waiters):
        self.go = 0
        self.about_to_wait = 1
        self.left = 1 + waiters
        self.size = 1 + 2 * waiters


def wait_once(barrier, board, layout, deadline, plan):
    """Optionally wait for the parent's go, announce, call ``wait(**kwargs)`` once; return
    the outcome and the seconds spent inside ``wait()``."""
    index, kwargs, after_go = plan
    if after_go and not board.wait_until(layout.go, 1, deadline):
        raise RuntimeError("the parent never said go")
    board[layout.about_to_wait + index] = 1
    started = time.monotonic()
    outcome = outcome_of(lambda: barrier.wait(**kwargs))
    waited = time.monotonic() - started
    board[layout.left + index] = 1
    return outcome, waited


def wait_through_reset(barrier, board, layout, deadline, index):
    """Wait (to be broken by a reset), say so, then wait again once the parent says go."""
    board[layout.about_to_wait + index] = 1
    first = outcome_of(barrier.wait)
    board[layout.left + index] = 1
    if not board.wait_until(layout.go, 1, deadline):
        raise RuntimeError("the parent never said go")
    return first, outcome_of(barrier.wait)


def observe_then_abort(barrier):
    """From a process that is not waiting: read ``n_waiting`` and ``broken``, then abort."""
    with judged("n_waiting, broken and abort() from another process"):
        n_waiting, broken = barrier.n_waiting, barrier.broken
        barrier.abort()
    return n_waiting, broken


def wait_alone(barrier, times):
    """Call ``wait()`` on a one-party barrier ``times`` times; return each outcome."""
    return [outcome_of(barrier.wait) for _ in range(times)]
