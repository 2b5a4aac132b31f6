"""Bug: reset() is implemented as a break: the waiters get BrokenBarrierError, but the barrier
is left broken instead of returning to its empty state."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class BreakingResetBarrier(synchronize.Barrier):
    def reset(self):
        with self._cond:
            self._break()  # the bug: threading sets the resetting state (-1) while parties remain


def barrier(ctx, parties, action=None, timeout=None):
    return BreakingResetBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_reset_breaks_current_waiters_then_barrier_is_reusable":
        violated("not-emptied", "not-reused"),
}
