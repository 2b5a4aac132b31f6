"""Bug: a timed acquire is passed on as non-blocking (``block and timeout is None``), so it gives
up at once instead of waiting up to its timeout for the holder to release."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class ImpatientLock(synchronize.Lock):
    def _make_methods(self):
        super()._make_methods()
        semlock_acquire = self._semlock.acquire

        def acquire(block=True, timeout=None):
            return semlock_acquire(block and timeout is None, timeout)

        self.acquire = acquire


def lock(ctx):
    return ImpatientLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_lock.py::test_timed_acquire_succeeds_when_released_in_time": violated("refused"),
    "test_lock.py::test_held_lock_refuses_other_processes": violated("early"),
}
