"""Bug: the manager's Array is a ctypes array of the typecode's C type (as ``ctx.Array``
builds), not an ``array.array``: its elements are still checked, but a slice is a plain list.
The real referent is an ``array.array``, whose slices are ``array.array`` copies."""

from multiprocessing.managers import ArrayProxy, SyncManager
from multiprocessing.sharedctypes import typecode_to_type

from tests.mutants.base import mutant, violated


def ctypes_array(typecode, sequence, lock=True):
    items = list(sequence)
    return (typecode_to_type[typecode] * len(items))(*items)


class CtypesArrayManager(SyncManager):
    pass


CtypesArrayManager.register("Array", ctypes_array, ArrayProxy)


def manager(ctx):
    started = CtypesArrayManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_array_proxy_is_a_shared_array":
        violated("slice-not-array"),
}
