"""Bug: the manager Pool's ``AsyncResult.get()`` returns what the task left without checking
whether it succeeded, so the exception a failed task raised is returned as its result instead of
being re-raised.  The real ``ApplyResult.get`` raises the stored exception when ``_success`` is
false."""

from multiprocessing import TimeoutError, pool
from multiprocessing.managers import PoolProxy, SyncManager

from tests.mutants.base import mutant, violated


class UncheckedResult(pool.ApplyResult):
    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise TimeoutError
        return self._value  # the bug: self._success is not looked at


class UncheckedPool(pool.Pool):
    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = UncheckedResult(self, callback, error_callback)
        self._taskqueue.put(([(result._job, 0, func, args, kwds)], None))
        return result


class UncheckedManager(SyncManager):
    pass


UncheckedManager.register("Pool", UncheckedPool, PoolProxy)


def manager(ctx):
    started = UncheckedManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_a_manager_pool_runs_tasks_in_its_workers":
        violated("returned"),
}
