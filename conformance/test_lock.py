"""Lock: critical sections are serialised, and the lock is visible as held across processes.

Docs: multiprocessing — Synchronization primitives (Lock); Managers (SyncManager.Lock: "a shared
threading.Lock object"); threading — Lock objects.

Invariants marked for both providers also run against a Manager's Lock proxy.  Where the two
legitimately differ (exception types, the keyword name of ``acquire``, negative timeouts), the
difference is pinned in a table keyed by ``target.provider`` (those Lock shares with RLock in
``conformance.judge.locks``).
"""

import time

import pytest
from hypothesis import example
from hypothesis import strategies as st

from conformance.actors import lock as actors
from conformance.harness.probe import probe_states, takes
from conformance.harness.waiting import await_quiet
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, expect_raises, judged
from conformance.judge.locks import (ACQUIRE_KEYWORDS, EDGE_TIMEOUT_CALLS, acquire_free,
                                     count_edge_timeouts, count_with_statements,
                                     edge_timeouts_table, with_statements_table)
from conformance.judge.timing import never_early
from conformance.strategies import delay_lists, delays, process_counts, sized, timeouts

SERIALISED = OutcomeTable(
    unit="critical sections, and the shared total after them",
    acceptable={"alone": "no other worker inside while this one was",
                "all-counted": "the shared total counts every section"},
    forbidden={"overlapped": "another worker was inside at the same time",
               "lost-update": "the shared total missed an increment"},
)
REFUSED = OutcomeTable(
    unit="acquire attempts on a lock held by another process",
    acceptable={"refused": "returned False"},
    forbidden={"granted": "returned True although another process held the lock"},
)
FREED_ELSEWHERE = OutcomeTable(
    unit="releases by a process that did not acquire the lock, probed from a third process",
    acceptable={"freed": "a third process's acquire(False) got the lock"},
    forbidden={"still-held": "a third process's acquire(False) returned False after the "
                             "release"},
)
GRANTED_IN_TIME = OutcomeTable(
    unit="timed acquires, blocked while another process released the lock",
    acceptable={"granted": "returned True"},
    forbidden={"refused": "returned False although the lock was released within the timeout"},
)
EDGE_TIMEOUTS = edge_timeouts_table("a Lock another process holds")
KEYWORDS = OutcomeTable(
    unit="acquire calls on a Lock with the documented keyword",
    acceptable={"granted": "acquire(<keyword>=False) of a free Lock returned True",
                "refused": "acquire(<keyword>=False) of the Lock just taken returned False"},
    forbidden={"not-granted": "acquire(<keyword>=False) of a free Lock did not return True",
               "not-refused": "acquire(<keyword>=False) of the Lock just taken did not return "
                              "False"},
)
WITH_STATEMENTS = with_statements_table("Lock")
OF_ITS_CONTEXT = OutcomeTable(
    unit="Locks made by a context's factory",
    acceptable={"lock-class": "an instance of the implementation's synchronize.Lock",
                "shared": "held by a process of the context it was given to"},
    forbidden={"other-class": "not an instance of synchronize.Lock, or an RLock",
               "not-shared": "free in the parent while a process of the context it was given "
                             "to held it"},
)

# Releasing an unlocked Lock.  multiprocessing — Lock.release: "when invoked on an unlocked lock,
# a ValueError is raised".  A manager's Lock is a proxy for "a shared threading.Lock object"
# (Managers — SyncManager.Lock), and threading — Lock.release raises RuntimeError.
UNLOCKED_RELEASE_RAISES = {"native": ValueError, "manager": RuntimeError}

# A volume no drawn program reaches: hundreds of sections, 128 from one process.
MANY_SECTIONS = ((0.0,) * 128, (0.0,) * 128, (0.0,) * 64, (0.0005,) * 64)


@st.composite
def section_programs(draw):
    """Workers, each entering the lock once per delay (the time it holds the lock)."""
    workers = draw(process_counts(2, 5))
    sections = draw(sized(1, 20))
    return tuple(draw(delay_lists(sections)) for _ in range(workers))


@pytest.mark.providers("native", "manager")
@invariant(program=section_programs())
@example(program=MANY_SECTIONS)
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
    outcomes = SERIALISED.counter()
    for worker, (sections, seen) in enumerate(zip(program, overlaps)):
        overlapped = dict(seen)
        for section in range(len(sections)):
            outcomes.expect(section not in overlapped, "overlapped",
                            f"worker {worker} section {section} overlapped workers "
                            f"{overlapped.get(section)}", "alone")
    expected = sum(len(sections) for sections in program)
    outcomes.expect(total == expected, "lost-update",
                    f"the total is {total} after {expected} increments", "all-counted")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(timeout=timeouts)
