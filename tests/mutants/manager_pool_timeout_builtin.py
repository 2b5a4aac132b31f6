"""Bug: the manager Pool's ``AsyncResult.get(timeout)`` raises the builtin ``TimeoutError`` when
the task is still running (the pool module forgot to import multiprocessing's own, and the name
resolves to the builtin, an OSError).  The real pool raises ``multiprocessing.TimeoutError``."""

from multiprocessing import pool
from multiprocessing.managers import PoolProxy, SyncManager

from tests.mutants.base import mutant, violated


class BuiltinTimeoutResult(pool.ApplyResult):
    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise TimeoutError  # the bug: the builtin, not multiprocessing.TimeoutError
        if self._success:
            return self._value
        raise self._value


class BuiltinTimeoutPool(pool.Pool):
    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = BuiltinTimeoutResult(self, callback, error_callback)
        self._taskqueue.put(([(result._job, 0, func, args, kwds)], None))
        return result


class BuiltinTimeoutManager(SyncManager):
    pass


BuiltinTimeoutManager.register("Pool", BuiltinTimeoutPool, PoolProxy)


def manager(ctx):
    started = BuiltinTimeoutManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_a_manager_pool_runs_tasks_in_its_workers":
        violated("raised-other"),
}
