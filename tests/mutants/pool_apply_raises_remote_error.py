"""Bug: ``Pool.apply()`` reports a failed task the way a manager proxy's method call reports a
remote exception: it raises ``multiprocessing.managers.RemoteError`` carrying the worker's
formatted traceback, instead of the task's own exception.  The real apply() is
``apply_async(...).get()``, which re-raises the task's exception (the worker's traceback as its
cause)."""

import traceback
from multiprocessing import managers, pool

from tests.mutants.base import mutant, violated


class RemoteErrorApplyPool(pool.Pool):
    def apply(self, func, args=(), kwds={}):
        try:
            return self.apply_async(func, args, kwds).get()
        except Exception as exc:  # the bug: the task's exception is not re-raised as it is
            raise managers.RemoteError("".join(traceback.format_exception(exc))) from None


def make_pool(ctx, *args, **kwargs):
    return RemoteErrorApplyPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_callbacks_run_once_in_the_parent_before_results_are_ready":
        violated("raised-other"),
}
