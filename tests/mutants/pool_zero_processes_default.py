"""Bug: Pool(0) is taken as "the default number of workers" instead of being refused."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


def make_pool(ctx, processes=None, *args, **kwargs):
    return pool.Pool(processes or None, *args, context=ctx, **kwargs)  # the bug


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_pool_arguments_and_misuse_are_refused": violated("returned"),
}