def test_held_lock_refuses_other_processes(target, timeout):
    """While a child holds the Lock, ``acquire(False)`` in another process returns False at
    once and ``acquire(timeout=t)`` returns False, no earlier than t.

    Docs: multiprocessing — Synchronization primitives (Lock.acquire: block and timeout).
    Promises: LOCK-3, LOCK-4, LOCK-9, MGR-23.
    """
    with target.scenario() as s:
        board = s.board(actors.HOLDER_SLOTS)
        lock = s.keep(s.sync.Lock())
        holder = s.start(actors.hold_until_told, lock, board, s.deadline, role="holder")
        s.await_slot(board, actors.HELD, 1, what="the holder to acquire the Lock")
        with judged("acquire(False)"):
            got_nonblocking = lock.acquire(False)
        started = time.monotonic()
        with judged(f"acquire(timeout={timeout})"):
            got_timed = lock.acquire(timeout=timeout)
        waited = time.monotonic() - started
        board[actors.RELEASE_NOW] = 1
        s.join([holder], stuck_in="Lock.release after being told")
    outcomes = REFUSED.counter()
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
    """A Lock acquired by one process may be released by another, after which it is free: a
    third process acquires it.

    A third process judges it because the acquirer's own ``acquire(False)`` would succeed on a
    lock that kept its owner and let the owner re-enter.

    Docs: multiprocessing — Synchronization primitives (Lock.release: "can be called from any
    process or thread, not only the process or thread which originally acquired the lock").
    Promises: LOCK-10, MGR-25.
    """
    with target.scenario() as s:
        lock = s.keep(s.sync.Lock())
        acquire_free(lock, s.deadline, "acquire() of a fresh Lock")
        s.run(actors.release_held_elsewhere, [lock], role="releaser", stuck_in="Lock.release")
        (free_again,) = s.run(actors.try_acquire, [lock], role="prober",
                              stuck_in="Lock.acquire(False)")
    outcomes = FREED_ELSEWHERE.counter()
    outcomes.expect(free_again, "still-held", "acquire(False) in a third process returned "
                                              f"{free_again!r} after the release", "freed")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(delay=delays)
def test_timed_acquire_succeeds_when_released_in_time(target, delay):
    """``acquire(timeout=t)`` blocked on a Lock another process holds returns True once that
    process releases it within t.

    The waiter announces itself and is found blocked in its acquire (with a manager's proxy, the
    manager's threads asleep too) before the holder is told to release (after a drawn delay).

    Docs: multiprocessing — Synchronization primitives (Lock.acquire: "block for at most the
    number of seconds specified by timeout as long as the lock can not be acquired ... Returns
    True if the lock has been acquired").
    Promises: LOCK-9, MGR-23.
    """
    with target.scenario() as s:
        board = s.board(actors.HOLDER_SLOTS)
        lock = s.keep(s.sync.Lock())
        holder = s.start(actors.hold_until_told, lock, board, s.deadline, delay, role="holder")
        s.await_slot(board, actors.HELD, 1, what="the holder to acquire the Lock")
        waiter = s.start(actors.wait_for_release, lock, board, s.deadline, role="waiter")
        s.await_slot(board, actors.WAITING, 1, what="the waiter to call acquire(timeout)")
        await_quiet(s, [waiter])  # a proxy's acquire blocks in the manager: it too is asleep
        board[actors.RELEASE_NOW] = 1
        ((got, waited),) = s.join([waiter], stuck_in="Lock.acquire(timeout) across a release")
        s.join([holder], stuck_in="Lock.release after being told")
    outcomes = GRANTED_IN_TIME.counter()
    outcomes.expect(got, "refused", f"acquire(timeout={s.deadline:g}) returned {got!r} after "
                                    f"{waited:.3f} s; the holder released {delay} s after being "
                                    f"told", "granted")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
