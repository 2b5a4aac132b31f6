"""Bug: the workers started to replace those that retired after maxtasksperchild tasks are
started without the initializer (only the pool's first workers get it), so the tasks they run
find the worker uninitialized.  The real pool gives every worker it starts, replacements
included, the initializer and initargs."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class ForgetfulReplacementPool(pool.Pool):
    def Process(self, ctx, *args, **kwds):
        self._workers_started = getattr(self, "_workers_started", 0) + 1
        if self._workers_started > self._processes:  # a replacement
            inqueue, outqueue, _, _, maxtasks, wrap_exception = kwds["args"]
            kwds["args"] = (inqueue, outqueue, None, (), maxtasks, wrap_exception)  # the bug
        return ctx.Process(*args, **kwds)


def make_pool(ctx, *args, **kwargs):
    return ForgetfulReplacementPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_initializer_runs_once_per_worker_and_workers_retire_after_maxtasks":
        violated("task-before-initializer"),
}
