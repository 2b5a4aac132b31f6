"""Bug: ``AsyncResult.successful()`` answers ``self.ready() and self._success``: a result that
is not ready yet says False (not successful) instead of refusing the question.  The real
successful() raises ValueError while the result is not ready."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class FalseUntilReadyResult(pool.ApplyResult):
    def successful(self):
        return self.ready() and self._success  # the bug: no ValueError while not ready


class FalseUntilReadyPool(pool.Pool):
    def apply_async(self, *args, **kwargs):
        result = super().apply_async(*args, **kwargs)
        result.__class__ = FalseUntilReadyResult
        return result


def make_pool(ctx, *args, **kwargs):
    return FalseUntilReadyPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_async_results_report_their_state_until_the_task_finishes":
        violated("returned"),
}
