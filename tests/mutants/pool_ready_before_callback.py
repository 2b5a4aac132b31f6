"""Bug: an AsyncResult becomes ready before its callback has run, so a caller woken by get()
can race the callback."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class EarlyReadyResult(pool.ApplyResult):
    def _set(self, i, obj):
        self._success, self._value = obj
        self._event.set()  # the bug: ready before the callbacks
        if self._callback and self._success:
            self._callback(self._value)
        if self._error_callback and not self._success:
            self._error_callback(self._value)
        del self._cache[self._job]
        self._pool = None


class EarlyReadyPool(pool.Pool):
    def apply_async(self, *args, **kwargs):
        result = super().apply_async(*args, **kwargs)
        result.__class__ = EarlyReadyResult
        return result


def make_pool(ctx, *args, **kwargs):
    return EarlyReadyPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_callbacks_run_once_in_the_parent_before_results_are_ready":
        violated("ready-before-callback"),
}
