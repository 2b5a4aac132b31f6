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
from hypothesis import strategies as st

from conformance.actors import condition as actors
from conformance.actors.common import pause
from conformance.harness.probe import takes
from conformance.invariants import invariant
from conformance.judge import Outcomes, Stuck, expect_raises
from conformance.judge.timing import never_early
from conformance.strategies import delays, process_counts, timeouts

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

lock_kinds = st.sampled_from(("default", "Lock", "RLock"))


@st.composite
def notify_programs(draw, pauses=delays):
    """Waiters, how many one notify(n) wakes, the lock, and how long the notifier holds on."""
    waiters = draw(process_counts(1, 4))
    return {"waiters": waiters, "n": draw(st.integers(1, waiters + 1)), "lock": draw(lock_kinds),
            "pause": draw(pauses)}


@st.composite
def predicate_programs(draw):
    """Notifications while the predicate is false, then a true value or a timeout."""
    false_notifications = draw(st.integers(0, 3))
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
    if not lock.acquire(True, s.deadline):
        raise Stuck(f"the parent could not acquire {what} within {s.deadline:g} s",
                    stuck_in=f"the parent's acquire of {what}")


def notify_under_lock(s, cond, notify, before=None, pause_after=0.0, board=None, phase=None):
    """Hold the lock; optionally write evidence; notify; optionally linger; release."""
    acquire(s, cond, "the condition's lock")
    try:
        if before is not None:
            before()
        notify()
        pause(pause_after)
        if board is not None:
            board[actors.RELEASED] = phase
    finally:
        cond.release()


def run_notify_program(target, program):
    """Waiters wait; notify(n) in phase 1; once min(n, waiters) report, notify_all() in phase 2.

    Returns each waiter's record and whether min(n, waiters) woke within the deadline.
    """
    waiters, n = program["waiters"], program["n"]
    layout = actors.NotifyBoard(waiters)
    with target.scenario() as s:
        board = s.board(layout.size)
        cond, _ = make_condition(s, target.provider, program["lock"])
        children = [s.start(actors.notified_waiter, cond, board, layout, i, role=f"waiter {i}")
                    for i in range(waiters)]
        for i in range(waiters):
            s.await_slot(board, layout.waiting + i, 1, what=f"waiter {i} to be about to wait")

        def phase(number):
            board[actors.PHASE] = number

        notify_under_lock(s, cond, lambda: cond.notify(n), lambda: phase(1), program["pause"],
                          board, 1)
        woke_in_time = actors.count_at_least(board, layout.woken_slots(), min(n, waiters),
                                             s.deadline)
        # Holding the lock again: the waiters notify(n) woke have recorded phase 1; any other
        # waiter still asleep will record phase 2.
        notify_under_lock(s, cond, cond.notify_all, lambda: phase(2), program["pause"], board, 2)
        seen = s.join(children, stuck_in="Condition.wait after notify_all()")
    return seen, woke_in_time


def count_raised(outcomes, seen, role):
    """Observe every ("raised", type, record) as raised; return by index the records of the
    waits that returned (also of those whose waiter raised afterwards, leaving ``with``)."""
    kept = {}
    for index, record in enumerate(seen):
        if record[0] == "raised":
            outcomes.observe("raised", f"{role} {index} raised {record[1]}")
            record = record[2]
        if record is not None:
            kept[index] = record
    return kept


