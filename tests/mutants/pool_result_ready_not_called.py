"""Bug: AsyncResult.ready() returns the event's ``is_set`` method instead of calling it (the
parentheses are missing), so it is truthy before the task has finished and is never True;
get(), wait() and successful() look at the event themselves and work.  The real ready()
returns ``self._event.is_set()``, a bool."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class UncalledReadyResult(pool.ApplyResult):
    def ready(self):
        return self._event.is_set  # the bug: not called

    def successful(self):
        if not self._event.is_set():
            raise ValueError(f"{self!r} not ready")
        return self._success

    def get(self, timeout=None):
        if not self._event.wait(timeout):
            raise pool.TimeoutError
        if self._success:
            return self._value
        raise self._value


class UncalledReadyPool(pool.Pool):
    def apply_async(self, *args, **kwargs):
        result = super().apply_async(*args, **kwargs)
        result.__class__ = UncalledReadyResult
        return result


def make_pool(ctx, *args, **kwargs):
    return UncalledReadyPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_async_results_report_their_state_until_the_task_finishes":
        violated("ready-early", "wrong-result"),
}
