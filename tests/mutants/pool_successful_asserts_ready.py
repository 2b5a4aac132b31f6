"""Bug: ``AsyncResult.successful()`` of a result that is not ready fails its ``assert
self.ready()`` (as CPython's did up to 3.6), raising AssertionError.  The real successful()
raises ValueError for a result that is not ready (changed in Python 3.7)."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class AssertingResult(pool.ApplyResult):
    def successful(self):
        assert self.ready()  # the bug: not a ValueError
        return self._success


class AssertingResultPool(pool.Pool):
    def apply_async(self, *args, **kwargs):
        result = super().apply_async(*args, **kwargs)
        result.__class__ = AssertingResult
        return result


def make_pool(ctx, *args, **kwargs):
    return AssertingResultPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_async_results_report_their_state_until_the_task_finishes":
        violated("raised-other"),
}
