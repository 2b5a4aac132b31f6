"""Bug: the manager's Array is a plain list: the typecode is ignored, so slices are lists and
elements of any type are accepted."""

from multiprocessing.managers import ArrayProxy, SyncManager

from tests.mutants.base import mutant, violated


def list_array(typecode, sequence, lock=True):
    return list(sequence)


class ListArrayManager(SyncManager):
    pass


ListArrayManager.register("Array", list_array, ArrayProxy)


def manager(ctx):
    started = ListArrayManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_array_proxy_is_a_shared_array": violated("returned"),
}
