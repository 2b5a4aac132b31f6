"""Bug: releasing an unlocked Lock is silently ignored instead of raising ValueError."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class ForgivingLock(synchronize.Lock):
    def _make_methods(self):
        super()._make_methods()
        semlock_release = self._semlock.release

        def release():
            try:
                semlock_release()
            except ValueError:
                pass

        self.release = release


def lock(ctx):
    return ForgivingLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_lock.py::test_release_of_unlocked_lock_raises_value_error": violated("returned"),
}
