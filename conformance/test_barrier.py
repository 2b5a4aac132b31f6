"""Barrier: parties are released together, generation after generation; a barrier that is
aborted, reset, timed out or whose action fails breaks every party's wait.

Docs: multiprocessing — Synchronization primitives (Barrier: "a clone of threading.Barrier");
multiprocessing — Managers (SyncManager.Barrier); threading — Barrier objects.

Each party writes on the evidence board the generation it arrives at just before it calls
``wait()``, and records on leaving it how many parties had arrived at that generation, the index
``wait()`` returned and how many times the action had run.  In some generations one party is
held back: the parent lets it arrive only once every other party announced its arrival and
fell asleep (blocked in ``wait()``), so a release before that is seen as early whatever the
arrival delays.  An early release strands parties; the parent then aborts the barrier to free
them (their BrokenBarrierError is a consequence, not counted).

The breaking scenarios: waiters announce on the board just before calling ``wait()``; the parent
then reads ``n_waiting`` until it shows them all inside (a correct barrier lets nobody leave
meanwhile, since a party is always missing) before it aborts, resets, or lets a timed party go.
After an abort or a timeout the verdict never depends on ``n_waiting``: a later ``wait()`` on
a broken barrier must raise just as an active one must.  A reset, though, breaks only the parties
already inside, so that invariant cannot be judged (an error, saying why) if ``n_waiting`` never
shows them all inside (the invariant of ``n_waiting`` itself then fails).  The manager
provider's Barrier is a ``threading.Barrier`` in the server process; its action runs there.
"""

import threading
import time

import pytest
from hypothesis import example
from hypothesis import strategies as st

from conformance.actors import barrier as actors
from conformance.harness.waiting import await_condition, await_quiet
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, judged
from conformance.judge.blocking import expect_raises_within
from conformance.judge.timing import never_early
from conformance.strategies import delay_lists, process_counts, sized, timeouts

# Parties blocked in wait() while something breaks the barrier: one is enough to show the
# promise, three let wake-ups race.
waiter_counts = process_counts(1, 3)

POLL = 0.001  # between reads of n_waiting, which is only ever awaited (bounded), never judged
ACTION_FAILED = f"{actors.ActionFailed.__module__}.{actors.ActionFailed.__qualname__}"

# BAR-1: multiprocessing's Barrier is a threading.Barrier subclass.  The manager's is a proxy
# (BarrierProxy) that promises the same attributes (MGR-31), not the class.
SUBCLASSES_THREADING_BARRIER = {"native": True, "manager": False}

RELEASES = OutcomeTable(
    unit="releases from Barrier.wait",
    acceptable={"together": "left wait() after every party of its generation arrived"},
    forbidden={"early": "left wait() before every party of its generation arrived (or before "
                        "the held-back party was let go)",
               "broken": "wait() raised BrokenBarrierError although nothing broke the barrier"},
)

INDICES = OutcomeTable(
    unit="generations",
    acceptable={"permutation": "indices returned are exactly 0..parties-1"},
    forbidden={"not-a-permutation": "an index repeated, missing or out of range"},
)

ACTION = OutcomeTable(
    unit="observations of the action",
    acceptable={"once-before-release": "a released party saw one run per generation so far",
                "after-all-arrived": "the action saw every party arrived",
                "once-per-generation": "in all, the action ran once per generation"},
    forbidden={"not-once-before-release": "a released party saw the action run a different "
                                          "number of times than its generation",
               "before-all-arrived": "the action ran before every party arrived",
               "not-once-per-generation": "in all, the action ran a different number of times "
                                          "than there were generations",
               "broken": "wait() raised BrokenBarrierError although nothing broke the barrier"},
)

# What a wait() on a broken barrier may do, shared by the tables of the breaking scenarios.
BREAKS = {"broken": "wait() raised threading.BrokenBarrierError"}
DOES_NOT_BREAK = {"returned": "wait() returned although the barrier was broken",
                  "other-exception": "wait() raised something other than "
                                     "threading.BrokenBarrierError"}

ABORTED = OutcomeTable(
    unit="wait() calls on an aborted barrier, and its broken flag",
    acceptable={**BREAKS, "reported-broken": "broken is True after abort()"},
    forbidden={**DOES_NOT_BREAK, "not-reported-broken": "broken is False after abort()"},
)

