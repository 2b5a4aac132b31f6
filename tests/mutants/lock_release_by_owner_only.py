"""Bug: the Lock is built on RLock's recursive mutex and drops a release from a process that
does not own it, silently: the lock stays held by its first owner (who may even take it
again), where any process may release a Lock."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class OwnerReleasedLock(synchronize.Lock):
    def __init__(self, *, ctx):
        synchronize.SemLock.__init__(self, synchronize.RECURSIVE_MUTEX, 1, 1, ctx=ctx)

    def _make_methods(self):
        super()._make_methods()
        semlock = self._semlock

        def release():
            if semlock._is_mine():
                semlock.release()

        self.release = release


def lock(ctx):
    return OwnerReleasedLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_lock.py::test_lock_released_by_another_process": violated("still-held"),
}
