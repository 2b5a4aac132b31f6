"""RLock: one owner at a time, re-entrant for its owner, held until released once per acquire.

Docs: multiprocessing — Synchronization primitives (RLock); Managers (SyncManager.RLock: "a
shared threading.RLock object"); threading — RLock objects.

Invariants marked for both providers also run against a Manager's RLock proxy, whose owner is
the calling thread's connection to the manager.  Where the two legitimately differ (exception
types, the keyword name of ``acquire``, negative timeouts), the difference is pinned in a table
keyed by ``target.provider`` (those RLock shares with Lock in ``conformance.judge.locks``:
multiprocessing — RLock.acquire: "Use and behaviors of the timeout argument are the same as in
Lock.acquire()", and the first argument's name differs from threading's).
"""

import time

import pytest
from hypothesis import example
from hypothesis import strategies as st

from conformance.actors import lock as lock_actors
from conformance.actors import rlock as actors
from conformance.harness.probe import probe_states, takes
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, expect_raises, judged
from conformance.judge.locks import (ACQUIRE_KEYWORDS, EDGE_TIMEOUT_CALLS, acquire_free,
                                     count_edge_timeouts, count_with_statements,
                                     edge_timeouts_table, with_statements_table)
from conformance.judge.timing import never_early
from conformance.strategies import delays, process_counts, sized, timeouts

NESTED_SERIALISED = OutcomeTable(
    unit="critical sections, releases by their owner, and the shared total after them",
    acceptable={"alone": "no other worker inside while this one was",
                "released": "every release by the owner returned",
                "all-counted": "the shared total counts every section"},
    forbidden={"overlapped": "another worker was inside at the same time",
               "release-raised": "a release by the owner raised",
               "lost-update": "the shared total missed an increment"},
)
ONCE_PER_ACQUIRE = OutcomeTable(
    unit="acquires and releases by the owner, and probes by another process",
    acceptable={"entered": "the owner's acquire returned True",
                "released": "the owner's release returned",
                "refused": "another process's acquire returned False while a level was held",
                "granted": "another process's timed acquire got the lock after the last "
                           "release",
                "finished": "the owner ran its whole program"},
    forbidden={"not-entered": "the owner's acquire did not return True",
               "release-raised": "the owner's release raised",
               "taken": "another process's acquire returned True while a level was held",
               "never-granted": "another process's timed acquire did not get the lock "
                                "released within its timeout",
               "owner-failed": "the owner stopped before releasing every level"},
)
# Releasing an RLock the caller does not own (owned by another thread or process, or by nobody).
# multiprocessing — RLock.release: "An AssertionError is raised if this method is called by a
# process or thread other than the owner or if the lock is in an unlocked (unowned) state".  A
# manager's RLock is a proxy for "a shared threading.RLock object" (Managers —
# SyncManager.RLock), and threading — RLock.release raises RuntimeError.
NOT_OWNER_RELEASE_RAISES = {"native": AssertionError, "manager": RuntimeError}
NON_OWNER_PROCESS = OutcomeTable(
    unit="re-entry by the owner, release and acquire by a non-owner process, releases by the "
         "owner",
    acceptable={"entered": "the owner's acquire(False) of its own RLock returned True",
                "refused": "the non-owner's release raised as pinned",
                "still-held": "the non-owner's acquire(False) afterwards returned False",
                "released": "the owner's release returned"},
    forbidden={"not-entered": "the owner's acquire(False) of its own RLock did not return True",
               "released-by-non-owner": "the non-owner's release did not raise as pinned",
               "taken": "the non-owner's acquire(False) afterwards returned True",
               "owner-refused": "the owner's release raised"},
)
NON_OWNER_THREAD = OutcomeTable(
    unit="acquire by the owner thread, releases by another thread and by the owner",
    acceptable={"entered": "the owner's acquire of a fresh RLock returned True",
                "refused": "the other thread's release raised as pinned",
                "released": "the owner's release returned"},
    forbidden={"not-entered": "the owner's acquire of a fresh RLock did not return True",
               "released-by-non-owner": "the other thread's release did not raise as pinned",
               "owner-refused": "the owner's release raised"},
)
EDGE_TIMEOUTS = edge_timeouts_table("an RLock another process owns")
KEYWORDS = OutcomeTable(
    unit="acquire calls on an RLock with the documented keyword",
    acceptable={"granted": "acquire(<keyword>=False) of a free RLock returned True",
                "re-entered": "acquire(<keyword>=False) by its owner returned True"},
    forbidden={"not-granted": "acquire(<keyword>=False) of a free RLock did not return True",
               "not-re-entered": "acquire(<keyword>=False) by its owner did not return True"},
)
WITH_STATEMENTS = with_statements_table("RLock")
OF_ITS_CONTEXT = OutcomeTable(
    unit="RLocks made by a context's factory",
    acceptable={"rlock-class": "an instance of the implementation's synchronize.RLock",
                "shared": "owned by a process of the context it was given to"},
    forbidden={"other-class": "not an instance of synchronize.RLock",
               "not-shared": "free in the parent while a process of the context it was given "
                             "to owned it"},
)

