"""Bug: the Lock's semaphore is created with a count of two, so two holders get in."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class TwoHolderLock(synchronize.Lock):
    def __init__(self, *, ctx):
        synchronize.SemLock.__init__(self, synchronize.SEMAPHORE, 2, 2, ctx=ctx)


def lock(ctx):
    return TwoHolderLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_lock.py::test_critical_sections_are_serialised": violated("overlapped", "lost-update"),
    "test_lock.py::test_held_lock_refuses_other_processes": violated("granted"),
}
