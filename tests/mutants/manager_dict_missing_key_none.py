"""Bug: a dict proxy's ``d[k]`` and ``d.pop(k)`` return None for a missing key instead of
raising KeyError."""

from multiprocessing.managers import DictProxy, SyncManager

from tests.mutants.base import mutant, violated


class ForgivingDictProxy(DictProxy):
    def __getitem__(self, key):
        return self._callmethod("get", (key,))

    def pop(self, key, *default):
        return self._callmethod("pop", (key, *(default or (None,))))


class ForgivingManager(SyncManager):
    pass


ForgivingManager.register("dict", dict, ForgivingDictProxy)


def manager(ctx):
    started = ForgivingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_referent_exceptions_keep_their_type": violated("returned"),
}
