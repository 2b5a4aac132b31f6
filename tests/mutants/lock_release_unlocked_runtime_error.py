"""Bug: releasing an unlocked Lock raises RuntimeError, as threading.Lock does, instead of the
ValueError the real implementation raises ("semaphore or lock released too many times")."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class ThreadingErrorLock(synchronize.Lock):
    def _make_methods(self):
        super()._make_methods()
        semlock_release = self._semlock.release

        def release():
            try:
                semlock_release()
            except ValueError:
                raise RuntimeError("release unlocked lock") from None

        self.release = release


def lock(ctx):
    return ThreadingErrorLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_lock.py::test_release_of_unlocked_lock_raises_value_error": violated("raised-other"),
}
