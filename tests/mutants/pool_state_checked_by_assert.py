"""Bug: the pool checks its own state with assert statements, as Python 2.7's pool did
(``assert self._state == RUN`` in apply_async(), map_async(), imap() ...; ``assert self._state
in (CLOSE, TERMINATE)`` in join()): work given to a pool that is closed or terminated, a with
statement on an ended pool, and join() of a running pool raise AssertionError.  The real pool
raises ValueError ("Pool not running", "Pool is still running")."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class AssertingPool(pool.Pool):
    def _check_running(self):
        assert self._state == pool.RUN  # the bug: not a ValueError

    def join(self):
        assert self._state in (pool.CLOSE, pool.TERMINATE)  # the bug: not a ValueError
        self._worker_handler.join()
        self._task_handler.join()
        self._result_handler.join()
        for p in self._pool:
            p.join()


def make_pool(ctx, *args, **kwargs):
    return AssertingPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_a_with_block_terminates_the_pool": violated("raised-other"),
    "test_pool.py::test_close_join_and_terminate_end_a_pool_as_documented":
        violated("raised-other"),
    "test_pool.py::test_pool_arguments_and_misuse_are_refused": violated("raised-other"),
}
