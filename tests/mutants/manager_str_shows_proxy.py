"""Bug: ``str()`` of a list proxy describes the proxy, like ``repr()``, instead of showing the
referent."""

from multiprocessing.managers import BaseProxy, ListProxy, SyncManager

from tests.mutants.base import mutant, violated


class ReprListProxy(ListProxy):
    __str__ = BaseProxy.__repr__


class ReprManager(SyncManager):
    pass


ReprManager.register("list", list, ReprListProxy)


def manager(ctx):
    started = ReprManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_str_is_the_referents_repr_and_repr_names_the_proxy":
        violated("str-not-referent"),
}
