"""Bug: the dict proxy batches item assignments, sending them to the server 16 at a time in
one ``update()`` to save round trips, and reads do not send the pending batch first: a process
does not read what it has just written.  The real proxy's ``d[k] = v`` has happened in the
server once it returns."""

from multiprocessing.managers import DictProxy, SyncManager

from tests.mutants.base import mutant, violated

BATCH = 16  # assignments per message


class BatchingDictProxy(DictProxy):
    def __setitem__(self, key, value):
        batch = self.__dict__.setdefault("_batch", {})
        batch[key] = value
        if len(batch) >= BATCH:
            self._callmethod("update", (self.__dict__.pop("_batch"),))


class BatchingManager(SyncManager):
    pass


BatchingManager.register("dict", dict, BatchingDictProxy)


def manager(ctx):
    started = BatchingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_manager_returns_a_started_manager": violated("not-served"),
}