RESET = OutcomeTable(
    unit="observations of a reset barrier",
    acceptable={**BREAKS,
                "emptied": "once the waiters left: broken False and n_waiting 0",
                "reused": "the next generation released every party, indices 0..parties-1"},
    forbidden={**DOES_NOT_BREAK,
               "not-emptied": "once the waiters left: broken True or n_waiting not 0",
               "not-reused": "the next generation did not release every party with distinct "
                             "indices"},
)

TIMED_OUT = OutcomeTable(
    unit="wait() calls on a barrier broken by a timeout, and its broken flag",
    acceptable={**BREAKS, "reported-broken": "broken is True afterwards"},
    forbidden={**DOES_NOT_BREAK, "not-reported-broken": "broken is False afterwards"},
)

ACTION_FAILS = OutcomeTable(
    unit="wait() calls at a generation whose action raised, and the broken flag",
    acceptable={**BREAKS,
                "action's-exception": "the party that ran the action got its exception",
                "reported-broken": "broken is True afterwards"},
    forbidden={**DOES_NOT_BREAK,
               "exception-lost": "no party got the action's exception",
               "exception-repeated": "more than one party got the action's exception",
               "not-reported-broken": "broken is False afterwards"},
)

STATE_SEEN = OutcomeTable(
    unit="observations of the class, parties, n_waiting and broken",
    acceptable={**BREAKS,
                "threading-barrier": "a native Barrier is a threading.Barrier",
                "fresh": "a new barrier read (parties, 0, False)",
                "counted": "the parent's reads of n_waiting rose to the parties blocked",
                "seen-elsewhere": "the observer read n_waiting = parties blocked, broken False",
                "break-seen": "after the observer's abort: broken True, n_waiting 0"},
    forbidden={**DOES_NOT_BREAK,
               "not-threading-barrier": "a native Barrier is not a threading.Barrier",
               "not-fresh": "a new barrier read otherwise",
               "miscounted": "n_waiting never showed every blocked party, or more",
               "unseen-elsewhere": "the observer read other values",
               "break-unseen": "after the observer's abort the parent read otherwise"},
)

SINGLE_PARTY = OutcomeTable(
    unit="wait() calls on a one-party barrier",
    acceptable={"released": "returned 0"},
    forbidden={"not-released": "returned another index or raised"},
)


@st.composite
def party_programs(draw):
    """Parties, each with one arrival delay per generation, and per generation the party held
    back until every other is blocked in wait() (or None)."""
    parties = draw(process_counts(2, 6))
    generations = draw(sized(1, 4))
    return {"parties": parties,
            "arrival_delays": tuple(draw(delay_lists(generations)) for _ in range(parties)),
            "latecomers": tuple(draw(st.none() | st.integers(0, parties - 1))
                                for _ in range(generations))}


# Volume: four parties through 100 generations, one held back in every tenth.
MANY_GENERATIONS = {"parties": 4, "arrival_delays": ((0.0,) * 100,) * 4,
                    "latecomers": tuple(g % 4 if g % 10 == 0 else None for g in range(100))}


def run_barrier_program(target, program, with_action):
    """Run the program; return each party's records, the action's runs and what it saw per
    generation, and whether the parent aborted the barrier to free parties an early release
    stranded."""
    parties, latecomers = program["parties"], program["latecomers"]
    generations = len(latecomers)
    layout = actors.PartyBoard(parties, generations)
    with target.scenario() as s:
        board = s.board(layout.size)
        action = actors.action_for(board, layout) if with_action else None
        barrier = s.keep(s.sync.Barrier(parties, action=action))
        plans = [(i, delays, latecomers) for i, delays in enumerate(program["arrival_delays"])]
        children = s.start_together(actors.party, plans, role="party",
                                    extra_args=(barrier, board, layout, s.deadline))

        def stopped(i):
            return board[layout.finished + i] or children[i].process.exitcode is not None

        def arrived(others, generation):
            return lambda: layout.released_early(board) or all(
                board[layout.arrived + i] >= generation or stopped(i) for i in others)

        for generation, latecomer in enumerate(latecomers, start=1):
            if latecomer is None:
                continue
            others = [i for i in range(parties) if i != latecomer]
            if not await_condition(arrived(others, generation), s.deadline) \
                    or layout.released_early(board):
                break
            await_quiet(s, [children[i] for i in others])
            board[layout.gate] = generation
        board[layout.gate] = generations
        await_condition(lambda: layout.released_early(board)
                        or all(stopped(i) for i in range(parties)), s.deadline)
        aborted = layout.released_early(board)
        if aborted:
            with judged("abort()"):
                barrier.abort()
        seen = s.join(children, stuck_in="Barrier.wait")
        action_saw = [board[layout.action_saw + g] for g in range(generations)]
        return seen, board[layout.action_runs], action_saw, aborted


