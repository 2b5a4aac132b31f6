"""Bug: abort() does nothing when no party is waiting ("nobody to wake"), so a barrier aborted
while empty stays unbroken and a later wait() blocks instead of raising BrokenBarrierError
(threading's abort() breaks the barrier whoever is waiting)."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class LazyAbortBarrier(synchronize.Barrier):
    def abort(self):
        with self._cond:
            if self._count:  # the bug: threading breaks the barrier unconditionally
                self._break()


def barrier(ctx, parties, action=None, timeout=None):
    return LazyAbortBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_broken_barrier_raises_threadings_broken_barrier_error":
        violated("blocked"),
}
