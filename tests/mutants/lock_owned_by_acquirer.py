"""Bug: the Lock enforces ownership like an RLock, so another process cannot release it."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class OwnedLock(synchronize.Lock):
    def _make_methods(self):
        super()._make_methods()
        semlock = self._semlock

        def release():
            if not semlock._is_mine():
                raise AssertionError("attempt to release a lock not owned by this process")
            semlock.release()

        self.release = release


def lock(ctx):
    return OwnedLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_lock.py::test_lock_released_by_another_process": violated("raised"),
}
