"""Bug: Condition.wait_for() waits once and returns whatever the predicate then says, instead of
waiting again while it is false."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class WaitOnceCondition(synchronize.Condition):
    def wait_for(self, predicate, timeout=None):
        result = predicate()
        if not result:
            self.wait(timeout)  # the bug: CPython loops until the predicate holds or time is up
            result = predicate()
        return result


def condition(ctx, lock=None):
    return WaitOnceCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_wait_for_returns_only_when_the_predicate_holds":
        violated("returned-while-false"),
}
