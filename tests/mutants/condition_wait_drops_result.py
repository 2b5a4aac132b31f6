"""Bug: Condition.wait() waits on its semaphore but drops the result instead of returning it,
so every wait() returns None: neither True when notified nor False when it timed out.  The
real wait() returns what the semaphore's acquire(True, timeout) returned."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class ResultlessCondition(synchronize.Condition):
    def wait(self, timeout=None):
        assert self._lock._semlock._is_mine(), 'must acquire() condition before using wait()'
        self._sleeping_count.release()
        count = self._lock._semlock._count()
        for _ in range(count):
            self._lock.release()
        try:
            self._wait_semaphore.acquire(True, timeout)  # the bug: CPython returns this
        finally:
            self._woken_count.release()
            for _ in range(count):
                self._lock.acquire()


def condition(ctx, lock=None):
    return ResultlessCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_notify_n_wakes_n_then_notify_all_wakes_the_rest":
        violated("not-true"),
    "test_condition.py::test_wait_fully_releases_a_recursive_lock": violated("not-true"),
    "test_condition.py::test_timed_out_wait_returns_false_holding_the_lock": violated("not-false"),
}
