"""Bug: Condition.notify() posts a wake-up whether or not anyone waits (a semaphore, not a
condition), so a later wait() returns True at once although nobody notified it."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class RememberingCondition(synchronize.Condition):
    def notify(self, n=1):
        assert self._lock._semlock._is_mine(), 'lock is not owned'
        self._wait_semaphore.release()  # the bug: CPython wakes only counted sleepers


def condition(ctx, lock=None):
    return RememberingCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_timed_out_wait_returns_false_holding_the_lock": violated("not-false"),
}
