"""Bug: acquire() wraps the OS semaphore's acquire but drops its result (the ``return`` is
missing), so every acquire, granted or not, returns None; the real one returns True when it took
a permit and False when it did not (non-blocking, or timed out)."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class ResultDropping:
    def _make_methods(self):
        super()._make_methods()
        semlock_acquire = self._semlock.acquire

        def acquire(block=True, timeout=None):
            semlock_acquire(block, timeout)  # the bug: ``return`` is missing

        self.acquire = acquire


class ResultDroppingSemaphore(ResultDropping, synchronize.Semaphore):
    pass


class ResultDroppingBoundedSemaphore(ResultDropping, synchronize.BoundedSemaphore):
    pass


def semaphore(ctx, value=1):
    return ResultDroppingSemaphore(value, ctx=ctx.get_context())


def bounded_semaphore(ctx, value=1):
    return ResultDroppingBoundedSemaphore(value, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Semaphore=semaphore,
                                            BoundedSemaphore=bounded_semaphore)
KILLS = {
    "test_semaphore.py::test_permits_held_elsewhere_are_refused":
        violated("not-taken", "granted"),
    "test_semaphore.py::test_each_release_lets_one_waiter_in":
        violated("not-taken", "refused", "left-over"),
}
