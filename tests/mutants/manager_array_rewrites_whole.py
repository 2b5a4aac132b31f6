"""Bug: the Array proxy's item assignment reads the whole array, changes the item locally and
writes the whole array back, undoing other processes' concurrent writes to other items."""

from multiprocessing.managers import Array, ArrayProxy, SyncManager

from tests.mutants.base import mutant, violated


class RewritingArrayProxy(ArrayProxy):
    def __setitem__(self, index, value):
        whole = self._callmethod("__getitem__", (slice(None),))
        whole[index] = value
        self._callmethod("__setitem__", (slice(None), whole))


class RewritingManager(SyncManager):
    pass


RewritingManager.register("Array", Array, RewritingArrayProxy)


def manager(ctx):
    started = RewritingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_array_items_are_linearizable": violated("not-linearizable"),
}
