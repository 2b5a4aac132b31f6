"""Bug: wait() on a barrier that is already broken reports it with the return value -1 (the
error return of a C barrier) instead of raising BrokenBarrierError; only the parties blocked
in wait() when it breaks get the exception (threading's wait() raises in both cases)."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class ErrorCodeBarrier(synchronize.Barrier):
    def wait(self, timeout=None):
        with self._cond:
            if self._state == -2:
                return -1  # the bug: threading's _enter() raises BrokenBarrierError
        return super().wait(timeout)


def barrier(ctx, parties, action=None, timeout=None):
    return ErrorCodeBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_broken_barrier_raises_threadings_broken_barrier_error":
        violated("returned"),
    "test_barrier.py::test_abort_breaks_current_and_later_waiters": violated("returned"),
}
