"""Bug: Condition.wait() on an RLock takes the lock back once and then re-enters it as many
times as the recursion level it saved (an off-by-one: one of those levels is the first
acquire), so the waiter comes back holding one level more than it had: after it releases
every level it took, the lock is still held, and stays held after the process ends.  On a
plain Lock, which has no recursion level, the lock is taken back once, correctly.  The real
wait() restores exactly the saved level (threading: "restore the recursion level")."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class ExtraLevelCondition(synchronize.Condition):
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
            self._lock.acquire()
            if isinstance(self._lock, synchronize.RLock):
                for _ in range(count):  # the bug: range(count - 1) after the first acquire
                    self._lock.acquire()


def condition(ctx, lock=None):
    return ExtraLevelCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_wait_fully_releases_a_recursive_lock": violated("still-held"),
    "test_condition.py::test_timed_out_wait_returns_false_holding_the_lock":
        violated("still-held"),
}