ACQUIRE_MODES = st.sampled_from(["nonblocking", "block", "timed"])
# A volume no drawn program reaches: hundreds of sections, 96 from one process, up to 3 deep.
MANY_NESTED_SECTIONS = (((3, 0.0),) * 96, ((2, 0.0),) * 96, ((1, 0.0005), (3, 0.0)) * 32)


@st.composite
def nested_section_programs(draw):
    """Workers, each entering the lock once per (depth, delay): depth nested acquires, and the
    delay widening the window around each inner release."""
    workers = draw(process_counts(2, 4))
    section = st.tuples(st.integers(1, 3), delays)
    return tuple(tuple(draw(section) for _ in range(draw(sized(1, 10))))
                 for _ in range(workers))


@st.composite
def ownership_programs(draw):
    """Modes of the owner's acquires (at least two, so it re-enters), the delay before its last
    release, and the timeout of the first probe."""
    modes = tuple(draw(ACQUIRE_MODES) for _ in range(draw(sized(2, 4))))
    return {"modes": modes, "last_release_delay": draw(delays), "probe_timeout": draw(timeouts)}


@pytest.mark.providers("native", "manager")
@invariant(program=nested_section_programs())
@example(program=MANY_NESTED_SECTIONS)
def test_nested_critical_sections_are_serialised(target, program):
    """While one process holds the RLock, at any recursion level, no other process is inside
    its critical section: a read–delay–write of a shared total that spans the release of the
    inner levels loses no update, and no release by the owner raises.

    Docs: multiprocessing — Synchronization primitives (RLock: "the same process or thread may
    acquire it again without blocking; that process or thread must release it once for each time
    it has been acquired").
    Promises: RLOCK-2, RLOCK-3, MGR-26.
    """
    workers = len(program)
    with target.scenario() as s:
        board = s.board(lock_actors.INSIDE + workers)
        lock = s.keep(s.sync.RLock())
        seen = s.run(actors.nested_critical_sections, list(enumerate(program)), role="worker",
                     stuck_in="RLock.acquire", extra_args=(lock, board, workers))
        total = board[lock_actors.TOTAL]
    outcomes = NESTED_SERIALISED.counter()
    for worker, (sections, (overlaps, refused)) in enumerate(zip(program, seen)):
        overlapped, raised = dict(overlaps), dict(refused)
        for section, (depth, _) in enumerate(sections):
            outcomes.expect(section not in overlapped, "overlapped",
                            f"worker {worker} section {section} (depth {depth}) overlapped "
                            f"workers {overlapped.get(section)}", "alone")
            outcomes.expect(section not in raised, "release-raised",
                            f"worker {worker} section {section} (depth {depth}): release() "
                            f"raised {raised.get(section)}", "released")
    expected = sum(len(sections) for sections in program)
    outcomes.expect(total == expected, "lost-update",
                    f"the total is {total} after {expected} increments", "all-counted")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
