"""Bug: wait(), notify() and notify_all() on a Condition whose lock the caller does not hold
raise RuntimeError, as threading.Condition does, instead of failing the ownership assertion
(AssertionError) as the real multiprocessing Condition does."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class ThreadingChecksCondition(synchronize.Condition):
    def _check_owned(self, what):
        if not self._lock._semlock._is_mine():
            raise RuntimeError(f"cannot {what} on un-acquired lock")

    def wait(self, timeout=None):
        self._check_owned("wait")
        return super().wait(timeout)

    def notify(self, n=1):  # notify_all() calls notify()
        self._check_owned("notify")
        return super().notify(n)


def condition(ctx, lock=None):
    return ThreadingChecksCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_use_without_the_lock_raises": violated("raised-other"),
}
