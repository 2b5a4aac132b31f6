"""Bug: the Namespace proxy forwards attribute reads (``__getattr__``) but defines no
``__setattr__`` or ``__delattr__``, so setting or deleting an attribute acts on the proxy object
itself: the shared namespace never gets the write, and neither ``str()`` nor another process's
proxy shows it.  The real NamespaceProxy forwards writes and deletes of every attribute whose
name does not start with '_'."""

from multiprocessing.managers import BaseProxy, Namespace, SyncManager

from tests.mutants.base import mutant, violated


class ReadOnlyForwardingNamespaceProxy(BaseProxy):
    _exposed_ = ("__getattribute__", "__setattr__", "__delattr__")

    def __getattr__(self, key):
        if key[0] == "_":
            return object.__getattribute__(self, key)
        return object.__getattribute__(self, "_callmethod")("__getattribute__", (key,))


class ReadOnlyForwardingManager(SyncManager):
    pass


ReadOnlyForwardingManager.register("Namespace", Namespace, ReadOnlyForwardingNamespaceProxy)


def manager(ctx):
    started = ReadOnlyForwardingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    # Under fork the reader inherits the parent's proxy, and with it the attribute set on it.
    "test_manager_containers.py::test_namespace_attributes_can_be_set_read_and_deleted":
        violated("shown-otherwise", "unseen"),
    "test_manager_containers.py::test_namespace_private_attributes_stay_in_the_proxy":
        violated("public-unseen"),
}
