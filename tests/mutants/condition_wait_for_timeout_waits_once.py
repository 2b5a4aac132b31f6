"""Bug: Condition.wait_for(predicate, timeout) loops while the predicate is false only when no
timeout is given; with a timeout it waits once and returns the predicate's value, so a
notification that leaves the predicate false ends it long before the timeout.  The real
wait_for() waits again, for the time left, until the predicate holds or the timeout has
passed."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class OnceWhenTimedCondition(synchronize.Condition):
    def wait_for(self, predicate, timeout=None):
        if timeout is None:
            return super().wait_for(predicate)
        result = predicate()
        if not result:
            self.wait(timeout)  # the bug: CPython loops on the time left while it is false
            result = predicate()
        return result


def condition(ctx, lock=None):
    return OnceWhenTimedCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_wait_for_returns_only_when_the_predicate_holds": violated("early"),
}
