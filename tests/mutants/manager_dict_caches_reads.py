"""Bug: the dict proxy caches each key's first read and never invalidates it."""

from multiprocessing.managers import DictProxy, SyncManager

from tests.mutants.base import mutant, violated

class CachingDictProxy(DictProxy):
    def get(self, key, default=None):
        cache = self.__dict__.setdefault("_read_cache", {})
        if key not in cache:
            cache[key] = self._callmethod("get", (key, default))
        return cache[key]


class CachingManager(SyncManager):
    pass


CachingManager.register("dict", dict, CachingDictProxy)


def manager(ctx):
    started = CachingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_dict.py::test_read_after_signalled_write_sees_it": violated("stale"),
    "test_manager_dict.py::test_dict_operations_are_linearizable": violated("not-linearizable"),
}
