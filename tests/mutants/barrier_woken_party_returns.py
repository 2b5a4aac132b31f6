"""Bug: a party blocked in wait() takes any wake-up for a release: woken by abort(), reset() or
another party's break, it returns its index instead of raising BrokenBarrierError (threading's
_wait() raises when, once woken, it finds the barrier broken or resetting)."""

import threading
from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class WokenMeansReleasedBarrier(synchronize.Barrier):
    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()
            raise threading.BrokenBarrierError
        # the bug: no "if self._state < 0: raise BrokenBarrierError" here


def barrier(ctx, parties, action=None, timeout=None):
    return WokenMeansReleasedBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_abort_breaks_current_and_later_waiters": violated("returned"),
    "test_barrier.py::test_reset_breaks_current_waiters_then_barrier_is_reusable":
        violated("returned"),
    "test_barrier.py::test_wait_timeout_breaks_the_barrier_for_every_party": violated("returned"),
    "test_barrier.py::test_n_waiting_and_broken_are_seen_from_other_processes":
        violated("returned"),
    "test_barrier.py::test_failing_action_breaks_the_barrier": violated("returned"),
}
