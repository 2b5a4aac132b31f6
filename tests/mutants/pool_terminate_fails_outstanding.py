"""Bug: terminate() settles every outstanding result with an error (a "Terminated" exception,
as some drop-in pools do), so results of discarded tasks become ready although their tasks
never finished.  The real terminate() discards outstanding work: its results never become
ready."""

import contextlib
from multiprocessing import pool

from tests.mutants.base import mutant, violated


class Terminated(Exception):
    """What an outstanding task's result holds after terminate()."""


class SettlingPool(pool.Pool):
    def terminate(self):
        outstanding = [result for result in list(self._cache.values())
                       if isinstance(result, pool.ApplyResult) and not result.ready()]
        super().terminate()
        for result in outstanding:  # the bug: discarded work reported as finished
            result._success, result._value = False, Terminated("the pool was terminated")
            if result._error_callback:
                result._error_callback(result._value)
            result._event.set()
            with contextlib.suppress(KeyError):
                del self._cache[result._job]


def make_pool(ctx, *args, **kwargs):
    return SettlingPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_close_join_and_terminate_end_a_pool_as_documented":
        violated("finished-after-terminate"),
}
