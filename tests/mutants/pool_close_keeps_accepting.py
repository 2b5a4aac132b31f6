"""Bug: a closed pool still accepts new work: only a terminated one refuses it."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class AcceptingPool(pool.Pool):
    def _check_running(self):
        if self._state == pool.TERMINATE:  # the bug: CLOSE is let through
            raise ValueError("Pool not running")


def make_pool(ctx, *args, **kwargs):
    return AcceptingPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_close_join_and_terminate_end_a_pool_as_documented": violated("returned"),
}
