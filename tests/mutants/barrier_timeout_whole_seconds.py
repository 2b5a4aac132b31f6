"""Bug: wait() rounds its timeout down to whole seconds (int(timeout), as for a deadline built
from seconds only), so a timeout under a second expires at once and breaks the barrier early
(threading's wait() waits the timeout as given, a float)."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class WholeSecondsBarrier(synchronize.Barrier):
    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        if timeout is not None:
            timeout = int(timeout)  # the bug: the fraction of a second is dropped
        return super().wait(timeout)


def barrier(ctx, parties, action=None, timeout=None):
    return WholeSecondsBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_wait_timeout_breaks_the_barrier_for_every_party": violated("early"),
}
