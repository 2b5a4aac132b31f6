"""Bug: the manager's Array keeps its items in a list and checks an assigned element against
the typecode only after storing it: the assignment raises TypeError, but the element stays.
The real referent, an ``array.array``, refuses the element before changing anything."""

import array

from multiprocessing.managers import ArrayProxy, SyncManager

from tests.mutants.base import mutant, violated


class CheckedArray:
    def __init__(self, typecode, sequence):
        self.typecode = typecode
        self._items = list(array.array(typecode, sequence))

    def __len__(self):
        return len(self._items)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return array.array(self.typecode, self._items[index])
        return self._items[index]

    def __setitem__(self, index, value):
        self._items[index] = value
        array.array(self.typecode, value if isinstance(index, slice) else [value])  # the check


def checked_array(typecode, sequence, lock=True):
    return CheckedArray(typecode, sequence)


class CheckedArrayManager(SyncManager):
    pass


CheckedArrayManager.register("Array", checked_array, ArrayProxy)


def manager(ctx):
    started = CheckedArrayManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_array_proxy_is_a_shared_array":
        violated("refused-write-kept"),
}