def test_negative_timeout_and_nonblocking_timeout(target):
    """On a Lock another process holds, ``acquire`` with a negative timeout, or with a timeout
    and ``block=False``, returns False (a manager's Lock proxy raises ValueError, as
    threading.Lock does; pinned in ``conformance.judge.locks.EDGE_TIMEOUT_OUTCOME``).

    Docs: multiprocessing — Synchronization primitives (Lock.acquire: "a negative value for
    timeout [is] equivalent to a timeout of zero"; the timeout "is ignored" when block is False);
    threading — Lock objects (acquire).
    Promises: LOCK-5, LOCK-7, MGR-23.
    """
    with target.scenario() as s:
        lock = s.keep(s.sync.Lock())
        acquire_free(lock, s.deadline, "acquire() of a fresh Lock")
        (seen,) = s.run(actors.try_acquires, [EDGE_TIMEOUT_CALLS], role="trier",
                        stuck_in="Lock.acquire with a negative or ignored timeout",
                        extra_args=(lock,))
    outcomes = EDGE_TIMEOUTS.counter()
    count_edge_timeouts(outcomes, target.provider, seen)
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
def test_acquire_keyword_name(target):
    """``acquire`` takes its first argument as ``block``, and ``blocking=`` raises TypeError (a
    manager's Lock proxy: the reverse, as threading.Lock; pinned in
    ``conformance.judge.locks.ACQUIRE_KEYWORDS``).

    Docs: multiprocessing — Synchronization primitives (Lock.acquire: "the name of this first
    argument differs from that in threading.Lock.acquire()"); threading — Lock objects.
    Promises: LOCK-8, LOCK-3, MGR-23.
    """
    accepted, refused = ACQUIRE_KEYWORDS[target.provider]
    with target.scenario() as s:
        lock = s.sync.Lock()
        with judged(f"acquire({accepted}=False)"):
            got = lock.acquire(**{accepted: False})
            again = lock.acquire(**{accepted: False})
        expect_raises(TypeError, lambda: lock.acquire(**{refused: False}),
                      f"acquire({refused}=False)")
    outcomes = KEYWORDS.counter()
    outcomes.expect(got is True, "not-granted", f"acquire({accepted}=False) of a fresh Lock "
                                                f"returned {got!r}", "granted")
    outcomes.expect(again is False, "not-refused", f"acquire({accepted}=False) of the Lock just "
                                                   f"taken returned {again!r}", "refused")
    outcomes.verdict()


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
        board = s.board(actors.OWNER_SLOTS)
        lock = s.keep(s.sync.Lock())
        owner = s.start(actors.with_statements, lock, board, s.deadline, False, role="owner")
        probed = probe_states(s, board, lock, expected, state_slot=actors.STATE,
                              probed_slot=actors.PROBED)
        ((entered, again_inside, failed),) = s.join([owner], stuck_in="Lock in with statements")
    outcomes = WITH_STATEMENTS.counter()
    count_with_statements(outcomes, expected, probed, actors.STATE_NAMES, entered, failed,
                          entries=2)
    outcomes.expect(again_inside is False, "reentered",
                    f"the owner's acquire(False) inside the with returned {again_inside!r}",
                    "refused-to-owner")
    outcomes.verdict()


@pytest.mark.requires("synchronize")
def test_factory_makes_a_lock_of_its_context(target):
    """``ctx.Lock()`` makes a ``synchronize.Lock`` (the implementation's own, not its RLock)
    bound to ``ctx``: a process that ``ctx`` starts with it holds the very same lock.

    Docs: multiprocessing — Synchronization primitives (Lock: "a non-recursive lock object";
    "Lock ... is actually a factory function which returns an instance of
    multiprocessing.synchronize.Lock initialized with a default context"); Contexts and start
    methods ("Context objects have the same API as the multiprocessing module").
    Promises: LOCK-1.
    """
    synchronize = target.submodule("synchronize")
    with target.scenario() as s:
        board = s.board(actors.HOLDER_SLOTS)
        lock = s.keep(target.ctx.Lock())
        with judged("start() of a process of the Lock's context, given the Lock"):
            holder = s.start(actors.hold_until_told, lock, board, s.deadline, role="holder")
        s.await_slot(board, actors.HELD, 1, what="the holder to acquire the Lock")
        with judged("acquire(False) while the holder holds it"):
            free_here = takes(lock, False)
        board[actors.RELEASE_NOW] = 1
        s.join([holder], stuck_in="Lock.release after being told")
    outcomes = OF_ITS_CONTEXT.counter()
    outcomes.expect(isinstance(lock, synchronize.Lock)
                    and not isinstance(lock, synchronize.RLock), "other-class",
                    f"ctx.Lock() made a {type(lock).__module__}.{type(lock).__qualname__}",
                    "lock-class")
    outcomes.expect(not free_here, "not-shared", "acquire(False) in the parent returned True "
                                                 "while the holder held the Lock", "shared")
    outcomes.verdict()
