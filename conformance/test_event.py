"""Event: one flag shared by every process; set() wakes every waiter, wait(t) never lies.

Docs: multiprocessing — Synchronization primitives (Event: "a clone of threading.Event");
threading — Event objects; multiprocessing — Managers (SyncManager.Event).

Every invariant here holds for ``ctx.Event()`` and for the proxy of ``Manager().Event()``.
"""

import time

import pytest
from hypothesis import strategies as st

from conformance.actors import event as actors
from conformance.actors.common import pause
from conformance.invariants import invariant
from conformance.judge import Outcomes
from conformance.judge.timing import never_early
from conformance.strategies import delays, process_counts, timeouts


@st.composite
def waiter_programs(draw):
    """Waiting processes, each with 1–2 waiting threads, some of them with a (long) timeout."""
    processes = draw(process_counts(1, 4))
    plans = []
    slot = actors.READY
    for _ in range(processes):
        threads = draw(st.integers(1, 2))
        plans.append((slot, threads, draw(st.booleans())))
        slot += threads
    return {"plans": tuple(plans), "delay": draw(delays)}


steps = st.lists(st.tuples(st.sampled_from(("parent", "child")), st.sampled_from(("set", "clear"))),
                 min_size=1, max_size=6).map(tuple)


@pytest.mark.providers("native", "manager")
@invariant(program=waiter_programs())
def test_set_wakes_every_waiter(target, program):
    """``set()`` in one process wakes every thread of every process waiting on the Event, each
    ``wait()`` returns True, and none returns True before ``set()`` was called.

    Docs: threading — Event objects (set: "All threads waiting for it to become true are
    awakened"; wait: "returns True if and only if the internal flag has been set to true").
    Promises: EVT-5, EVT-6, MGR-30.
    """
    plans = program["plans"]
    waiting = sum(threads for _, threads, _ in plans)
    with target.scenario() as s:
        board = s.board(actors.READY + waiting)
        event = s.keep(s.sync.Event())
        children = [s.start(actors.waiters, event, board, s.deadline, plan, role=f"waiter {i}")
                    for i, plan in enumerate(plans)]
        for slot in range(actors.READY, actors.READY + waiting):
            s.await_slot(board, slot, 1, what=f"waiter thread {slot - actors.READY} to be ready")
        pause(program["delay"])  # widens the window in which waiters settle into wait()
        board[actors.SET_CALLED] = 1
        event.set()
        seen = s.join(children, stuck_in="Event.wait after set()")
    outcomes = Outcomes(
        unit="waits on an Event",
        acceptable={"woken": "wait() returned True after set() was called"},
        forbidden={"not-woken": "wait() returned something other than True, raised or never "
                                "returned",
                   "before-set": "wait() returned True before set() was called"},
    )
    for process, records in enumerate(seen):
        for thread, record in enumerate(records):
            where = f"waiter {process} thread {thread}"
            if record is None or record[0] is not True:
                outcomes.observe("not-woken", f"{where}: {record!r}")
            else:
                outcomes.expect(record[1] == 1, "before-set",
                                f"{where} returned True before set() was called", "woken")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(timeout=timeouts, negative=st.sampled_from([-1.0, -0.01]))
def test_wait_on_unset_event_returns_false_after_timeout(target, timeout, negative):
    """A new Event is not set; on it ``wait(0)`` and ``wait(negative)`` return False, and
    ``wait(t)`` returns False, no earlier than t.

    Docs: threading — Event objects (is_set: "Return True if and only if the internal flag is
    true"; wait: "returns ... False if a timeout is given and the operation times out").
    Promises: EVT-1, EVT-4, EVT-6, MGR-30.
    """
    with target.scenario() as s:
        event = s.keep(s.sync.Event())
        calls = [("is_set() of a new Event", event.is_set()),
                 ("wait(0)", event.wait(0)),
                 (f"wait({negative})", event.wait(negative))]
        started = time.monotonic()
        calls.append((f"wait({timeout})", event.wait(timeout)))
        waited = time.monotonic() - started
    outcomes = Outcomes(
        unit="calls on an unset Event",
        acceptable={"false": "returned False"},
        forbidden={"not-false": "returned something other than False"},
    )
    for call, returned in calls:
        outcomes.expect(returned is False, "not-false", f"{call} returned {returned!r}", "false")
    outcomes.verdict()
    never_early(waited, timeout, f"Event.wait({timeout})")


@pytest.mark.providers("native", "manager")
@invariant(steps=steps)
def test_flag_agrees_across_processes(target, steps):
    """After each ``set()`` or ``clear()``, by either of two processes, both see the same flag:
    ``is_set()`` and ``wait(0)`` return True after ``set()`` and False after ``clear()`` (and on
    a new Event).

    Docs: threading — Event objects (set, clear, is_set, wait); multiprocessing —
    Synchronization primitives (Event).
    Promises: EVT-1, EVT-2, EVT-3, EVT-6, MGR-30.
    """
    with target.scenario() as s:
        board = s.board(actors.LOCKSTEP_SLOTS)
        event = s.keep(s.sync.Event())
        child = s.start(actors.lockstep_partner, event, board, steps, s.deadline, role="partner")
        parent_seen = []
        for number, (who, op) in enumerate([(None, None), *steps]):
            if who == "parent":
                getattr(event, op)()
                board[actors.STEP_DONE] = number
            elif who == "child":
                s.await_slot(board, actors.STEP_DONE, number, what=f"the partner's step {number}")
            parent_seen.append(actors.observe(event))
            board[actors.PARENT_SAW] = number + 1
            s.await_slot(board, actors.CHILD_SAW, number + 1,
                         what=f"the partner to observe step {number}")
        (child_seen,) = s.join([child], stuck_in="Event.set/clear/is_set/wait(0)")
    outcomes = Outcomes(
        unit="observations of the flag (is_set(), wait(0))",
        acceptable={"agrees": "both calls returned the flag the last set()/clear() left"},
        forbidden={"disagrees": "a call returned another value"},
    )
    flag = False
    for number, (who, op) in enumerate([(None, None), *steps]):
        if op is not None:
            flag = op == "set"
        step = "the new Event" if op is None else f"step {number} ({who} {op}())"
        for process, seen in (("parent", parent_seen), ("partner", child_seen)):
            observed = seen[number] if number < len(seen) else "nothing (it stopped)"
            outcomes.expect(observed == (flag, flag), "disagrees",
                            f"after {step} the {process} saw (is_set(), wait(0)) = {observed}, "
                            f"expected {(flag, flag)}", "agrees")
    outcomes.verdict()