@pytest.mark.providers("native", "manager")
@invariant(program=party_programs())
@example(program=MANY_GENERATIONS)
def test_parties_release_together(target, program):
    """No party returns from ``wait()`` before every party of its generation has arrived, in
    every generation.

    Docs: threading — Barrier objects (wait; "the barrier can be reused any number of times").
    Promises: BAR-2, BAR-3, MGR-31.
    """
    seen, _, _, aborted = run_barrier_program(target, program, with_action=False)
    outcomes = RELEASES.counter()
    for party, records in enumerate(seen):
        for generation, returned, arrived, gate_open, _ in records:
            if returned == actors.BROKEN:
                if not aborted:
                    outcomes.observe("broken", f"party {party} in generation {generation}")
                continue
            latecomer = program["latecomers"][generation - 1]
            outcomes.expect(arrived == program["parties"] and gate_open, "early",
                            f"party {party} left generation {generation} having seen {arrived} "
                            f"of {program['parties']} arrivals"
                            + ("" if gate_open else f", before party {latecomer} was let go"),
                            "together")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(program=party_programs())
@example(program=MANY_GENERATIONS)
def test_wait_indices_are_a_permutation(target, program):
    """In each generation the values returned by ``wait()`` are a permutation of
    ``range(parties)``: every party gets a distinct index.

    Docs: threading — Barrier objects (wait: "an integer in the range 0 to parties-1, different
    for each thread").
    Promises: BAR-2, MGR-31.
    """
    seen, _, _, _ = run_barrier_program(target, program, with_action=False)
    outcomes = INDICES.counter()
    for generation in range(1, len(program["latecomers"]) + 1):
        returned = [records[generation - 1][1] if len(records) >= generation else "nothing"
                    for records in seen]
        indices = sorted(index for index in returned if isinstance(index, int))
        outcomes.expect(indices == list(range(program["parties"])), "not-a-permutation",
                        f"generation {generation} returned {returned}", "permutation")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(program=party_programs())
@example(program=MANY_GENERATIONS)
def test_action_runs_once_before_release(target, program):
    """The ``action`` runs exactly once per generation, after every party arrived and before
    any party is released.

    Docs: threading — Barrier objects (action: "called by one of the threads when they are
    released"; wait: "prior to any of the threads being released").
    Promises: BAR-5, MGR-31.
    """
    seen, runs, action_saw, aborted = run_barrier_program(target, program, with_action=True)
    parties, generations = program["parties"], len(program["latecomers"])
    outcomes = ACTION.counter()
    for party, records in enumerate(seen):
        for generation, returned, _, _, runs_seen in records:
            if returned == actors.BROKEN:
                if not aborted:
                    outcomes.observe("broken", f"party {party} in generation {generation}")
                continue
            outcomes.expect(runs_seen == generation, "not-once-before-release",
                            f"party {party} released from generation {generation} saw "
                            f"{runs_seen} action runs", "once-before-release")
    if not aborted:
        outcomes.expect(runs == generations, "not-once-per-generation",
                        f"the action ran {runs} times in {generations} generations",
                        "once-per-generation")
    if runs <= generations:  # else its k-th run is not that of generation k
        for generation, arrived in enumerate(action_saw[:runs], start=1):
            outcomes.expect(arrived == parties, "before-all-arrived",
                            f"action of generation {generation} saw {arrived} of {parties} "
                            f"arrivals", "after-all-arrived")
    outcomes.verdict()


# --- breaking the barrier ------------------------------------------------------------------


def start_waiters(s, barrier, board, layout, plans, role="waiter"):
    """Start one ``wait_once`` child per plan ``(index, wait kwargs, after_go)``, ungated."""
    return [s.start(actors.wait_once, barrier, board, layout, s.deadline, plan,
                    role=f"{role} {plan[0]}") for plan in plans]


