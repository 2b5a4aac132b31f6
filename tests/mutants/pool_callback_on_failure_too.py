"""Bug: apply_async()'s result calls callback whenever one was given, also for a task that
raised (with the exception), and then error_callback too: a failed task gets two callbacks, one
of them the wrong one.  The real AsyncResult calls callback only on success and error_callback
only on failure."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class BothCallbacksResult(pool.ApplyResult):
    def _set(self, i, obj):
        self._success, self._value = obj
        if self._callback:  # the bug: `and self._success` is missing
            self._callback(self._value)
        if self._error_callback and not self._success:
            self._error_callback(self._value)
        self._event.set()
        del self._cache[self._job]
        self._pool = None


class BothCallbacksPool(pool.Pool):
    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = BothCallbacksResult(self, callback, error_callback)
        self._taskqueue.put(([(result._job, 0, func, args, kwds)], None))
        return result


def make_pool(ctx, *args, **kwargs):
    return BothCallbacksPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_callbacks_run_once_in_the_parent_before_results_are_ready":
        violated("callback-count", "wrong-callback"),
}
