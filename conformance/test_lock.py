"""Lock: critical sections are serialised, and the lock is visible as held across processes.

Docs: multiprocessing — Synchronization primitives (Lock); Managers (SyncManager.Lock: "a shared
threading.Lock object"); threading — Lock objects.

Invariants marked for both providers also run against a Manager's Lock proxy.  Where the two
legitimately differ (exception types, the keyword name of ``acquire``, negative timeouts), the
difference is pinned in a table keyed by ``target.provider``.
"""

import time

import pytest

from conformance.actors import lock as actors
from conformance.harness.probe import takes
from conformance.invariants import invariant
from conformance.judge import Outcomes, expect_raises
from conformance.judge.timing import never_early
from conformance.strategies import critical_section_programs, delays, timeouts

# Releasing an unlocked Lock.  multiprocessing — Lock.release: "when invoked on an unlocked lock,
# a ValueError is raised".  A manager's Lock is a proxy for "a shared threading.Lock object"
# (Managers — SyncManager.Lock), and threading — Lock.release raises RuntimeError.
UNLOCKED_RELEASE_RAISES = {"native": ValueError, "manager": RuntimeError}

# The keyword name of acquire's first parameter: (accepted, refused with TypeError).
# multiprocessing — Lock.acquire(block=True, timeout=None): "the name of this first argument
# differs from that in threading.Lock.acquire()".  The manager's proxy keeps threading's name,
# threading — Lock.acquire(blocking=True, timeout=-1).
ACQUIRE_KEYWORDS = {"native": ("block", "blocking"), "manager": ("blocking", "block")}

# acquire(block, timeout) with a negative timeout, or with a timeout and block=False, on a lock
# another process holds.  multiprocessing — Lock.acquire: "Invocations with a negative value for
# timeout are equivalent to a timeout of zero", and the timeout "is ignored" when block is False:
# both return False.  A manager's proxy has threading.Lock semantics: threading — Lock.acquire
# forbids "a timeout when blocking is False" and accepts no negative timeout but -1 ("an
# unbounded wait", hence left out here): both raise ValueError.
EDGE_TIMEOUT_CALLS = ((True, -0.5), (True, -3.0), (False, 0.25))
EDGE_TIMEOUT_OUTCOME = {"native": ("returned", False), "manager": ("raised", "ValueError")}


@pytest.mark.providers("native", "manager")
@invariant(program=critical_section_programs())
def test_critical_sections_are_serialised(target, program):
    """While one process holds the Lock no other process is inside its critical section, so a
    non-atomic read–delay–write of a shared total loses no update.

    Docs: multiprocessing — Synchronization primitives (Lock: "once a process or thread has
    acquired a lock, subsequent attempts to acquire it from any process or thread will block").
    Promises: LOCK-2, LOCK-6, LOCK-9, MGR-23.
    """
    workers = len(program)
    with target.scenario() as s:
        board = s.board(actors.INSIDE + workers)
        lock = s.keep(s.sync.Lock())
        overlaps = s.run(actors.critical_sections, list(enumerate(program)), role="worker",
                         stuck_in="Lock.acquire", extra_args=(lock, board, workers))
        total = board[actors.TOTAL]
    outcomes = Outcomes(
        unit="critical sections",
        acceptable={"alone": "no other worker inside while this one was"},
        forbidden={"overlapped": "another worker was inside at the same time"},
    )
    for worker, (sections, seen) in enumerate(zip(program, overlaps)):
        overlapped = dict(seen)
        for section in range(len(sections)):
            outcomes.expect(section not in overlapped, "overlapped",
                            f"worker {worker} section {section} overlapped workers "
                            f"{overlapped.get(section)}", "alone")
    outcomes.verdict()
    expected = sum(len(sections) for sections in program)
    assert total == expected, f"lost updates: total {total}, expected {expected}"


@pytest.mark.providers("native", "manager")
@invariant(timeout=timeouts)
def test_held_lock_refuses_other_processes(target, timeout):
    """While a child holds the Lock, ``acquire(False)`` in another process returns False at
    once and ``acquire(timeout=t)`` returns False, no earlier than t.

    Docs: multiprocessing — Synchronization primitives (Lock.acquire: block and timeout).
    Promises: LOCK-3, LOCK-4, LOCK-9, MGR-23.
    """
    with target.scenario() as s:
        board = s.board(2)
        lock = s.keep(s.sync.Lock())
        holder = s.start(actors.hold_until_told, lock, board, s.deadline, role="holder")
        s.await_slot(board, actors.HELD, 1, what="the holder to acquire the Lock")
        got_nonblocking = lock.acquire(False)
        started = time.monotonic()
        got_timed = lock.acquire(timeout=timeout)
        waited = time.monotonic() - started
        board[actors.RELEASE_NOW] = 1
        s.join([holder], stuck_in="Lock.release after being told")
    outcomes = Outcomes(
        unit="acquire attempts on a lock held by another process",
        acceptable={"refused": "returned False"},
        forbidden={"granted": "returned True although another process held the lock"},
    )
    outcomes.expect(not got_nonblocking, "granted", "acquire(False) returned True", "refused")
    outcomes.expect(not got_timed, "granted", f"acquire(timeout={timeout}) returned True",
                    "refused")
    outcomes.verdict()
    never_early(waited, timeout, f"acquire(timeout={timeout})")


