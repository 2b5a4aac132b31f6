"""Bug: Condition.wait() releases a recursively held RLock only one level, as if it were a
Lock, so other processes still cannot acquire it while the waiter waits."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class OneLevelCondition(synchronize.Condition):
    def wait(self, timeout=None):
        assert self._lock._semlock._is_mine(), 'must acquire() condition before using wait()'
        self._sleeping_count.release()
        self._lock.release()  # the bug: CPython releases it _semlock._count() times
        try:
            return self._wait_semaphore.acquire(True, timeout)
        finally:
            self._woken_count.release()
            self._lock.acquire()


def condition(ctx, lock=None):
    return OneLevelCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_wait_fully_releases_a_recursive_lock": violated("kept-during-wait"),
}
