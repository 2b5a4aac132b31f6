"""Bug: the semaphores' acquire() was written from the threading docs and names its first
parameter ``blocking``, so the documented ``acquire(block=False)`` raises TypeError."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class ThreadingNamed:
    def _make_methods(self):
        super()._make_methods()
        semlock_acquire = self._semlock.acquire

        def acquire(blocking=True, timeout=None):
            return semlock_acquire(blocking, timeout)

        self.acquire = acquire


class ThreadingNamedSemaphore(ThreadingNamed, synchronize.Semaphore):
    pass


class ThreadingNamedBoundedSemaphore(ThreadingNamed, synchronize.BoundedSemaphore):
    pass


def semaphore(ctx, value=1):
    return ThreadingNamedSemaphore(value, ctx=ctx.get_context())


def bounded_semaphore(ctx, value=1):
    return ThreadingNamedBoundedSemaphore(value, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Semaphore=semaphore,
                                            BoundedSemaphore=bounded_semaphore)
KILLS = {
    "test_semaphore.py::test_acquire_names_its_first_parameter_per_provider": violated("differs"),
}
