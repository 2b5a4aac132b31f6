"""Condition: wait() releases the lock and gets it back; notify(n) wakes n, notify_all() the rest.

Docs: multiprocessing — Synchronization primitives (Condition: "a clone of
threading.Condition"); threading — Condition objects; multiprocessing — Managers
(SyncManager.Condition).

Waiters announce on the board while holding the condition's lock that they are about to wait;
the lock is released only inside ``wait()``, so once the notifier holds the lock every announced
waiter is known to be waiting.  Every invariant holds for ``ctx.Condition()`` and for the proxy
of ``Manager().Condition()``.
"""

import pytest
from hypothesis import example
from hypothesis import strategies as st

from conformance.actors import condition as actors
from conformance.harness.probe import takes
from conformance.harness.waiting import await_condition, await_quiet
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, Stuck, expect_raises, judged
from conformance.judge.timing import never_early
from conformance.strategies import delays, process_counts, sized, timeouts

# Which locks a Condition is built on: its own (``Condition()``, an RLock — in the manager's
# server for the proxy) or one given to it.  A manager RLock proxy cannot be given: the server's
# threading.Condition then reaches it through a proxy of its own, whose ownership test
# (``acquire(False)`` succeeds on an RLock its caller already owns, so "not owned") makes
# ``wait()`` raise RuntimeError although the lock is held.  For the manager an RLock-based
# Condition is therefore ``Condition()`` itself.
GIVEN_LOCKS = {"native": ("Lock", "RLock"), "manager": ("Lock",)}

# Using a Condition without holding its lock.  The native Condition checks ownership with
# ``assert`` (AssertionError); the manager's server runs threading.Condition, which raises
# RuntimeError as threading documents ("If the calling thread has not acquired the lock when
# this method is called, a RuntimeError is raised").
MISUSE_RAISES = {"native": AssertionError, "manager": RuntimeError}

NOTIFY_N = OutcomeTable(
    unit="wake-ups (waiter x round)",
    acceptable={"woken-by-notify-n": "woke at notify(n), one of the n it may wake",
                "woken-by-notify-all": "slept through notify(n), woke at notify_all()"},
    forbidden={"beyond-n": "woke at notify(n) although n waiters already had",
               "missed": "slept through notify(n) although fewer than n waiters woke",
               "not-true": "wait() returned something other than True"},
)

AFTER_RELEASE = OutcomeTable(
    unit="wake-ups (waiter x round)",
    acceptable={"after-release": "returned after the notifier released the lock"},
    forbidden={"before-release": "returned while the notifier still held the lock"},
)

TIMED_OUT_WAIT = OutcomeTable(
    unit="checks of a timed-out wait",
    acceptable={"false": "wait(t) returned False",
                "held-after-wait": "another process could not acquire the lock after wait(t) "
                                   "returned, inside with cond:",
                "free-after-with": "the lock was free once the waiter left with cond:"},
    forbidden={"not-false": "wait(t) returned something other than False",
               "lock-free-after-wait": "another process acquired the lock after wait(t) "
                                       "returned, inside with cond:",
               "still-held": "the lock stayed held after the waiter left with cond:"},
)

RECURSIVE_WAIT = OutcomeTable(
    unit="checks of a wait on a recursively held lock",
    acceptable={"reentered": "acquire(False) by the holder returned True",
                "free-during-wait": "another process acquired the lock during wait()",
                "held-until-last-release": "the lock stayed held until its last level was "
                                           "released",
                "free-after-last-release": "the lock was free after every level was released",
                "true": "wait() returned True after notify()"},
    forbidden={"not-reentrant": "acquire(False) by the holder returned False",
               "kept-during-wait": "another process could not acquire the lock during wait()",
               "released-too-soon": "the lock was free after one level fewer than acquired "
                                    "was released",
               "still-held": "the lock stayed held after every level was released",
               "not-true": "wait() returned something other than True after notify()"},
)

WAIT_FOR = OutcomeTable(
    unit="wait_for calls",
    acceptable={"true-value": "returned the predicate's true value, after it became true",
                "timed-out": "returned the predicate's false value on timeout"},
    forbidden={"returned-while-false": "returned although the predicate was still false and no "
                                       "timeout was given",
               "wrong-value": "returned something other than the predicate's last value"},
)