def await_inside(s, barrier, board, layout, waiters):
    """Wait until waiters ``0..waiters-1`` announced their ``wait()``, then read ``n_waiting``
    until it shows them all inside (bounded by the deadline); return the values read, in order.
    Only for scheduling: with a correct barrier nobody can leave before the parent acts."""
    for index in range(waiters):
        s.await_slot(board, layout.about_to_wait + index, 1,
                     what=f"waiter {index} to announce its wait()")
    end = time.monotonic() + s.deadline
    seen = []
    while True:
        counted = barrier.n_waiting
        if not seen or seen[-1] != counted:
            seen.append(counted)
        if counted == waiters or time.monotonic() > end:
            return seen
        time.sleep(POLL)


def expect_broken(outcomes, outcome, who):
    kind, detail = outcome
    if kind == "broken":
        outcomes.observe("broken")
    elif kind == "returned":
        outcomes.observe("returned", f"{who}: wait() returned {detail}")
    else:
        outcomes.observe("other-exception", f"{who}: wait() raised {detail}")


@pytest.mark.providers("native", "manager")
@invariant(current=waiter_counts)
def test_abort_breaks_current_and_later_waiters(target, current):
    """After ``abort()`` every party blocked in ``wait()`` and every later call of ``wait()``
    raises ``threading.BrokenBarrierError``, and the barrier reports itself broken.

    Docs: threading — Barrier objects (abort: "Put the barrier into a broken state.  This causes
    any active or future calls to wait() to fail with the BrokenBarrierError").
    Promises: BAR-8, BAR-9, MGR-31.
    """
    later = current  # the index of the one waiter that calls wait() only after the abort
    layout = actors.WaiterBoard(current + 1)
    with target.scenario() as s:
        board = s.board(layout.size)
        barrier = s.keep(s.sync.Barrier(current + 2))  # one party never comes
        waiters = start_waiters(s, barrier, board, layout,
                                [(i, {}, i == later) for i in range(current + 1)])
        await_inside(s, barrier, board, layout, current)
        with judged("abort() and broken"):
            barrier.abort()
            broken = barrier.broken
        board[layout.go] = 1
        seen = s.join(waiters, stuck_in="Barrier.wait after abort()")
    outcomes = ABORTED.counter()
    for index, (outcome, _) in enumerate(seen):
        expect_broken(outcomes, outcome, "the later waiter" if index == later
                      else f"active waiter {index}")
    outcomes.expect(broken, "not-reported-broken", "broken was False right after abort()",
                    "reported-broken")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(current=waiter_counts)
def test_reset_breaks_current_waiters_then_barrier_is_reusable(target, current):
    """``reset()`` makes every party blocked in ``wait()`` raise
    ``threading.BrokenBarrierError`` and leaves the barrier unbroken and empty, so that the next
    generation releases every party with the indices ``0..parties-1``.

    Docs: threading — Barrier objects (reset: "Return the barrier to the default, empty state.
    Any threads waiting on it will receive the BrokenBarrierError exception").
    Promises: BAR-7, BAR-9, BAR-3, MGR-31.
    """
    parties = current + 1  # the parent is the missing party, and joins the next generation
    layout = actors.WaiterBoard(current)
    with target.scenario() as s:
        board = s.board(layout.size)
        barrier = s.keep(s.sync.Barrier(parties))
        waiters = [s.start(actors.wait_through_reset, barrier, board, layout, s.deadline, i,
                           role=f"waiter {i}") for i in range(current)]
        counted = await_inside(s, barrier, board, layout, current)
        assert counted[-1] == current, (
            f"cannot judge: n_waiting read {counted}, never {current}, so the waiters are not "
            f"known to be inside wait() before reset()")
        with judged("reset()"):
            barrier.reset()
        for index in range(current):
            s.await_slot(board, layout.left + index, 1, what=f"waiter {index} to leave wait()")
        with judged("broken and n_waiting"):
            after_reset = (barrier.broken, barrier.n_waiting)
        board[layout.go] = 1
        parent_outcome = actors.outcome_of(lambda: barrier.wait(timeout=s.deadline))
        seen = s.join(waiters, stuck_in="Barrier.wait in the generation after reset()")
    outcomes = RESET.counter()
    for index, (first, _) in enumerate(seen):
        expect_broken(outcomes, first, f"waiter {index} (waiting when reset() was called)")
    outcomes.expect(after_reset == (False, 0), "not-emptied",
                    f"(broken, n_waiting) = {after_reset} after the waiters left", "emptied")
    second = [outcome for _, outcome in seen] + [parent_outcome]
    indices = sorted(detail for kind, detail in second if kind == "returned")
    outcomes.expect(indices == list(range(parties)), "not-reused",
                    f"next generation's outcomes (waiters..., parent): {second}", "reused")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(others=waiter_counts, timeout=timeouts, via=st.sampled_from(["wait", "constructor"]))
