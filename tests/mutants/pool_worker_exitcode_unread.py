"""Bug: the pool's workers report no exit code until join() has been called on them (a cached
value), so the pool never notices that a worker died and never replaces it."""

from multiprocessing import pool

from tests.mutants.base import mutant, process_of, timed_out


class ExitcodeAfterJoin:
    @property
    def exitcode(self):
        return getattr(self, "_joined_exitcode", None)

    def join(self, timeout=None):
        super().join(timeout)
        self._joined_exitcode = super().exitcode


class UnreplacingPool(pool.Pool):
    Process = staticmethod(process_of(ExitcodeAfterJoin, globals()))


def make_pool(ctx, *args, **kwargs):
    return UnreplacingPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_a_worker_that_dies_mid_task_is_replaced":
        timed_out("Pool.apply_async after a worker died"),
    "test_pool.py::test_a_failing_initializer_keeps_tasks_from_ever_running":
        timed_out("three replaced workers*"),
}
