"""Bug: a Lock never registers its named semaphore with the resource tracker (only its own
finalizer unlinks it), so the semaphore of a process that exits without running finalizers is
never unlinked."""

from multiprocessing import resource_tracker, synchronize

from tests.mutants.base import mutant, violated


class UntrackedLock(synchronize.Lock):
    def __init__(self, *, ctx):
        super().__init__(ctx=ctx)
        if self._semlock.name is not None:
            resource_tracker.unregister(self._semlock.name, "semaphore")


def lock(ctx):
    return UntrackedLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_start_methods.py::test_resource_tracker_unlinks_leaked_semaphores": violated("leaked"),
}
