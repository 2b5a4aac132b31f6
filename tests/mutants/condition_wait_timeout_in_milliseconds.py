"""Bug: Condition.wait(timeout) hands its timeout to the semaphore as if it were milliseconds
(divided by 1000, as for the millisecond waits of the platform it was ported from), so a timed
wait nobody notifies returns False a thousand times too soon.  The real wait() passes the
timeout, in seconds, to its semaphore's acquire(True, timeout)."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class MillisecondsCondition(synchronize.Condition):
    def wait(self, timeout=None):
        if timeout is not None:
            timeout /= 1000  # the bug: the semaphore's acquire takes seconds
        return super().wait(timeout)


def condition(ctx, lock=None):
    return MillisecondsCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_timed_out_wait_returns_false_holding_the_lock": violated("early"),
}
