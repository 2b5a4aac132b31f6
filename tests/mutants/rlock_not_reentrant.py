"""Bug: the RLock is created with the plain Lock's semaphore kind, so its owner cannot
re-enter it: a second blocking acquire deadlocks, a second ``acquire(False)`` returns False."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, timed_out, violated


class NonReentrantRLock(synchronize.RLock):
    def __init__(self, *, ctx):
        synchronize.SemLock.__init__(self, synchronize.SEMAPHORE, 1, 1, ctx=ctx)


def rlock(ctx):
    return NonReentrantRLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(RLock=rlock)
KILLS = {
    "test_rlock.py::test_held_until_released_once_per_acquire":
        violated("not-entered", "release-raised", "taken"),
    "test_rlock.py::test_with_statements_nest": timed_out("the owner to reach state 1"),
}
