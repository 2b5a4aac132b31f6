"""Bug: acquire() follows threading.Lock, where ``timeout=-1`` means "no timeout", and treats
every negative timeout as waiting forever instead of as zero."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, timed_out


class ForeverIfNegative:
    def _make_methods(self):
        super()._make_methods()
        semlock_acquire = self._semlock.acquire

        def acquire(block=True, timeout=None):
            if timeout is not None and timeout < 0:
                timeout = None
            return semlock_acquire(block, timeout)

        self.acquire = acquire


class ForeverIfNegativeSemaphore(ForeverIfNegative, synchronize.Semaphore):
    pass


class ForeverIfNegativeBoundedSemaphore(ForeverIfNegative, synchronize.BoundedSemaphore):
    pass


def semaphore(ctx, value=1):
    return ForeverIfNegativeSemaphore(value, ctx=ctx.get_context())


def bounded_semaphore(ctx, value=1):
    return ForeverIfNegativeBoundedSemaphore(value, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Semaphore=semaphore,
                                            BoundedSemaphore=bounded_semaphore)
KILLS = {
    "test_semaphore.py::test_permits_held_elsewhere_are_refused":
        timed_out("Semaphore.acquire while another process holds every permit"),
}
