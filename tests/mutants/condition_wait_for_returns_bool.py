"""Bug: Condition.wait_for() returns True once the predicate holds (and False on timeout)
instead of the predicate's last value, as if it reported only whether the wait succeeded.
The real wait_for() returns the predicate's last return value (threading: "The return value
is the last return value of the predicate")."""

import time
from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class BoolWaitForCondition(synchronize.Condition):
    def wait_for(self, predicate, timeout=None):
        endtime = None if timeout is None else time.monotonic() + timeout
        waittime = None
        while not predicate():
            if endtime is not None:
                waittime = endtime - time.monotonic()
                if waittime <= 0:
                    return False
            self.wait(waittime)
        return True  # the bug: CPython returns the predicate's value itself


def condition(ctx, lock=None):
    return BoolWaitForCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_wait_for_returns_only_when_the_predicate_holds":
        violated("wrong-value"),
}