lock_kinds = st.sampled_from(("default", "Lock", "RLock"))


@st.composite
def notify_programs(draw, pauses=delays):
    """Waiters (at least two), rounds, how many one notify(n) wakes — mostly fewer than wait,
    so that notify(n) differs from notify_all() — the lock, and whether the notifier holds on
    after notifying (see ``notify_in_phase``)."""
    waiters = draw(process_counts(2, 4))
    if draw(st.integers(0, 3)):
        n = draw(st.integers(1, waiters - 1))
    else:
        n = draw(st.integers(waiters, waiters + 1))
    return {"waiters": waiters, "n": n, "rounds": draw(sized(1, 3)), "lock": draw(lock_kinds),
            "pause": draw(pauses)}


# Volume: 64 rounds of four waiters, notify(2) then notify_all() in each.
MANY_ROUNDS = {"waiters": 4, "n": 2, "rounds": 64, "lock": "default", "pause": 0.0}
# Volume: a waiter that 100 notifications leave with a false predicate, then a true one.
MANY_FALSE_NOTIFICATIONS = {"lock": "default", "false_notifications": 100, "final": 5,
                            "timeout": None, "preset": False}


@st.composite
def predicate_programs(draw):
    """Notifications while the predicate is false, then a true value or a timeout."""
    false_notifications = draw(sized(0, 3))
    if draw(st.booleans()):
        return {"lock": draw(lock_kinds), "false_notifications": false_notifications,
                "final": draw(st.integers(1, 1000)), "timeout": None,
                "preset": false_notifications == 0 and draw(st.booleans())}
    return {"lock": draw(lock_kinds), "false_notifications": false_notifications, "final": None,
            "timeout": draw(timeouts), "preset": False}


def make_condition(s, provider, kind):
    """Return (the Condition, the lock to probe from another process: the given one, if any)."""
    if kind in GIVEN_LOCKS[provider]:
        lock = s.keep(getattr(s.sync, kind)())
        return s.keep(s.sync.Condition(lock)), lock
    cond = s.keep(s.sync.Condition())
    return cond, cond


def acquire(s, lock, what):
    with judged(f"acquire() of {what}"):
        got = lock.acquire(True, s.deadline)
    if not got:
        raise Stuck(f"the parent could not acquire {what} within {s.deadline:g} s",
                    stuck_in=f"the parent's acquire of {what}")


def release(cond):
    with judged("release() of the condition's lock, held"):
        cond.release()


def notify_under_lock(s, cond, notify, what, before=None):
    """Hold the lock; do ``before()``, if given; notify; release."""
    acquire(s, cond, "the condition's lock")
    try:
        if before is not None:
            before()
        with judged(what):
            notify()
    finally:
        release(cond)


def notify_in_phase(s, cond, notify, what, board, layout, phase, linger, children):
    """Hold the lock; write the phase; notify; linger; say it releases; release.

    With a linger, the notifier holds on until every child is asleep again (a woken waiter
    blocked on the lock, or done recording if ``wait()`` returned without it): a waiter that
    returns early is seen whatever the scheduling.  Where that cannot be told, it holds on
    ``linger`` seconds."""
    acquire(s, cond, "the condition's lock")
    try:
        board[layout.phase] = phase
        with judged(what):
            notify()
        if linger:
            await_quiet(s, children, otherwise=linger)
        board[layout.released] = phase
    finally:
        release(cond)


