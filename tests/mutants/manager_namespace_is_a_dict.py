"""Bug: the manager's Namespace is a shared dict reached through attribute syntax: every
attribute except the proxy's own internals — '_' ones included — is a key of the dict, so
another process reads a '_' attribute through its own proxy, and ``str()`` shows the dict's
repr, '_' keys and insertion order included.  The real Namespace keeps '_' attributes on the
proxy, and its repr shows only the public attributes, sorted: ``Namespace(a=1, b=2)``."""

from multiprocessing.managers import DictProxy, SyncManager

from tests.mutants.base import mutant, violated

# What BaseProxy keeps on itself.
PROXY_ATTRIBUTES = frozenset({"_tls", "_idset", "_token", "_id", "_manager", "_serializer",
                              "_Client", "_owned_by_manager", "_authkey", "_close", "_isauto"})


def own(key):
    return key.startswith("__") or key in PROXY_ATTRIBUTES


class AttributeDictProxy(DictProxy):
    def __getattr__(self, key):
        if own(key):
            return object.__getattribute__(self, key)
        try:
            return self._callmethod("__getitem__", (key,))
        except KeyError:
            raise AttributeError(key) from None

    def __setattr__(self, key, value):
        if own(key):
            return object.__setattr__(self, key, value)
        return self._callmethod("__setitem__", (key, value))

    def __delattr__(self, key):
        if own(key):
            return object.__delattr__(self, key)
        try:
            return self._callmethod("__delitem__", (key,))
        except KeyError:
            raise AttributeError(key) from None


class AttributeDictManager(SyncManager):
    pass


AttributeDictManager.register("Namespace", dict, AttributeDictProxy)


def manager(ctx):
    started = AttributeDictManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_namespace_attributes_can_be_set_read_and_deleted":
        violated("shown-otherwise"),
    "test_manager_containers.py::test_namespace_private_attributes_stay_in_the_proxy":
        violated("shown", "shared"),
}
