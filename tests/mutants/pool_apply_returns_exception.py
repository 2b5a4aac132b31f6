"""Bug: ``Pool.apply()`` waits for its task and returns the value the result holds without
looking at whether the task succeeded, so a failed task's exception is returned instead of
raised.  The real apply() is ``apply_async(...).get()``, which re-raises the task's
exception."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class ReturningApplyPool(pool.Pool):
    def apply(self, func, args=(), kwds={}):
        result = self.apply_async(func, args, kwds)
        result.wait()
        return result._value  # the bug: result._success is never looked at


def make_pool(ctx, *args, **kwargs):
    return ReturningApplyPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_callbacks_run_once_in_the_parent_before_results_are_ready":
        violated("returned"),
}