def run_notify_program(target, program):
    """Each round: the waiters wait; notify(n); once min(n, waiters) woke and every woken waiter
    had its chance to take the lock, notify_all().  Rounds stop after one in which notify(n)
    woke too few within the deadline.

    Returns each waiter's records per round run, and per round whether min(n, waiters) woke
    within the deadline.
    """
    waiters, n, rounds = program["waiters"], program["n"], program["rounds"]
    layout = actors.NotifyBoard(waiters)
    in_time = []
    with target.scenario() as s:
        board = s.board(layout.size)
        cond, _ = make_condition(s, target.provider, program["lock"])
        children = [s.start(actors.notified_waiter, cond, board, layout, s.deadline, i, rounds,
                            role=f"waiter {i}") for i in range(waiters)]

        def woken_or_failed(number, count):
            """Whether ``count`` waiters woke in this round, or one exited before it woke."""
            return lambda: (layout.woken_in(board, number) >= count
                            or any(child.process.exitcode is not None
                                   and board[layout.woken + i] < number
                                   for i, child in enumerate(children)))

        for number in range(1, rounds + 1):
            board[layout.round] = number
            for i in range(waiters):
                s.await_slot(board, layout.waiting + i, number,
                             what=f"waiter {i} to wait in round {number}")
            notify_in_phase(s, cond, lambda: cond.notify(n), f"notify({n})", board, layout,
                            2 * number - 1, program["pause"], children)
            in_time.append(await_condition(woken_or_failed(number, min(n, waiters)),
                                           s.deadline))
            # A waiter woken beyond n takes the lock and records this phase before the next.
            await_quiet(s, children)
            notify_in_phase(s, cond, cond.notify_all, "notify_all()", board, layout,
                            2 * number, program["pause"], children)
            await_condition(woken_or_failed(number, waiters), s.deadline)
            if not in_time[-1]:
                break
        board[layout.stopped] = 1
        board[layout.round] = rounds
        seen = s.join(children, stuck_in="Condition.wait after notify_all()")
    return seen, in_time


@pytest.mark.providers("native", "manager")
@invariant(program=notify_programs())
@example(program=MANY_ROUNDS)
def test_notify_n_wakes_n_then_notify_all_wakes_the_rest(target, program):
    """``notify(n)`` wakes exactly n of the waiters (all of them, if fewer wait) and the others
    stay in ``wait()`` until ``notify_all()`` wakes every one of them; each ``wait()`` returns
    True.

    Docs: threading — Condition objects (notify: "wakes up at most n of the threads waiting";
    "The current implementation wakes up exactly n threads, if at least n threads are
    waiting"; notify_all: "Wake up all threads waiting on this condition").
    Promises: COND-2, COND-3, COND-7, COND-8, COND-9, MGR-32.
    """
    seen, in_time = run_notify_program(target, program)
    n, waiters = program["n"], program["waiters"]
    expected = min(n, waiters)
    outcomes = NOTIFY_N.counter()
    for number in range(1, len(in_time) + 1):
        records = {i: records[number - 1] for i, records in enumerate(seen)}
        first = [i for i, (_, phase, _) in records.items() if phase == 2 * number - 1]
        rest = [i for i in records if i not in first]
        where = f"round {number}: notify({n}) with {waiters} waiting woke {first}"
        for rank, _ in enumerate(first):
            outcomes.expect(rank < expected, "beyond-n", where, "woken-by-notify-n")
        for rank, _ in enumerate(rest):
            outcomes.expect(rank >= expected - len(first), "missed",
                            f"{where} (all of them within the deadline: {in_time[number - 1]})",
                            "woken-by-notify-all")
        for i, (woke, _, _) in records.items():
            if woke is not True:
                outcomes.observe("not-true", f"round {number}: waiter {i}'s wait() returned "
                                             f"{woke!r}")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(program=notify_programs(pauses=st.sampled_from([0.005, 0.02])))
@example(program={**MANY_ROUNDS, "lock": "RLock", "pause": 0.005})
def test_notified_waiter_returns_after_notifier_releases(target, program):
    """A waiter woken by ``notify()`` or ``notify_all()`` does not return from ``wait()`` until
    the notifier releases the lock: it must acquire the lock again first.

    Docs: threading — Condition objects ("the notify() and notify_all() methods don't release
    the lock ... the awakened threads ... return from their wait() call only when the thread
    that called notify() or notify_all() finally relinquishes ownership of the lock").
    Promises: COND-13.
    """
    seen, _ = run_notify_program(target, program)
    outcomes = AFTER_RELEASE.counter()
    for index, records in enumerate(seen):
        for number, (_, phase, released) in enumerate(records, start=1):
            outcomes.expect(released, "before-release",
                            f"round {number}: waiter {index} returned from wait() in phase "
                            f"{phase} before the notifier released the lock", "after-release")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(lock=lock_kinds, timeout=timeouts, stale=sized(0, 2))
