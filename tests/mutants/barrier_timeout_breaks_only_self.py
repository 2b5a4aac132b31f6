"""Bug: a timed-out wait() raises BrokenBarrierError in its own party but does not break the
barrier, so the other parties wait on for a party that has gone."""

import threading

from multiprocessing import synchronize

from tests.mutants.base import mutant, timed_out


class SelfishTimeoutBarrier(synchronize.Barrier):
    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            raise threading.BrokenBarrierError  # the bug: threading calls self._break() first
        if self._state < 0:
            raise threading.BrokenBarrierError


def barrier(ctx, parties, action=None, timeout=None):
    return SelfishTimeoutBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_wait_timeout_breaks_the_barrier_for_every_party":
        timed_out("Barrier.wait after another party's wait timed out"),
}
