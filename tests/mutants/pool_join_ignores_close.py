"""Bug: join() waits only for a terminated pool: it tests the state for TERMINATE where it
should accept CLOSE as well, so after close() it returns at once, while submitted tasks still
run and the workers live on.  The real join() waits, after close() or terminate(), for the
handler threads and every worker to exit."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class ImpatientPool(pool.Pool):
    def join(self):
        if self._state == pool.RUN:
            raise ValueError("Pool is still running")
        if self._state == pool.TERMINATE:  # the bug: a closed pool is not waited for
            super().join()


def make_pool(ctx, *args, **kwargs):
    return ImpatientPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_close_join_and_terminate_end_a_pool_as_documented":
        violated("join-before-done", "workers-alive"),
}
