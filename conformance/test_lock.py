"""Lock: critical sections are serialised, and the lock is visible as held across processes.

Docs: multiprocessing — Synchronization primitives (Lock).
"""

import time

from conformance.actors import lock as actors
from conformance.invariants import invariant
from conformance.judge import Outcomes, expect_raises
from conformance.judge.timing import never_early
from conformance.strategies import critical_section_programs, timeouts


@invariant(program=critical_section_programs())
def test_critical_sections_are_serialised(target, program):
    """While one process holds the Lock no other process is inside its critical section, so a
    non-atomic read–delay–write of a shared total loses no update.

    Docs: multiprocessing — Synchronization primitives (Lock: "once a process or thread has
    acquired a lock, subsequent attempts to acquire it from any process or thread will block").
    Promises: LOCK-2, LOCK-6, LOCK-9.
    """
    workers = len(program)
    with target.scenario() as s:
        board = s.board(actors.INSIDE + workers)
        lock = s.keep(target.ctx.Lock())
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


@invariant(timeout=timeouts)
def test_held_lock_refuses_other_processes(target, timeout):
    """While a child holds the Lock, ``acquire(False)`` in another process returns False at
    once and ``acquire(timeout=t)`` returns False, no earlier than t.

    Docs: multiprocessing — Synchronization primitives (Lock.acquire: block and timeout).
    Promises: LOCK-3, LOCK-4, LOCK-9.
    """
    with target.scenario() as s:
        board = s.board(2)
        lock = s.keep(target.ctx.Lock())
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


def test_release_of_unlocked_lock_raises_value_error(target):
    """Releasing a Lock that is not held raises ValueError.

    Docs: multiprocessing — Synchronization primitives (Lock.release: "if this method is called
    when the lock is unlocked, a ValueError is raised").
    Promises: LOCK-11.
    """
    lock = target.ctx.Lock()
    expect_raises(ValueError, lock.release, "release() of an unlocked Lock")


def test_lock_released_by_another_process(target):
    """A Lock acquired by one process may be released by another, after which it is free.

    Docs: multiprocessing — Synchronization primitives (Lock.release: "can be called from any
    process or thread, not only the process or thread which originally acquired the lock").
    Promises: LOCK-10.
    """
    with target.scenario() as s:
        lock = s.keep(target.ctx.Lock())
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