@invariant(program=ownership_programs())
def test_held_until_released_once_per_acquire(target, program):
    """An RLock its owner acquired n times (re-entering without blocking, every acquire
    returning True) refuses another process's ``acquire(False)`` and ``acquire(timeout=t)`` (no
    earlier than t) until the owner has released it n times; a timed acquire waiting across the
    last release then gets it.

    Docs: multiprocessing — Synchronization primitives (RLock.acquire: "If the lock has already
    been acquired (and thus is owned) by another process or thread, the current process or thread
    does not take ownership and the recursion level within the lock is not changed"; RLock.release:
    "If after the decrement the recursion level is still nonzero, the lock remains locked").
    Promises: RLOCK-2, RLOCK-3, RLOCK-4, RLOCK-5, MGR-26.
    """
    modes, timeout = program["modes"], program["probe_timeout"]
    depth = len(modes)
    probes, waited, granted = [], None, None
    with target.scenario() as s:
        board = s.board(lock_actors.OWNER_SLOTS)
        lock = s.keep(s.sync.RLock())
        owner = s.start(actors.own_and_release, lock, board, s.deadline,
                        (modes, program["last_release_delay"]), role="owner")
        for state in range(1, depth + 1):  # in state k the owner holds depth - k + 1 levels
            s.await_slot(board, lock_actors.STATE, state,
                         what=f"the owner to hold {depth - state + 1} levels")
            if board[lock_actors.STATE] != state:
                break  # the owner failed; its report says why
            with judged("acquire(False) by another process"):
                probes.append((state, "acquire(False)", takes(lock, False)))
            if state == 1:
                started = time.monotonic()
                with judged(f"acquire(timeout={timeout}) by another process"):
                    probes.append((state, f"acquire(timeout={timeout})",
                                   takes(lock, True, timeout)))
                waited = time.monotonic() - started
            board[lock_actors.PROBED] = state
        else:  # the owner releases its last level now, while this acquire waits
            with judged(f"acquire(timeout={s.deadline:g}) across the last release"):
                granted = takes(lock, True, s.deadline)
        ((acquired, refused, failed),) = s.join([owner], stuck_in="RLock re-entry and release")
    outcomes = ONCE_PER_ACQUIRE.counter()
    for level, (mode, got) in enumerate(acquired, start=1):
        outcomes.expect(got is True, "not-entered", f"acquire #{level} ({mode}) returned "
                                                    f"{got!r}", "entered")
    raised = dict(refused)
    for state in range(1, depth + 1) if failed is None else sorted(raised):
        outcomes.expect(state not in raised, "release-raised",
                        f"release #{state} raised {raised.get(state)}", "released")
    for state, call, got in probes:
        outcomes.expect(not got, "taken", f"{call} returned True while the owner held "
                                          f"{depth - state + 1} of {depth} levels", "refused")
    if granted is not None:
        outcomes.expect(granted, "never-granted", f"acquire(timeout={s.deadline:g}) across the "
                                                  f"last release returned False", "granted")
    outcomes.expect(failed is None, "owner-failed", f"the owner raised {failed}", "finished")
    outcomes.verdict()
    if waited is not None:
        never_early(waited, timeout, f"acquire(timeout={timeout}) on a held RLock")


@pytest.mark.providers("native", "manager")
def test_release_by_non_owner_process_raises(target):
    """A process that does not own an RLock another process holds (at two levels) cannot
    release it: ``release()`` raises AssertionError (a manager's RLock proxy: RuntimeError, as
    threading.RLock; pinned in ``NOT_OWNER_RELEASE_RAISES``), and the lock stays held by its
    owner, who can still release it twice.

    Docs: multiprocessing — Synchronization primitives (RLock: "A recursive lock must be
    released by the process or thread that acquired it"; RLock.release); Managers
    (SyncManager.RLock).
    Promises: RLOCK-7, RLOCK-2, RLOCK-4, MGR-26.
    """
    expected = NOT_OWNER_RELEASE_RAISES[target.provider].__name__
    with target.scenario() as s:
        lock = s.keep(s.sync.RLock())
        acquire_free(lock, s.deadline, "acquire() of a fresh RLock")
        with judged("acquire(False) by the owner"):
            reentered = lock.acquire(False)
        ((raised, taken),) = s.run(actors.release_then_try, [lock], role="non-owner",
                                   stuck_in="RLock.release by a non-owner")
        own = [lock_actors.release(lock) for _ in range(2)]
    outcomes = NON_OWNER_PROCESS.counter()
    outcomes.expect(reentered is True, "not-entered",
                    f"the owner's acquire(False) returned {reentered!r}", "entered")
    outcomes.expect(raised == expected, "released-by-non-owner",
                    f"release() raised {raised or 'nothing'}; pinned: {expected}", "refused")
    outcomes.expect(not taken, "taken", "acquire(False) returned True", "still-held")
    for level, own_raised in enumerate(own, start=1):
        outcomes.expect(own_raised is None, "owner-refused",
                        f"release #{level} by the owner raised {own_raised}", "released")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