def test_wait_timeout_breaks_the_barrier_for_every_party(target, others, timeout, via):
    """When a party's ``wait()`` times out (its ``timeout`` argument, else the barrier's default
    ``timeout``) it raises ``threading.BrokenBarrierError`` no earlier than the timeout, the
    barrier becomes broken and every other party's ``wait()`` raises it too.

    Docs: threading — Barrier objects (Barrier: "timeout is the default timeout value if none is
    specified for the wait() method"; wait: "If the call times out, the barrier is put into the
    broken state").
    Promises: BAR-4, BAR-9, MGR-31.
    """
    layout = actors.WaiterBoard(others + 1)
    timed = others  # the index of the waiter with the timeout; it waits once the others are in
    with target.scenario() as s:
        board = s.board(layout.size)
        if via == "wait":
            barrier = s.keep(s.sync.Barrier(others + 2))  # one party never comes
            timed_kwargs, untimed_kwargs = {"timeout": timeout}, {}
        else:
            barrier = s.keep(s.sync.Barrier(others + 2, timeout=timeout))
            # The others override the default with a timeout longer than the whole scenario.
            timed_kwargs, untimed_kwargs = {}, {"timeout": 10 * s.deadline}
        plans = [(i, untimed_kwargs, False) for i in range(others)]
        waiters = start_waiters(s, barrier, board, layout, [*plans, (timed, timed_kwargs, True)])
        await_inside(s, barrier, board, layout, others)
        board[layout.go] = 1
        seen = s.join(waiters, stuck_in="Barrier.wait after another party's wait timed out")
        with judged("broken"):
            broken = barrier.broken
    outcomes = TIMED_OUT.counter()
    for index, (outcome, _) in enumerate(seen):
        expect_broken(outcomes, outcome, "the timed waiter" if index == timed
                      else f"waiter {index}")
    outcomes.expect(broken, "not-reported-broken", "broken was False after the timeout",
                    "reported-broken")
    outcomes.verdict()
    never_early(seen[timed][1], timeout, f"Barrier.wait with a {via} timeout of {timeout}")


@pytest.mark.providers("native", "manager")
@invariant(parties=process_counts(2, 4))
def test_failing_action_breaks_the_barrier(target, parties):
    """When the ``action`` raises, the party that called it gets that exception, every other
    party ``threading.BrokenBarrierError``, and the barrier is left broken.

    Docs: threading — Barrier objects (wait: "If the call to the action raises an error, the
    barrier is put into the broken state").
    Promises: BAR-6, BAR-9, MGR-31.
    """
    layout = actors.WaiterBoard(parties)
    with target.scenario() as s:
        board = s.board(layout.size)
        barrier = s.keep(s.sync.Barrier(parties, action=actors.failing_action))
        seen = s.run(actors.wait_once, [(i, {}, False) for i in range(parties)], role="party",
                     stuck_in="Barrier.wait with a failing action",
                     extra_args=(barrier, board, layout, s.deadline))
        with judged("broken"):
            broken = barrier.broken
    outcomes = ACTION_FAILS.counter()
    got_it = [i for i, (outcome, _) in enumerate(seen) if outcome == ("raised", ACTION_FAILED)]
    for index, (outcome, _) in enumerate(seen):
        if index not in got_it:
            expect_broken(outcomes, outcome, f"party {index}")
    if not got_it:
        outcomes.observe("exception-lost", f"outcomes: {[outcome for outcome, _ in seen]}")
    elif len(got_it) > 1:
        outcomes.observe("exception-repeated", f"parties {got_it} got {ACTION_FAILED}")
    else:
        outcomes.observe("action's-exception")
    outcomes.expect(broken, "not-reported-broken", "broken was False after the action raised",
                    "reported-broken")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(waiting=waiter_counts)