def test_timed_out_wait_returns_false_holding_the_lock(target, lock, timeout, stale):
    """``wait(t)`` that nothing notifies returns False, no earlier than t, holding the lock
    again: no other process can take it until the waiter leaves ``with cond:``.  Notifications
    made earlier, while nobody waited, do nothing.

    Docs: threading — Condition objects (wait: "reacquires it ... The return value is True
    unless a given timeout expired, in which case it is False"; notify: "a no-op if no threads
    are waiting"); multiprocessing — Synchronization primitives (Condition(lock): "the lock
    argument ... should be a Lock or RLock object from multiprocessing").
    Promises: COND-2, COND-3, COND-6, COND-10, MGR-28, MGR-32.
    """
    with target.scenario() as s:
        board = s.board(actors.TIMED_SLOTS)
        cond, probe = make_condition(s, target.provider, lock)
        for _ in range(stale):
            notify_under_lock(s, cond, lambda: (cond.notify(), cond.notify_all()),
                              "notify() and notify_all() with nobody waiting")
        waiter = s.start(actors.timed_waiter, cond, board, timeout, s.deadline, role="waiter")
        s.await_slot(board, actors.RETURNED, 1, what="the waiter to return from wait(t)")
        with judged("acquire(False) of a lock another process holds"):
            intruded = takes(probe, False)
        outcomes = TIMED_OUT_WAIT.counter()
        outcomes.expect(not intruded, "lock-free-after-wait",
                        f"acquire(False) in the parent succeeded ({lock} lock)",
                        "held-after-wait")
        # Judged before the waiter leaves: one that returned without the lock fails to
        # release it on leaving, and that failure would hide this evidence.
        outcomes.verdict()
        board[actors.LEAVE] = 1
        ((woke, waited),) = s.join([waiter], stuck_in="Condition.wait(timeout)")
        with judged("acquire() of a lock released by another process"):
            freed = takes(probe, True, s.deadline)
    outcomes.expect(woke is False, "not-false", f"wait({timeout}) after {stale} stale "
                                                f"notifications returned {woke!r}", "false")
    outcomes.expect(freed, "still-held", f"{lock} lock not free after the waiter left",
                    "free-after-with")
    outcomes.verdict()
    never_early(waited, timeout, f"Condition.wait({timeout})")


@pytest.mark.providers("native", "manager")
@invariant(lock=st.sampled_from(("default", "RLock")), levels=sized(2, 4))
def test_wait_fully_releases_a_recursive_lock(target, lock, levels):
    """On an RLock acquired several times, ``wait()`` releases every level, so another process
    can acquire it meanwhile, and restores them all: after waking, the waiter holds it until it
    has released it as many times as it acquired it.

    Docs: threading — Condition objects (wait: "When the underlying lock is an RLock ... an
    internal interface of the RLock class is used, which really unlocks it even when it has
    been recursively acquired several times ... restore the recursion level"; Condition: "If
    the lock argument is ... not given, a new RLock object is created").
    Promises: COND-1, COND-11.
    """
    outcomes = RECURSIVE_WAIT.counter()
    with target.scenario() as s:
        board = s.board(actors.RECURSIVE_SLOTS)
        cond, probe = make_condition(s, target.provider, lock)
        waiter = s.start(actors.recursive_waiter, cond, board, levels, s.deadline,
                         role="waiter")
        s.await_slot(board, actors.WAITING, 1, what=f"the waiter to hold the lock {levels} "
                                                     f"times and wait")
        with judged("acquire() of a lock another process waits on"):
            got = probe.acquire(True, s.deadline)
        outcomes.expect(got, "kept-during-wait", f"{lock} lock held {levels} times: acquire "
                                                 f"with the deadline failed", "free-during-wait")
        if got:
            try:
                with judged("notify()"):
                    cond.notify()
            finally:
                probe.release()
            s.await_slot(board, actors.PARTLY_RELEASED, 1,
                         what="the waiter to release all levels but one")
            with judged("acquire(False) of a lock another process holds"):
                intruded = takes(probe, False)
            outcomes.expect(not intruded, "released-too-soon",
                            f"free after {levels - 1} of {levels} releases",
                            "held-until-last-release")
            # Judged before the waiter goes on: one left holding fewer levels than it took
            # fails its last release, and that failure would hide this evidence.
            outcomes.verdict()
            board[actors.PROBED] = 1
            ((reentered, woke),) = s.join([waiter], stuck_in="Condition.wait on a recursive lock")
            with judged("acquire() of a lock released by another process"):
                freed = takes(probe, True, s.deadline)
            outcomes.expect(freed, "still-held", f"held after {levels} releases",
                            "free-after-last-release")
            outcomes.expect(all(reentered), "not-reentrant",
                            f"re-entrant acquire(False) results: {reentered}", "reentered")
            outcomes.expect(woke is True, "not-true", f"wait() returned {woke!r}", "true")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(program=predicate_programs())
