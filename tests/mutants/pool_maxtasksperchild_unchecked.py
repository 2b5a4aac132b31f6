"""Bug: Pool() takes maxtasksperchild as it comes, unchecked (as CPython did before 3.10): a
pool with a worthless value is made, and its workers die at start."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class UncheckedPool(pool.Pool):
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        super().__init__(processes, initializer, initargs, None, context)
        self._maxtasksperchild = maxtasksperchild  # the bug: never checked


def make_pool(ctx, *args, **kwargs):
    return UncheckedPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_pool_refuses_a_maxtasksperchild_that_is_not_a_positive_int":
        violated("returned"),
}
