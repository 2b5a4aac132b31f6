"""Bug: a worker whose initializer raises prints the error and goes on to take tasks, as if
initialization had succeeded.  The real worker lets the error end it (the pool replaces it),
so a task never runs in a worker that failed to initialize."""

import traceback
from multiprocessing import pool

from tests.mutants.base import mutant, violated


class Swallowing:
    """The initializer, with its error caught (picklable, for spawned workers)."""

    def __init__(self, initializer):
        self.initializer = initializer

    def __call__(self, *initargs):
        try:
            self.initializer(*initargs)
        except Exception:
            traceback.print_exc()  # the bug: the worker carries on


class SwallowingPool(pool.Pool):
    def __init__(self, processes=None, initializer=None, initargs=(), *args, **kwargs):
        if initializer is not None:
            initializer = Swallowing(initializer)
        super().__init__(processes, initializer, initargs, *args, **kwargs)


def make_pool(ctx, *args, **kwargs):
    return SwallowingPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_a_failing_initializer_keeps_tasks_from_ever_running": violated("ran"),
}