def test_n_waiting_and_broken_are_seen_from_other_processes(target, waiting):
    """A new Barrier is a ``threading.Barrier`` (natively) showing its ``parties``,
    ``n_waiting`` 0 and ``broken`` False; ``n_waiting`` counts the parties blocked in ``wait()``
    in other processes, as seen from any process, and ``broken`` shows an abort made by another
    process.

    Docs: multiprocessing — Synchronization primitives (Barrier: "a clone of threading.Barrier");
    threading — Barrier objects (parties; n_waiting: "The number of threads currently waiting in
    the barrier"; broken: "True if the barrier is in the broken state").
    Promises: BAR-1, BAR-10, BAR-8, MGR-31.
    """
    layout = actors.WaiterBoard(waiting)
    with target.scenario() as s:
        board = s.board(layout.size)
        barrier = s.keep(s.sync.Barrier(waiting + 1))  # one party never comes
        with judged("parties, n_waiting and broken"):
            fresh = (barrier.parties, barrier.n_waiting, barrier.broken)
        waiters = start_waiters(s, barrier, board, layout,
                                [(i, {}, False) for i in range(waiting)])
        counted = await_inside(s, barrier, board, layout, waiting)
        observer = s.start(actors.observe_then_abort, barrier, role="observer")
        (observed,) = s.join([observer], stuck_in="Barrier.abort in an observer process")
        seen = s.join(waiters, stuck_in="Barrier.wait after an abort() in another process")
        with judged("broken and n_waiting"):
            after = (barrier.broken, barrier.n_waiting)
    outcomes = STATE_SEEN.counter()
    if SUBCLASSES_THREADING_BARRIER[target.provider]:
        outcomes.expect(isinstance(barrier, threading.Barrier), "not-threading-barrier",
                        f"{type(barrier).__module__}.{type(barrier).__qualname__} is not a "
                        f"threading.Barrier subclass", "threading-barrier")
    outcomes.expect(fresh == (waiting + 1, 0, False), "not-fresh",
                    f"(parties, n_waiting, broken) = {fresh}", "fresh")
    outcomes.expect(counted[-1] == waiting and all(0 <= n <= waiting for n in counted),
                    "miscounted", f"n_waiting read {counted} with {waiting} parties blocked",
                    "counted")
    outcomes.expect(observed == (waiting, False), "unseen-elsewhere",
                    f"observer read (n_waiting, broken) = {observed}", "seen-elsewhere")
    for index, (outcome, _) in enumerate(seen):
        expect_broken(outcomes, outcome, f"waiter {index}")
    outcomes.expect(after == (True, 0), "break-unseen",
                    f"(broken, n_waiting) = {after} in the parent", "break-seen")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(waits=sized(1, 4))
@example(waits=100)
def test_single_party_barrier_releases_its_caller_at_once(target, waits):
    """A Barrier for one party releases its caller at once: ``wait()`` returns 0, every time.

    Docs: threading — Barrier objects (wait: "an integer in the range 0 to parties-1"; "the
    barrier can be reused any number of times").
    Promises: BAR-2, BAR-3, MGR-31.
    """
    with target.scenario() as s:
        barrier = s.keep(s.sync.Barrier(1))
        lone = s.start(actors.wait_alone, barrier, waits, role="lone party")
        (seen,) = s.join([lone], stuck_in="Barrier(1).wait")
    outcomes = SINGLE_PARTY.counter()
    for call, outcome in enumerate(seen):
        outcomes.expect(outcome == ("returned", 0), "not-released",
                        f"call {call} gave {outcome}", "released")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
def test_broken_barrier_raises_threadings_broken_barrier_error(target):
    """``wait()`` on a broken Barrier raises ``threading.BrokenBarrierError`` itself (a subclass
    counts), a ``RuntimeError``, so ``except threading.BrokenBarrierError`` catches it.

    Docs: threading — Barrier objects (BrokenBarrierError: "This exception, a subclass of
    RuntimeError, is raised when the Barrier object is reset or broken"); multiprocessing —
    Synchronization primitives (Barrier: "a clone of threading.Barrier").
    Promises: BAR-9, MGR-31.
    """
    with target.scenario() as s:
        barrier = s.keep(s.sync.Barrier(2))
        with judged("abort()"):
            barrier.abort()
        for expected in (threading.BrokenBarrierError, RuntimeError):
            expect_raises_within(expected, barrier.wait, s.deadline,
                                 "wait() on an aborted Barrier")
