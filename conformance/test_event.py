"""Event: one flag shared by every process; set() wakes every waiter, wait(t) never lies.

Docs: multiprocessing — Synchronization primitives (Event: "a clone of threading.Event");
threading — Event objects; multiprocessing — Managers (SyncManager.Event).

Every invariant here holds for ``ctx.Event()`` and for the proxy of ``Manager().Event()``.
Waiters announce themselves on the board just before ``wait()``; the parent sets the Event only
once every announced thread (and, for the proxy, every thread of the manager process) is asleep,
so that ``set()`` finds them all blocked inside ``wait()``.
"""

import pytest
from hypothesis import example
from hypothesis import strategies as st

from conformance.actors import event as actors
from conformance.harness.waiting import await_condition, await_quiet
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, judged
from conformance.judge.timing import never_early
from conformance.strategies import process_counts, sized, timeouts

WAKES = OutcomeTable(
    unit="waits on an Event",
    acceptable={"woken": "wait() returned True after set() was called"},
    forbidden={"not-woken": "still inside wait() a whole deadline after set() returned",
               "not-true": "wait() returned something other than True",
               "before-set": "wait() returned True before set() was called"},
)

UNSET = OutcomeTable(
    unit="calls on an unset Event",
    acceptable={"false": "returned False"},
    forbidden={"not-false": "returned something other than False"},
)

AGREES = OutcomeTable(
    unit="observations of the flag (is_set(), wait(0))",
    acceptable={"agrees": "both calls returned the flag the last set()/clear() left"},
    forbidden={"disagrees": "a call returned another value"},
)


@st.composite
def waiter_programs(draw):
    """Waiting processes (at least two), each with 1–3 waiting threads (times the scale), some
    of them waiting with a (long) timeout: (first thread's index, threads, timed) per process."""
    plans = []
    first = 0
    for _ in range(draw(process_counts(2, 4))):
        threads = draw(sized(1, 3))
        plans.append((first, threads, draw(st.booleans())))
        first += threads
    return tuple(plans)


step = st.tuples(st.sampled_from(("parent", "child")), st.sampled_from(("set", "clear")))
steps = sized(1, 6).flatmap(lambda count: st.lists(step, min_size=count, max_size=count)
                            .map(tuple))
# Volume: 256 threads, 64 in each of four processes, all blocked in wait() when set() comes.
CROWD = tuple((64 * i, 64, i % 2 == 1) for i in range(4))
# Volume: 200 steps, a third of them by the partner, set() and clear() in turn.
ALTERNATING_STEPS = tuple((("parent", "child")[i % 3 == 0], ("set", "clear")[i % 2])
                          for i in range(200))


@pytest.mark.providers("native", "manager")
@invariant(plans=waiter_programs())
@example(plans=CROWD)
def test_set_wakes_every_waiter(target, plans):
    """``set()`` in one process wakes every thread of every process waiting on the Event, each
    ``wait()`` returns True, and none returns True before ``set()`` was called.

    Docs: threading — Event objects (set: "All threads waiting for it to become true are
    awakened"; wait: "returns True if and only if the internal flag has been set to true").
    Promises: EVT-5, EVT-6, MGR-30.
    """
    threads = sum(count for _, count, _ in plans)
    layout = actors.WaiterBoard(threads)
    with target.scenario() as s:
        board = s.board(layout.size)
        event = s.keep(s.sync.Event())
        children = [s.start(actors.waiters, event, board, layout, s.deadline, plan,
                            role=f"waiter {i}") for i, plan in enumerate(plans)]
        for slot in layout.ready_slots():
            s.await_slot(board, slot, 1, what=f"waiter thread {slot - layout.ready} to be ready")
        await_quiet(s, children)
        board[layout.set_called] = 1
        with judged("Event.set()"):
            event.set()

        def still_waiting(first, count):
            return [k for k in range(count) if not board[layout.returned + first + k]]

        def waiting_children():
            return [child for child, (first, count, _) in zip(children, plans)
                    if still_waiting(first, count)]

        # Until no thread is waiting but in a child that exited without saying it returned (an
        # error: joining that child says why).
        await_condition(lambda: all(child.process.exitcode is not None
                                    for child in waiting_children()), s.deadline)
        stuck = {first: still_waiting(first, count) for first, count, _ in plans}
        done = [child for child in children
                if child not in waiting_children() or child.process.exitcode is not None]
        seen = dict(zip(done, s.join(done, stuck_in="Event.wait after set()")))
    outcomes = WAKES.counter()
    for process, (child, (first, count, _)) in enumerate(zip(children, plans)):
        for k in range(count):
            where = f"waiter {process} thread {k}"
            if k in stuck[first]:
                outcomes.observe("not-woken", f"{where} still in wait() {s.deadline:g} s after "
                                              f"set() returned")
            elif child in seen:
                woke, set_called = seen[child][k]
                if woke is not True:
                    outcomes.observe("not-true", f"{where}: wait() returned {woke!r}")
                else:
                    outcomes.expect(set_called, "before-set", f"{where} returned True before "
                                                              f"set() was called", "woken")
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
        ((calls, waited),) = s.run(actors.probe_unset, [negative], role="prober",
                                   stuck_in=f"Event.wait({timeout}) on an unset Event",
                                   extra_args=(event, timeout))
    outcomes = UNSET.counter()
    for call, returned in calls:
        outcomes.expect(returned is False, "not-false", f"{call} returned {returned!r}", "false")
    outcomes.verdict()
    never_early(waited, timeout, f"Event.wait({timeout})")


@pytest.mark.providers("native", "manager")
@invariant(steps=steps)
@example(steps=ALTERNATING_STEPS)
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
                with judged(f"{op}()"):
                    getattr(event, op)()
                board[actors.STEP_DONE] = number
            elif who == "child":
                s.await_slot(board, actors.STEP_DONE, number, what=f"the partner's step {number}")
            with judged("is_set() and wait(0)"):
                parent_seen.append((event.is_set(), event.wait(0)))
            board[actors.PARENT_SAW] = number + 1
            s.await_slot(board, actors.CHILD_SAW, number + 1,
                         what=f"the partner to observe step {number}")
        (child_seen,) = s.join([child], stuck_in="Event.set/clear/is_set/wait(0)")
    outcomes = AGREES.counter()
    flag = False
    for number, (who, op) in enumerate([(None, None), *steps]):
        if op is not None:
            flag = op == "set"
        step_name = "the new Event" if op is None else f"step {number} ({who} {op}())"
        for process, seen in (("parent", parent_seen), ("partner", child_seen)):
            observed = seen[number] if number < len(seen) else "nothing (it stopped)"
            outcomes.expect(observed == (flag, flag), "disagrees",
                            f"after {step_name} the {process} saw (is_set(), wait(0)) = "
                            f"{observed}, expected {(flag, flag)}", "agrees")
    outcomes.verdict()
