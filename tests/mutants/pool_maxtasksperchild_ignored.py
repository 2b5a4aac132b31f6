"""Bug: the pool accepts maxtasksperchild but never passes it to its workers, so they serve
for ever."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


def make_pool(ctx, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
    return pool.Pool(processes, initializer, initargs, None, context=ctx)  # the bug


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_initializer_runs_once_per_worker_and_workers_retire_after_maxtasks":
        violated("overstayed"),
}
