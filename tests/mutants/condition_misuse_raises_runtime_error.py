"""Bug: a Condition ported from threading.Condition checks ownership as threading does, raising
RuntimeError from wait(), notify() and notify_all() on a lock the caller does not hold, where
multiprocessing's Condition raises AssertionError (its checks are ``assert`` statements): code
written for multiprocessing that catches AssertionError misses it."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class ThreadingStyleCondition(synchronize.Condition):
    def _check_owned(self, what):
        if not self._lock._semlock._is_mine():
            raise RuntimeError(f"cannot {what} un-acquired lock")  # the bug: AssertionError

    def wait(self, timeout=None):
        self._check_owned("wait on")
        return super().wait(timeout)

    def notify(self, n=1):
        self._check_owned("notify on")
        return super().notify(n)

    def notify_all(self):
        self._check_owned("notify on")
        return super().notify_all()


def condition(ctx, lock=None):
    return ThreadingStyleCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_use_without_the_lock_raises": violated("raised-other"),
}
