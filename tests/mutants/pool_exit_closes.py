"""Bug: leaving a pool's with block calls close() instead of terminate(), so outstanding work
goes on after the block."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class ClosingPool(pool.Pool):
    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()  # the bug


def make_pool(ctx, *args, **kwargs):
    return ClosingPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_a_with_block_terminates_the_pool": violated("workers-alive"),
}
