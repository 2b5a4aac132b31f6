"""Bug: the manager's Array reports ``len()`` in bytes — the size of its buffer, as
``ctypes.sizeof`` would give it — rather than in items, so an ``Array('i', [1, 2, 3])`` proxy
has a length of 12.  The real referent is an ``array.array``, whose ``len()`` counts items."""

import array

from multiprocessing.managers import ArrayProxy, SyncManager

from tests.mutants.base import mutant, violated


class ByteSizedArray(array.array):
    def __len__(self):
        return self.buffer_info()[1] * self.itemsize


def byte_sized_array(typecode, sequence, lock=True):
    return ByteSizedArray(typecode, sequence)


class ByteSizedManager(SyncManager):
    pass


ByteSizedManager.register("Array", byte_sized_array, ArrayProxy)


def manager(ctx):
    started = ByteSizedManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_array_proxy_is_a_shared_array": violated("misread"),
    "test_manager_containers.py::test_a_manager_offers_every_shared_type": violated("misbehaved"),
}