def test_release_by_non_owner_thread_raises(target):
    """A thread that does not own an RLock another thread of its process holds cannot release
    it: ``release()`` raises AssertionError (manager proxy: RuntimeError; pinned in
    ``NOT_OWNER_RELEASE_RAISES``), and the owner can still release it.

    Docs: multiprocessing — Synchronization primitives (RLock.release: "An AssertionError is
    raised if this method is called by a process or thread other than the owner").
    Promises: RLOCK-6, MGR-26.
    """
    expected = NOT_OWNER_RELEASE_RAISES[target.provider].__name__
    with target.scenario() as s:
        lock = s.keep(s.sync.RLock())
        ((acquired, other, own),) = s.run(
            actors.release_from_other_thread, [s.deadline], role="owner",
            stuck_in="RLock.release by another thread", extra_args=(lock,))
    outcomes = NON_OWNER_THREAD.counter()
    outcomes.expect(acquired is True, "not-entered", f"acquire() returned {acquired!r}",
                    "entered")
    outcomes.expect(other == expected, "released-by-non-owner",
                    f"release() in the other thread raised {other or 'nothing'}; pinned: "
                    f"{expected}", "refused")
    outcomes.expect(own is None, "owner-refused", f"the owner's release raised {own}",
                    "released")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
def test_release_of_unowned_rlock_raises(target):
    """Releasing an RLock nobody owns raises AssertionError (manager proxy: RuntimeError;
    pinned in ``NOT_OWNER_RELEASE_RAISES``).

    Docs: multiprocessing — Synchronization primitives (RLock.release: "or if the lock is in an
    unlocked (unowned) state").
    Promises: RLOCK-8, MGR-26.
    """
    with target.scenario() as s:
        lock = s.sync.RLock()
        expect_raises(NOT_OWNER_RELEASE_RAISES[target.provider], lock.release,
                      "release() of an unowned RLock")


@pytest.mark.providers("native", "manager")
def test_negative_timeout_and_nonblocking_timeout(target):
    """On an RLock another process owns, ``acquire`` with a negative timeout, or with a timeout
    and ``block=False``, returns False (manager proxy: ValueError, as threading.RLock; pinned in
    ``conformance.judge.locks.EDGE_TIMEOUT_OUTCOME``).

    Docs: multiprocessing — Synchronization primitives (RLock.acquire: "Use and behaviors of the
    timeout argument are the same as in Lock.acquire()"); threading — RLock objects.
    Promises: RLOCK-5, MGR-26.
    """
    with target.scenario() as s:
        lock = s.keep(s.sync.RLock())
        acquire_free(lock, s.deadline, "acquire() of a fresh RLock")
        (seen,) = s.run(lock_actors.try_acquires, [EDGE_TIMEOUT_CALLS], role="trier",
                        stuck_in="RLock.acquire with a negative or ignored timeout",
                        extra_args=(lock,))
    outcomes = EDGE_TIMEOUTS.counter()
    count_edge_timeouts(outcomes, target.provider, seen)
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
def test_acquire_keyword_name(target):
    """``acquire`` takes its first argument as ``block``, and ``blocking=`` raises TypeError
    (manager proxy: the reverse, as threading.RLock; pinned in
    ``conformance.judge.locks.ACQUIRE_KEYWORDS``).

    Docs: multiprocessing — Synchronization primitives (RLock.acquire: "several differences in
    this first argument's behavior compared to the implementation of threading.RLock.acquire(),
    starting with the name of the argument itself").
    Promises: RLOCK-10, RLOCK-2, MGR-26.
    """
    accepted, refused = ACQUIRE_KEYWORDS[target.provider]
    with target.scenario() as s:
        lock = s.sync.RLock()
        with judged(f"acquire({accepted}=False)"):
            got = lock.acquire(**{accepted: False})
            again = lock.acquire(**{accepted: False})
        expect_raises(TypeError, lambda: lock.acquire(**{refused: False}),
                      f"acquire({refused}=False)")
    outcomes = KEYWORDS.counter()
    outcomes.expect(got is True, "not-granted", f"acquire({accepted}=False) of a fresh RLock "
                                                f"returned {got!r}", "granted")
    outcomes.expect(again is True, "not-re-entered", f"acquire({accepted}=False) by its owner "
                                                     f"returned {again!r}", "re-entered")
    outcomes.verdict()


