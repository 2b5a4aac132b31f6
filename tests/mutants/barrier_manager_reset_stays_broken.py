"""Bug: reset() of the manager's Barrier (a threading.Barrier in the server process) is a break:
the waiters get BrokenBarrierError, but the barrier is left broken instead of returning to its
empty state."""

import threading
from multiprocessing.managers import BarrierProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class BreakingResetBarrier(threading.Barrier):
    def reset(self):
        with self._cond:
            self._break()  # the bug: threading sets the resetting state (-1) while parties remain


class BreakingResetManager(SyncManager):
    pass


BreakingResetManager.register("Barrier", BreakingResetBarrier, BarrierProxy)


def manager(ctx):
    started = BreakingResetManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_barrier.py::test_reset_breaks_current_waiters_then_barrier_is_reusable":
        violated("not-emptied", "not-reused"),
}
