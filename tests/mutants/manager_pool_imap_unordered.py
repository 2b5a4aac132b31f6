"""Bug: the Pool proxy forwards ``imap`` to the pool's ``imap_unordered``, so its results come in
the order the tasks finish instead of the order of their inputs."""

from multiprocessing import pool
from multiprocessing.managers import PoolProxy, SyncManager

from tests.mutants.base import mutant, violated


class UnorderedPoolProxy(PoolProxy):
    def imap(self, *args, **kwds):
        return self._callmethod("imap_unordered", args, kwds)


class UnorderedManager(SyncManager):
    pass


UnorderedManager.register("Pool", pool.Pool, UnorderedPoolProxy)


def manager(ctx):
    started = UnorderedManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_a_manager_pool_runs_tasks_in_its_workers":
        violated("wrong-results"),
}