@example(program={"lock": "Lock", "false_notifications": 2, "final": 7, "timeout": None,
                  "preset": False})
@example(program={"lock": "Lock", "false_notifications": 1, "final": None, "timeout": 0.05,
                  "preset": False})
@example(program=MANY_FALSE_NOTIFICATIONS)
def test_wait_for_returns_only_when_the_predicate_holds(target, program):
    """``wait_for(predicate)`` returns the predicate's value once it is true — at once if it
    already is — and not after notifications that leave it false; with a timeout and a
    predicate that stays false it returns the false value, no earlier than the timeout.  So it
    does on a Condition built on a given Lock, a manager's Lock proxy for the manager's
    Condition proxy.

    Docs: threading — Condition objects (wait_for: "Wait until a condition evaluates to true
    ... The return value is the last return value of the predicate and will evaluate to False
    if the method timed out"); multiprocessing — Synchronization primitives (Condition.wait_for,
    new in 3.3); multiprocessing — Managers (SyncManager.Condition(lock)).
    Promises: COND-12, MGR-29.
    """
    false_notifications, final = program["false_notifications"], program["final"]
    with target.scenario() as s:
        board = s.board(actors.PREDICATE_SLOTS)
        cond, _ = make_condition(s, target.provider, program["lock"])
        if program["preset"]:
            board[actors.VALUE] = final
        waiter = s.start(actors.predicate_waiter, cond, board, program["timeout"],
                         role="waiter")
        notifications = [(sent, 0) for sent in range(1, false_notifications + 1)]
        if final is not None and not program["preset"]:
            notifications.append((false_notifications + 1, final))
        for sent, value in notifications:
            # The predicate was evaluated ``sent`` times under the lock, so once the parent
            # holds the lock the waiter is inside wait() (or wait_for has returned).
            s.await_slot(board, actors.PROGRESS, sent,
                         what=f"the predicate's evaluation number {sent}")
            if board[actors.PROGRESS] >= actors.RETURNED_MARK:
                break

            def write(sent=sent, value=value):
                board[actors.VALUE] = value
                board[actors.SENT] = sent

            notify_under_lock(s, cond, cond.notify, "notify()", write)
        ((result, waited, value, sent),) = s.join([waiter], stuck_in="Condition.wait_for")
    outcomes = WAIT_FOR.counter()
    evidence = (f"returned {result!r} after {sent} notifications ({false_notifications} "
                f"false), predicate value then {value}")
    if final is None:
        outcomes.expect(result == 0, "wrong-value", evidence, "timed-out")
    elif not result:
        outcomes.observe("returned-while-false", evidence)
    else:
        outcomes.expect(result == final == value, "wrong-value", evidence, "true-value")
    outcomes.verdict()
    if final is None:
        never_early(waited, program["timeout"], f"wait_for(..., timeout={program['timeout']})")


@pytest.mark.providers("native", "manager")
def test_use_without_the_lock_raises(target):
    """``wait()``, ``notify()`` and ``notify_all()`` on a Condition whose lock the caller does
    not hold raise: AssertionError natively, RuntimeError through a manager proxy.

    Docs: threading — Condition objects (wait, notify: "If the calling thread has not acquired
    the lock when this method is called, a RuntimeError is raised"); the native Condition
    asserts ownership instead.
    Promises: COND-4, COND-5, MGR-28.
    """
    expected = MISUSE_RAISES[target.provider]
    with target.scenario() as s:
        for kind in ("default", *GIVEN_LOCKS[target.provider]):
            cond, _ = make_condition(s, target.provider, kind)
            for what, call in (("wait(0.01)", lambda cond=cond: cond.wait(0.01)),
                               ("notify()", cond.notify), ("notify_all()", cond.notify_all)):
                expect_raises(expected, call, f"{what} on a Condition ({kind} lock) not held")