@pytest.mark.providers("native", "manager")
def test_release_of_unlocked_lock_raises_value_error(target):
    """Releasing a Lock that is not held raises ValueError (a manager's Lock proxy: RuntimeError,
    as threading.Lock does; pinned in ``UNLOCKED_RELEASE_RAISES``).

    Docs: multiprocessing — Synchronization primitives (Lock.release: "if this method is called
    when the lock is unlocked, a ValueError is raised"); Managers (SyncManager.Lock).
    Promises: LOCK-11, MGR-24.
    """
    with target.scenario() as s:
        lock = s.sync.Lock()
        expect_raises(UNLOCKED_RELEASE_RAISES[target.provider], lock.release,
                      "release() of an unlocked Lock")


@pytest.mark.providers("native", "manager")
def test_lock_released_by_another_process(target):
    """A Lock acquired by one process may be released by another, after which it is free.

    Docs: multiprocessing — Synchronization primitives (Lock.release: "can be called from any
    process or thread, not only the process or thread which originally acquired the lock").
    Promises: LOCK-10, MGR-25.
    """
    with target.scenario() as s:
        lock = s.keep(s.sync.Lock())
        assert lock.acquire(timeout=s.deadline), "could not acquire a fresh Lock"
        (raised,) = s.run(actors.release, [lock], role="releaser", stuck_in="Lock.release")
        free_again = lock.acquire(False)
    outcomes = Outcomes(
        unit="releases by another process",
        acceptable={"released": "release() succeeded and the lock became free"},
        forbidden={"refused": "release() raised in the other process",
                   "still-held": "release() returned but the lock stayed held"},
    )
    if raised:
        outcomes.observe("refused", f"release() in the child raised {raised}")
    else:
        outcomes.expect(free_again, "still-held", "acquire(False) after the child's release "
                                                  "returned False", "released")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(delay=delays)
def test_timed_acquire_succeeds_when_released_in_time(target, delay):
    """``acquire(timeout=t)`` on a Lock another process holds returns True once that process
    releases it within t.

    Docs: multiprocessing — Synchronization primitives (Lock.acquire: "block for at most the
    number of seconds specified by timeout as long as the lock can not be acquired ... Returns
    True if the lock has been acquired").
    Promises: LOCK-9, MGR-23.
    """
    with target.scenario() as s:
        board = s.board(2)
        lock = s.keep(s.sync.Lock())
        holder = s.start(actors.hold_until_told, lock, board, s.deadline, delay, role="holder")
        s.await_slot(board, actors.HELD, 1, what="the holder to acquire the Lock")
        board[actors.RELEASE_NOW] = 1  # the holder releases after `delay`, while we wait
        got = lock.acquire(timeout=s.deadline)
        if got:
            lock.release()
        (told,) = s.join([holder], stuck_in="Lock.release after being told")
    assert told, "the holder was never told to release"
    outcomes = Outcomes(
        unit="timed acquires of a lock released within the timeout",
        acceptable={"granted": "returned True"},
        forbidden={"refused": "returned False although the lock was released in time"},
    )
    outcomes.expect(got, "refused", f"acquire(timeout={s.deadline:g}) returned False; the "
                                    f"holder released after {delay} s", "granted")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
def test_negative_timeout_and_nonblocking_timeout(target):
    """On a Lock another process holds, ``acquire`` with a negative timeout, or with a timeout
    and ``block=False``, returns False (a manager's Lock proxy raises ValueError, as
    threading.Lock does; pinned in ``EDGE_TIMEOUT_OUTCOME``).

    Docs: multiprocessing — Synchronization primitives (Lock.acquire: "a negative value for
    timeout [is] equivalent to a timeout of zero"; the timeout "is ignored" when block is False);
    threading — Lock objects (acquire).
    Promises: LOCK-5, LOCK-7, MGR-23.
    """
    judge_edge_timeouts(target, "Lock", "a lock held by another process")


@pytest.mark.providers("native", "manager")
def test_acquire_keyword_name(target):
    """``acquire`` takes its first argument as ``block``, and ``blocking=`` raises TypeError (a
    manager's Lock proxy: the reverse, as threading.Lock; pinned in ``ACQUIRE_KEYWORDS``).

    Docs: multiprocessing — Synchronization primitives (Lock.acquire: "the name of this first
    argument differs from that in threading.Lock.acquire()"); threading — Lock objects.
    Promises: LOCK-8, MGR-23.
    """
    accepted, refused = ACQUIRE_KEYWORDS[target.provider]
    with target.scenario() as s:
        lock = s.sync.Lock()
        got = lock.acquire(**{accepted: False})
        if got:
            again = lock.acquire(**{accepted: False})
            lock.release()
        expect_raises(TypeError, lambda: lock.acquire(**{refused: False}),
                      f"acquire({refused}=False)")
    assert got is True, f"acquire({accepted}=False) of a fresh Lock returned {got!r}"
    assert again is False, f"acquire({accepted}=False) of a held Lock returned {again!r}"


