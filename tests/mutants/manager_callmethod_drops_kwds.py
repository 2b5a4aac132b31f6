"""Bug: a list proxy's ``_callmethod`` forwards the positional arguments but drops the keyword
arguments, so ``_callmethod('sort', (), {'reverse': True})`` sorts ascending."""

from multiprocessing.managers import ListProxy, SyncManager

from tests.mutants.base import mutant, violated


class NoKwdsListProxy(ListProxy):
    def _callmethod(self, methodname, args=(), kwds={}):
        return super()._callmethod(methodname, args)


class NoKwdsManager(SyncManager):
    pass


NoKwdsManager.register("list", list, NoKwdsListProxy)


def manager(ctx):
    started = NoKwdsManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_callmethod_returns_a_copy_of_the_result": violated("arguments-dropped"),
}
