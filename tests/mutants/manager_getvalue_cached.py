"""Bug: a list proxy caches the value its first ``_getvalue()`` fetched and returns that same
object afterwards, so changing what one call returned changes what later calls return."""

from multiprocessing.managers import ListProxy, SyncManager

from tests.mutants.base import mutant, violated


class CachingListProxy(ListProxy):
    def _getvalue(self):
        if "_cached_value" not in self.__dict__:
            self._cached_value = super()._getvalue()
        return self._cached_value


class CachingManager(SyncManager):
    pass


CachingManager.register("list", list, CachingListProxy)


def manager(ctx):
    started = CachingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_getvalue_returns_a_copy_of_the_referent": violated("aliased"),
}