@pytest.mark.providers("native", "manager")
@invariant(program=notify_programs())
def test_notify_n_wakes_n_then_notify_all_wakes_the_rest(target, program):
    """``notify(n)`` wakes exactly n of the waiters (all of them, if fewer wait) and the others
    stay in ``wait()`` until ``notify_all()`` wakes every one of them; each ``wait()`` returns
    True.

    Docs: threading — Condition objects (notify: "wakes up at most n of the threads waiting";
    "The current implementation wakes up exactly n threads, if at least n threads are
    waiting"; notify_all: "Wake up all threads waiting on this condition").
    Promises: COND-2, COND-3, COND-7, COND-8, COND-9, MGR-32.
    """
    seen, woke_in_time = run_notify_program(target, program)
    n, waiters = program["n"], program["waiters"]
    outcomes = Outcomes(
        unit="waiters",
        acceptable={"woken-by-notify-n": "woke in phase 1, one of the n notify(n) may wake",
                    "woken-by-notify-all": "slept through notify(n), woke at notify_all()"},
        forbidden={"beyond-n": "woke in phase 1 although n waiters already had",
                   "missed": "slept through notify(n) although fewer than n waiters woke",
                   "not-true": "wait() returned something other than True",
                   "raised": "the waiter raised"},
    )
    records = count_raised(outcomes, seen, "waiter")
    phase_one = [i for i, record in records.items() if record[1] == 1]
    missing = max(0, min(n, waiters) - len(phase_one))
    for rank, index in enumerate(phase_one):
        outcomes.expect(rank < n, "beyond-n", f"notify({n}) woke waiters {phase_one}",
                        "woken-by-notify-n")
    for rank, index in enumerate(i for i in records if i not in phase_one):
        outcomes.expect(rank >= missing, "missed",
                        f"notify({n}) with {waiters} waiting woke only {phase_one} (within the "
                        f"deadline: {woke_in_time})", "woken-by-notify-all")
    for index, record in records.items():
        if record[0] is not True:
            outcomes.observe("not-true", f"waiter {index}: wait() returned {record[0]!r}")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(program=notify_programs(pauses=st.sampled_from([0.005, 0.02])))
def test_notified_waiter_returns_after_notifier_releases(target, program):
    """A waiter woken by ``notify()`` or ``notify_all()`` does not return from ``wait()`` until
    the notifier releases the lock: it must acquire the lock again first.

    Docs: threading — Condition objects ("the notify() and notify_all() methods don't release
    the lock ... the awakened threads ... return from their wait() call only when the thread
    that called notify() or notify_all() finally relinquishes ownership of the lock").
    Promises: COND-13.
    """
    seen, _ = run_notify_program(target, program)
    outcomes = Outcomes(
        unit="waiters woken",
        acceptable={"after-release": "returned after the notifier released the lock"},
        forbidden={"before-release": "returned while the notifier still held the lock",
                   "raised": "the waiter raised"},
    )
    for index, (_, phase, released) in count_raised(outcomes, seen, "waiter").items():
        outcomes.expect(released, "before-release",
                        f"waiter {index} returned from wait() in phase {phase} before the "
                        f"notifier released the lock", "after-release")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(lock=lock_kinds, timeout=timeouts, stale=st.integers(0, 2))
def test_timed_out_wait_returns_false_holding_the_lock(target, lock, timeout, stale):
    """``wait(t)`` that nothing notifies returns False, no earlier than t, holding the lock
    again: no other process can take it until the waiter leaves ``with cond:``.  Notifications
    made earlier, while nobody waited, do nothing.

    Docs: threading — Condition objects (wait: "reacquires it ... The return value is True
    unless a given timeout expired, in which case it is False"; notify: "a no-op if no threads
    are waiting"); multiprocessing — Synchronization primitives (Condition(lock): "the lock
    argument ... should be a Lock or RLock object from multiprocessing").
    Promises: COND-2, COND-3, COND-6, COND-10, MGR-28, MGR-29, MGR-32.
    """
    with target.scenario() as s:
        board = s.board(actors.TIMED_SLOTS)
        cond, probe = make_condition(s, target.provider, lock)
        for _ in range(stale):
            notify_under_lock(s, cond, lambda: (cond.notify(), cond.notify_all()))
        waiter = s.start(actors.timed_waiter, cond, board, timeout, s.deadline, role="waiter")
        s.await_slot(board, actors.RETURNED, 1, what="the waiter to return from wait(t)")
        intruded = takes(probe, False)
        board[actors.LEAVE] = 1
        (record,) = s.join([waiter], stuck_in="Condition.wait(timeout)")
        freed = takes(probe, True, s.deadline)
    outcomes = Outcomes(
        unit="checks of a timed-out wait",
        acceptable={"ok": "as promised"},
        forbidden={"raised": "the waiter raised (also: leaving with cond: after wait())",
                   "not-false": "wait(t) returned something other than False",
                   "lock-free-after-wait": "another process acquired the lock after wait(t) "
                                           "returned, inside with cond:",
                   "still-held": "the lock stayed held after the waiter left with cond:"},
    )
    if record[0] == "raised":
        outcomes.observe("raised", f"the waiter raised {record[1]}")
    else:
        outcomes.expect(record[0] is False, "not-false",
                        f"wait({timeout}) after {stale} stale notifications returned "
                        f"{record[0]!r}", "ok")
    outcomes.expect(not intruded, "lock-free-after-wait",
                    f"acquire(False) in the parent succeeded ({lock} lock)", "ok")
    outcomes.expect(freed, "still-held", f"{lock} lock not free after the waiter left", "ok")
    outcomes.verdict()
    never_early(record[1], timeout, f"Condition.wait({timeout})")


