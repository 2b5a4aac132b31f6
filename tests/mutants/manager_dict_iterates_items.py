"""Bug: iterating a dict proxy yields (key, value) pairs, as iterating ``items()`` would,
instead of the keys."""

from multiprocessing.managers import DictProxy, SyncManager

from tests.mutants.base import mutant, violated


class ItemsDictProxy(DictProxy):
    def __iter__(self):
        return iter(self._callmethod("items"))


class ItemsManager(SyncManager):
    pass


ItemsManager.register("dict", dict, ItemsDictProxy)


def manager(ctx):
    started = ItemsManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_iterating_a_proxy_iterates_its_referent": violated("other-elements"),
}
