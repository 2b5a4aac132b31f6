"""Barrier parties and bystanders; waiters whose barrier is aborted, reset, timed out or broken
by a failing action.

Board layout for ``parties`` parties and ``generations`` generations (see ``BarrierBoard``):
one arrival slot per party (the last generation it arrived at, written only by that party),
an action-run counter and, per generation, the arrivals the action saw.  The breaking scenarios
use ``WaiterBoard``: a go signal from the parent and, per waiter, "about to wait" and "left".
"""

import functools
import threading
import time

from conformance.actors.common import pause


class BarrierBoard:
    """Where each piece of barrier evidence lives on the board."""

    def __init__(self, parties, generations, bystanders):
        self.parties = parties
        self.generations = generations
        self.action_runs = parties
        self.action_saw = parties + 1  # + generation - 1
        self.bystanders = parties + 1 + generations  # + bystander index
        self.size = self.bystanders + bystanders

    def arrivals(self, board, generation):
        return sum(1 for party in range(self.parties) if board[party] >= generation)


def record_action(board, layout):
    """The barrier's action: count the run and note how many parties had arrived."""
    run = board[layout.action_runs] + 1
    board[layout.action_runs] = run
    if run <= layout.generations:
        board[layout.action_saw + run - 1] = layout.arrivals(board, run)


def action_for(board, layout):
    return functools.partial(record_action, board, layout)


def party(barrier, board, layout, plan):
    """Arrive at every generation after its delay; record what was seen on release."""
    index, delays = plan
    seen = []
    for generation, delay in enumerate(delays, start=1):
        pause(delay)
        board[index] = generation
        returned = barrier.wait()
        seen.append((generation, returned, layout.arrivals(board, generation),
                     board[layout.action_runs]))
    return seen


def bystander(board, layout, plan):
    """Run freely beside the barrier, never touching it."""
    index, steps = plan
    slot = layout.bystanders + index
    for _ in range(steps):
        board[slot] += 1
        pause(0.0005)
    return board[slot]


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
    n_waiting, broken = barrier.n_waiting, barrier.broken
    barrier.abort()
    return n_waiting, broken


def wait_alone(barrier, times):
    """Call ``wait()`` on a one-party barrier ``times`` times; return each outcome."""
    return [outcome_of(barrier.wait) for _ in range(times)]