@pytest.mark.providers("native", "manager")
@invariant(lock=st.sampled_from(("default", "RLock")), levels=st.integers(2, 4))
def test_wait_fully_releases_a_recursive_lock(target, lock, levels):
    """On an RLock acquired several times, ``wait()`` releases every level, so another process
    can acquire it meanwhile, and restores them all: after waking, the waiter holds it until it
    has released it as many times as it acquired it.

    Docs: threading — Condition objects (wait: "When the underlying lock is an RLock ... an
    internal interface of the RLock class is used, which really unlocks it even when it has
    been recursively acquired several times ... restore the recursion level"; Condition: "If
    the lock argument is ... not given, a new RLock object is created").
    Promises: COND-1, COND-11, MGR-29.
    """
    outcomes = Outcomes(
        unit="checks of a wait on a recursively held lock",
        acceptable={"ok": "as promised"},
        forbidden={"not-reentrant": "acquire(False) by the holder returned False",
                   "kept-during-wait": "another process could not acquire the lock during "
                                       "wait()",
                   "released-too-soon": "the lock was free after one level fewer than acquired "
                                        "was released",
                   "still-held": "the lock stayed held after every level was released",
                   "not-true": "wait() returned something other than True after notify()",
                   "raised": "the waiter raised"},
    )
    with target.scenario() as s:
        board = s.board(actors.RECURSIVE_SLOTS)
        cond, probe = make_condition(s, target.provider, lock)
        waiter = s.start(actors.recursive_waiter, cond, board, levels, s.deadline,
                         role="waiter")
        s.await_slot(board, actors.WAITING, 1, what=f"the waiter to hold the lock {levels} "
                                                     f"times and wait")
        got = probe.acquire(True, s.deadline)
        outcomes.expect(got, "kept-during-wait", f"{lock} lock held {levels} times: acquire "
                                                 f"with the deadline failed", "ok")
        if got:
            try:
                cond.notify()
            finally:
                probe.release()
            s.await_slot(board, actors.PARTLY_RELEASED, 1,
                         what="the waiter to release all levels but one")
            intruded = takes(probe, False)
            board[actors.PROBED] = 1
            (record,) = s.join([waiter], stuck_in="Condition.wait on a recursive lock")
            freed = takes(probe, True, s.deadline)
            outcomes.expect(not intruded, "released-too-soon",
                            f"free after {levels - 1} of {levels} releases", "ok")
            outcomes.expect(freed, "still-held", f"held after {levels} releases", "ok")
            if record[0] == "raised":
                outcomes.observe("raised", f"the waiter raised {record[1]}")
            else:
                reentered, woke = record
                outcomes.expect(all(reentered), "not-reentrant",
                                f"re-entrant acquire(False) results: {reentered}", "ok")
                outcomes.expect(woke is True, "not-true", f"wait() returned {woke!r}", "ok")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(program=predicate_programs())
def test_wait_for_returns_only_when_the_predicate_holds(target, program):
    """``wait_for(predicate)`` returns the predicate's value once it is true — at once if it
    already is — and not after notifications that leave it false; with a timeout and a
    predicate that stays false it returns the false value, no earlier than the timeout.

    Docs: threading — Condition objects (wait_for: "Wait until a condition evaluates to true
    ... The return value is the last return value of the predicate and will evaluate to False
    if the method timed out"); multiprocessing — Synchronization primitives (Condition.wait_for,
    new in 3.3).
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

            notify_under_lock(s, cond, cond.notify, write)
        (record,) = s.join([waiter], stuck_in="Condition.wait_for")
    outcomes = Outcomes(
        unit="wait_for calls",
        acceptable={"true-value": "returned the predicate's true value, after it became true",
                    "timed-out": "returned the predicate's false value on timeout"},
        forbidden={"returned-while-false": "returned although the predicate was still false "
                                           "and no timeout was given",
                   "wrong-value": "returned something other than the predicate's last value",
                   "raised": "the waiter raised"},
    )
    if record[0] == "raised":
        outcomes.observe("raised", f"the waiter raised {record[1]}")
    else:
        result, waited, value, sent = record
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
        never_early(record[1], program["timeout"], f"wait_for(..., timeout={program['timeout']})")


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
