"""Bug: the list proxy's ``append`` reads the whole list, appends locally and writes it all back,
so concurrent appends from other processes are lost."""

from multiprocessing.managers import ListProxy, SyncManager

from tests.mutants.base import mutant, violated


class RewritingListProxy(ListProxy):
    def append(self, item):
        whole = self._callmethod("__getitem__", (slice(None),))
        whole.append(item)
        self._callmethod("__setitem__", (slice(None), whole))


class RewritingManager(SyncManager):
    pass


RewritingManager.register("list", list, RewritingListProxy)


def manager(ctx):
    started = RewritingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_list_operations_are_linearizable":
        violated("not-linearizable"),
}
