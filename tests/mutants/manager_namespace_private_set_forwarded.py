"""Bug: the Namespace proxy decides which attributes are its own with two different tests:
``__getattr__`` keeps every name starting with '_' local, but ``__setattr__`` keeps only
dunder names local and forwards the rest — so ``ns._private = 2`` goes to the shared namespace
and reading ``ns._private`` back through the same proxy raises AttributeError.  The real
NamespaceProxy keeps every '_' attribute on the proxy, for reads and writes alike."""

from multiprocessing.managers import Namespace, NamespaceProxy, SyncManager

from tests.mutants.base import mutant, violated


# What BaseProxy keeps on itself.
PROXY_ATTRIBUTES = frozenset({"_tls", "_idset", "_token", "_id", "_manager", "_serializer",
                              "_Client", "_owned_by_manager", "_authkey", "_close", "_isauto"})


class SplitNamespaceProxy(NamespaceProxy):
    def __setattr__(self, key, value):
        if key.startswith("__") or key in PROXY_ATTRIBUTES:
            return object.__setattr__(self, key, value)
        return object.__getattribute__(self, "_callmethod")("__setattr__", (key, value))


class SplitManager(SyncManager):
    pass


SplitManager.register("Namespace", Namespace, SplitNamespaceProxy)


def manager(ctx):
    started = SplitManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_namespace_private_attributes_stay_in_the_proxy":
        violated("own-lost"),
}
