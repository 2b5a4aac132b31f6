"""Bug: a list proxy compares by value, fetching its referent, so it equals a plain list."""

from multiprocessing.managers import ListProxy, SyncManager

from tests.mutants.base import mutant, violated


class ComparingListProxy(ListProxy):
    def __eq__(self, other):
        return self._getvalue() == other

    def __ne__(self, other):
        return self._getvalue() != other

    __hash__ = None


class ComparingManager(SyncManager):
    pass


ComparingManager.register("list", list, ComparingListProxy)


def manager(ctx):
    started = ComparingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_a_proxy_never_equals_a_plain_value": violated("equal-by-value"),
}
