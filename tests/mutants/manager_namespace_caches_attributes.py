"""Bug: the Namespace proxy caches every attribute it reads or writes and serves later reads from
that cache, so it never sees other processes' writes."""

from multiprocessing.managers import Namespace, NamespaceProxy, SyncManager

from tests.mutants.base import mutant, violated


class CachingNamespaceProxy(NamespaceProxy):
    def __getattr__(self, key):
        if key[0] == "_":
            return object.__getattribute__(self, key)
        cache = self.__dict__.setdefault("_cache", {})
        if key not in cache:
            cache[key] = super().__getattr__(key)
        return cache[key]

    def __setattr__(self, key, value):
        super().__setattr__(key, value)
        if key[0] != "_":
            self.__dict__.setdefault("_cache", {})[key] = value


class CachingManager(SyncManager):
    pass


CachingManager.register("Namespace", Namespace, CachingNamespaceProxy)


def manager(ctx):
    started = CachingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_namespace_attributes_are_linearizable":
        violated("not-linearizable"),
}
