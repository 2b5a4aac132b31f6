"""Bug: apply_async()'s result leaves its callbacks to whoever waits for it: the result handler
only stores the outcome, and the first wait() or get() that finds it there runs callback or
error_callback, in the waiting thread (the main thread, as a rule), then marks the result
ready.  The real pool runs the callbacks in its result-handler thread as each result
arrives."""

import threading
from multiprocessing import pool

from tests.mutants.base import mutant, violated


class WaiterRunsCallbacksResult(pool.ApplyResult):
    def __init__(self, *args, **kwargs):
        self._arrived, self._delivering = threading.Event(), threading.Lock()
        super().__init__(*args, **kwargs)

    def _set(self, i, obj):
        self._success, self._value = obj
        self._arrived.set()  # the bug: the callbacks are left to the waiter
        del self._cache[self._job]
        self._pool = None

    def wait(self, timeout=None):
        self._arrived.wait(timeout)
        with self._delivering:
            if self._arrived.is_set() and not self._event.is_set():
                if self._callback and self._success:
                    self._callback(self._value)
                if self._error_callback and not self._success:
                    self._error_callback(self._value)
                self._event.set()


class WaiterCallbackPool(pool.Pool):
    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = WaiterRunsCallbacksResult(self, callback, error_callback)
        self._taskqueue.put(([(result._job, 0, func, args, kwds)], None))
        return result


def make_pool(ctx, *args, **kwargs):
    return WaiterCallbackPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_callbacks_run_once_in_the_parent_before_results_are_ready":
        violated("main-thread"),
}
