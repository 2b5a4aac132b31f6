"""Bug: release() accepts threading's ``n`` for compatibility but releases a single permit, so
``release(2)`` silently hands out one permit instead of two (or refusing)."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class CountIgnoring:
    def _make_methods(self):
        super()._make_methods()
        semlock_release = self._semlock.release

        def release(n=1):
            return semlock_release()

        self.release = release


class CountIgnoringSemaphore(CountIgnoring, synchronize.Semaphore):
    pass


class CountIgnoringBoundedSemaphore(CountIgnoring, synchronize.BoundedSemaphore):
    pass


def semaphore(ctx, value=1):
    return CountIgnoringSemaphore(value, ctx=ctx.get_context())


def bounded_semaphore(ctx, value=1):
    return CountIgnoringBoundedSemaphore(value, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Semaphore=semaphore,
                                            BoundedSemaphore=bounded_semaphore)
KILLS = {
    "test_semaphore.py::test_release_takes_no_count": violated("differs"),
}
