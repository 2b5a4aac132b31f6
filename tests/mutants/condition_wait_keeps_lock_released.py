"""Bug: Condition.wait() releases the lock but never acquires it again before returning."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class NoReacquireCondition(synchronize.Condition):
    def wait(self, timeout=None):
        assert self._lock._semlock._is_mine(), 'must acquire() condition before using wait()'
        self._sleeping_count.release()
        for _ in range(self._lock._semlock._count()):
            self._lock.release()
        try:
            return self._wait_semaphore.acquire(True, timeout)
        finally:
            self._woken_count.release()
            # the bug: CPython re-acquires the lock here, as many times as it released it


def condition(ctx, lock=None):
    return NoReacquireCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_timed_out_wait_returns_false_holding_the_lock":
        violated("lock-free-after-wait"),
    "test_condition.py::test_notified_waiter_returns_after_notifier_releases": violated("raised"),
    "test_condition.py::test_wait_fully_releases_a_recursive_lock": violated("raised"),
}
