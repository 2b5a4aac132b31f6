"""Bug: ``Pool.__enter__`` returns the pool without checking that it is still running (as
CPython's did before 3.8), so a with statement on a pool that was terminated (or closed) goes
ahead and binds a pool that refuses all work.  The real __enter__ raises ValueError ("Pool not
running") for an ended pool."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class UncheckedEnterPool(pool.Pool):
    def __enter__(self):
        return self  # the bug: no self._check_running()


def make_pool(ctx, *args, **kwargs):
    return UncheckedEnterPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_a_with_block_terminates_the_pool": violated("returned"),
}
