"""Bug: a timed acquire on a Semaphore or BoundedSemaphore converts its timeout with the wrong
unit and gives up halfway."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class HalfTimeout:
    def _make_methods(self):
        super()._make_methods()
        semlock_acquire = self._semlock.acquire

        def acquire(block=True, timeout=None):
            if timeout is not None:
                timeout /= 2
            return semlock_acquire(block, timeout)

        self.acquire = acquire


class HalfTimeoutSemaphore(HalfTimeout, synchronize.Semaphore):
    pass


class HalfTimeoutBoundedSemaphore(HalfTimeout, synchronize.BoundedSemaphore):
    pass


def semaphore(ctx, value=1):
    return HalfTimeoutSemaphore(value, ctx=ctx.get_context())


def bounded_semaphore(ctx, value=1):
    return HalfTimeoutBoundedSemaphore(value, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Semaphore=semaphore,
                                            BoundedSemaphore=bounded_semaphore)
KILLS = {
    "test_semaphore.py::test_permits_held_elsewhere_are_refused": violated("early"),
}
