"""Bug: Condition.wait(timeout) builds its deadline from the whole seconds of the timeout only
(the fractional part, a timespec's nanoseconds, is dropped), so a timeout under a second
expires at once and wait() returns False early; the real implementation waits the full
timeout."""

import math

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class WholeSecondsCondition(synchronize.Condition):
    def wait(self, timeout=None):
        if timeout is not None:
            timeout = float(math.trunc(timeout))  # the bug: the fraction of a second is lost
        return super().wait(timeout)


def condition(ctx, lock=None):
    return WholeSecondsCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_timed_out_wait_returns_false_holding_the_lock": violated("early"),
}
