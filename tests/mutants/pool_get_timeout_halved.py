"""Bug: AsyncResult.wait(timeout) and get(timeout) convert the timeout with the wrong unit and
give up halfway."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class HalfTimeoutResult(pool.ApplyResult):
    def wait(self, timeout=None):
        return super().wait(timeout / 2 if timeout else timeout)


class HalfTimeoutPool(pool.Pool):
    def apply_async(self, *args, **kwargs):
        result = super().apply_async(*args, **kwargs)
        result.__class__ = HalfTimeoutResult
        return result


def make_pool(ctx, *args, **kwargs):
    return HalfTimeoutPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_async_results_report_their_state_until_the_task_finishes":
        violated("early"),
}
