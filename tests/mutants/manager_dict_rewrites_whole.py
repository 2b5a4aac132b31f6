"""Bug: the dict proxy's ``__setitem__`` reads the whole dict, changes it locally and writes it
all back, so concurrent writers overwrite each other's keys."""

from multiprocessing.managers import DictProxy, SyncManager

from tests.mutants.base import mutant, violated


class RewritingDictProxy(DictProxy):
    def __setitem__(self, key, value):
        whole = self._callmethod("copy")
        whole[key] = value
        self._callmethod("clear")
        self._callmethod("update", (whole,))


class RewritingManager(SyncManager):
    pass


RewritingManager.register("dict", dict, RewritingDictProxy)


def manager(ctx):
    started = RewritingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_dict.py::test_every_workers_write_is_reflected": violated("lost"),
    "test_manager_dict.py::test_concurrent_writes_leave_a_last_written_value":
        violated("stale-or-lost"),
    "test_manager_dict.py::test_dict_operations_are_linearizable": violated("not-linearizable"),
}