@pytest.mark.providers("native", "manager")
def test_with_statements_nest(target):
    """Nested ``with rlock`` statements each acquire (``__enter__`` returns True); the RLock
    stays held until the outer one is left, and is released then, also when both are left by an
    exception.

    Docs: multiprocessing — Synchronization primitives (RLock: "supports the context manager
    protocol and thus may be used in with statements"); threading — Using locks, conditions, and
    semaphores in the with statement.
    Promises: RLOCK-9, MGR-32.
    """
    expected = {lock_actors.IN_WITH: False, lock_actors.INNER_EXITED: False,
                lock_actors.EXITED: True, lock_actors.IN_WITH_RAISING: False,
                lock_actors.EXITED_BY_EXCEPTION: True}
    with target.scenario() as s:
        board = s.board(lock_actors.OWNER_SLOTS)
        lock = s.keep(s.sync.RLock())
        owner = s.start(lock_actors.with_statements, lock, board, s.deadline, True,
                        role="owner")
        probed = probe_states(s, board, lock, expected, state_slot=lock_actors.STATE,
                              probed_slot=lock_actors.PROBED)
        ((entered, _, failed),) = s.join([owner], stuck_in="RLock in nested with statements")
    outcomes = WITH_STATEMENTS.counter()
    count_with_statements(outcomes, expected, probed, lock_actors.STATE_NAMES, entered, failed,
                          entries=4)
    outcomes.verdict()


@pytest.mark.requires("synchronize")
def test_factory_makes_an_rlock_of_its_context(target):
    """``ctx.RLock()`` makes a ``synchronize.RLock`` (the implementation's own) bound to
    ``ctx``: a process that ``ctx`` starts with it owns the very same lock.

    Docs: multiprocessing — Synchronization primitives (RLock: "a recursive lock object";
    "RLock ... is actually a factory function which returns an instance of
    multiprocessing.synchronize.RLock initialized with a default context"); Contexts and start
    methods ("Context objects have the same API as the multiprocessing module").
    Promises: RLOCK-1.
    """
    synchronize = target.submodule("synchronize")
    with target.scenario() as s:
        board = s.board(lock_actors.HOLDER_SLOTS)
        lock = s.keep(target.ctx.RLock())
        with judged("start() of a process of the RLock's context, given the RLock"):
            owner = s.start(lock_actors.hold_until_told, lock, board, s.deadline, role="owner")
        s.await_slot(board, lock_actors.HELD, 1, what="the owner to acquire the RLock")
        with judged("acquire(False) while the owner holds it"):
            free_here = takes(lock, False)
        board[lock_actors.RELEASE_NOW] = 1
        s.join([owner], stuck_in="RLock.release after being told")
    outcomes = OF_ITS_CONTEXT.counter()
    outcomes.expect(isinstance(lock, synchronize.RLock), "other-class",
                    f"ctx.RLock() made a {type(lock).__module__}.{type(lock).__qualname__}",
                    "rlock-class")
    outcomes.expect(not free_here, "not-shared", "acquire(False) in the parent returned True "
                                                 "while another process owned the RLock",
                    "shared")
    outcomes.verdict()
