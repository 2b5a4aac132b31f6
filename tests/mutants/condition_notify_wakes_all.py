"""Bug: Condition.notify(n) ignores n and wakes every waiter, like notify_all()."""

import sys
from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class WakeAllCondition(synchronize.Condition):
    def notify(self, n=1):
        super().notify(sys.maxsize)  # the bug: n is not passed on


def condition(ctx, lock=None):
    return WakeAllCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_notify_n_wakes_n_then_notify_all_wakes_the_rest":
        violated("beyond-n"),
}
