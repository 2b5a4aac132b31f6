"""Bug: besides running once in each new worker, the initializer is applied in the wrapper of
every task submitted with apply_async()."""

import functools
from multiprocessing import pool

from tests.mutants.base import mutant, violated


def initialize_then(initializer, initargs, func, *args, **kwargs):
    initializer(*initargs)
    return func(*args, **kwargs)


class PerTaskInitializerPool(pool.Pool):
    def __init__(self, processes=None, initializer=None, initargs=(), *args, **kwargs):
        self._per_task = (initializer, initargs)
        super().__init__(processes, initializer, initargs, *args, **kwargs)

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        initializer, initargs = self._per_task
        if initializer is not None:
            func = functools.partial(initialize_then, initializer, initargs, func)
        return super().apply_async(func, args, kwds, callback, error_callback)


def make_pool(ctx, *args, **kwargs):
    return PerTaskInitializerPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_initializer_runs_once_per_worker_and_workers_retire_after_maxtasks":
        violated("initializer-repeated"),
}