@pytest.mark.providers("native", "manager")
def test_with_statement_acquires_and_releases(target):
    """``with lock`` acquires the Lock (``__enter__`` returns True) so that no process, the
    owner included, can acquire it inside, and releases it on exit, also on exit by an
    exception.

    Docs: multiprocessing — Synchronization primitives (Lock: "supports the context manager
    protocol and thus may be used in with statements"); threading — Using locks, conditions, and
    semaphores in the with statement.
    Promises: LOCK-3, LOCK-12, MGR-32.
    """
    expected = {actors.IN_WITH: False, actors.EXITED: True, actors.IN_WITH_RAISING: False,
                actors.EXITED_BY_EXCEPTION: True}
    with target.scenario() as s:
        board = s.board(2)
        lock = s.keep(s.sync.Lock())
        owner = s.start(actors.with_statements, lock, board, s.deadline, False, role="owner")
        probed = probe_states(s, board, lock, expected)
        ((entered, again_inside, failed),) = s.join([owner], stuck_in="Lock in with statements")
    outcomes = judge_with_statements(expected, probed, entered, failed, entries=2)
    outcomes.expect(again_inside is False, "reentered",
                    f"the owner's acquire(False) inside the with returned {again_inside!r}",
                    "refused-to-owner")
    outcomes.verdict()


# --- probing an owner that announces its states (also used by test_rlock) -------------------

STATE_NAMES = {actors.IN_WITH: "inside the with", actors.INNER_EXITED: "after the inner with",
               actors.EXITED: "after the with", actors.IN_WITH_RAISING: "inside the with, "
               "before raising", actors.EXITED_BY_EXCEPTION: "after the with left by raising"}


def judge_edge_timeouts(target, kind, held):
    """Shared by Lock and RLock: while the parent holds a ``kind``, a child's acquire calls with
    a negative or ignored timeout must all end as ``EDGE_TIMEOUT_OUTCOME`` says."""
    with target.scenario() as s:
        lock = s.keep(getattr(s.sync, kind)())
        assert lock.acquire(timeout=s.deadline), f"could not acquire a fresh {kind}"
        (seen,) = s.run(actors.try_acquires, [EDGE_TIMEOUT_CALLS], role="trier",
                        stuck_in=f"{kind}.acquire with a negative or ignored timeout",
                        extra_args=(lock,))
        lock.release()
    expected = EDGE_TIMEOUT_OUTCOME[target.provider]
    outcomes = Outcomes(
        unit=f"acquire calls on {held}",
        acceptable={"as-documented": f"{expected[0]} {expected[1]}"},
        forbidden={"otherwise": "returned or raised something else"},
    )
    for (block, timeout), outcome in zip(EDGE_TIMEOUT_CALLS, seen):
        outcomes.expect(tuple(outcome) == expected, "otherwise",
                        f"acquire({block}, {timeout}) {outcome[0]} {outcome[1]}",
                        "as-documented")
    outcomes.verdict()


def probe_states(s, board, lock, states):
    """Wait for the owner to announce each state in turn and try ``acquire(False)`` in it
    (releasing what it got); return {state: got}, stopping early if the owner failed."""
    probed = {}
    for state in states:
        s.await_slot(board, actors.STATE, state, what=f"the owner to reach state {state}")
        if board[actors.STATE] != state:
            break
        probed[state] = takes(lock, False)
        board[actors.PROBED] = state
    return probed


def judge_with_statements(expected, probed, entered, failed, entries):
    """Count each probe of a ``with_statements`` owner, each ``__enter__`` value and whether the
    owner finished."""
    outcomes = Outcomes(
        unit="probes by another process, __enter__ results and owner runs",
        acceptable={"held-inside": "another process could not acquire inside the with",
                    "free-after": "another process acquired it after the with was left",
                    "entered-true": "__enter__ returned True",
                    "refused-to-owner": "the owner's own acquire(False) inside returned False",
                    "finished": "the owner ran every with statement"},
        forbidden={"free-inside": "another process acquired it inside the with",
                   "held-after": "another process could not acquire it after the with was left",
                   "entered-other": "__enter__ returned something other than True",
                   "reentered": "the owner's own acquire(False) inside did not return False",
                   "owner-failed": "the owner raised"},
    )
    for state, should_get in expected.items():
        if state not in probed:
            continue
        if should_get:
            outcomes.expect(probed[state], "held-after", f"acquire(False) {STATE_NAMES[state]} "
                                                         f"returned False", "free-after")
        else:
            outcomes.expect(not probed[state], "free-inside",
                            f"acquire(False) {STATE_NAMES[state]} returned True", "held-inside")
    for value in entered:
        outcomes.expect(value is True, "entered-other", f"__enter__ returned {value!r}",
                        "entered-true")
    outcomes.expect(failed is None and len(entered) == entries, "owner-failed",
                    f"the owner stopped after {len(entered)} of {entries} with statements: "
                    f"{failed}", "finished")
    return outcomes
