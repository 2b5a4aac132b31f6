"""Bug: deleting a Namespace attribute through the proxy sets it to None instead."""

from multiprocessing.managers import Namespace, NamespaceProxy, SyncManager

from tests.mutants.base import mutant, violated


class NoneOnDeleteNamespaceProxy(NamespaceProxy):
    def __delattr__(self, key):
        if key[0] == "_":
            return object.__delattr__(self, key)
        return self._callmethod("__setattr__", (key, None))


class NoneOnDeleteManager(SyncManager):
    pass


NoneOnDeleteManager.register("Namespace", Namespace, NoneOnDeleteNamespaceProxy)


def manager(ctx):
    started = NoneOnDeleteManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_namespace_attributes_can_be_set_read_and_deleted":
        violated("still-there"),
}
