"""Bug: Condition.wait_for() computes its end time on time.monotonic() but the time left on
time.time() (half of a migration between the two clocks), so the time left is negative at
once and a wait_for with a timeout returns the predicate's false value without waiting; the
real implementation measures both on time.monotonic()."""

import time

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class MixedClocksCondition(synchronize.Condition):
    def wait_for(self, predicate, timeout=None):
        result = predicate()
        if result:
            return result
        if timeout is not None:
            endtime = time.monotonic() + timeout
        else:
            endtime = None
            waittime = None
        while not result:
            if endtime is not None:
                waittime = endtime - time.time()  # the bug: another clock than endtime's
                if waittime <= 0:
                    break
            self.wait(waittime)
            result = predicate()
        return result


def condition(ctx, lock=None):
    return MixedClocksCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_wait_for_returns_only_when_the_predicate_holds": violated("early"),
}
