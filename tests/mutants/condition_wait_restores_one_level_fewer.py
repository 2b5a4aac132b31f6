"""Bug: Condition.wait() takes the lock back one level fewer than it released (an off-by-one in
the loop that restores the recursion level).  The real wait() restores every level, so that,
as threading documents, the waiter holds the lock after wait() exactly as before it."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class OffByOneCondition(synchronize.Condition):
    def wait(self, timeout=None):
        assert self._lock._semlock._is_mine(), 'must acquire() condition before using wait()'
        self._sleeping_count.release()
        count = self._lock._semlock._count()
        for _ in range(count):
            self._lock.release()
        try:
            return self._wait_semaphore.acquire(True, timeout)
        finally:
            self._woken_count.release()
            for _ in range(1, count):  # the bug: range(count)
                self._lock.acquire()


def condition(ctx, lock=None):
    return OffByOneCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_wait_fully_releases_a_recursive_lock": violated("released-too-soon"),
    "test_condition.py::test_timed_out_wait_returns_false_holding_the_lock":
        violated("lock-free-after-wait"),
}
