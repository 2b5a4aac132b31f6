"""Bug: a timed acquire converts its timeout with the wrong unit and gives up halfway."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class HalfTimeoutLock(synchronize.Lock):
    def _make_methods(self):
        super()._make_methods()
        semlock_acquire = self._semlock.acquire

        def acquire(block=True, timeout=None):
            if timeout is not None:
                timeout /= 2
            return semlock_acquire(block, timeout)

        self.acquire = acquire


def lock(ctx):
    return HalfTimeoutLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_lock.py::test_held_lock_refuses_other_processes": violated("early"),
}
