"""Bug: ``repr()`` of a list proxy shows the referent (it forwards ``__repr__``, as ``str()``
does) instead of describing the proxy ("<ListProxy object, typeid 'list' at 0x...>")."""

from multiprocessing.managers import ListProxy, SyncManager

from tests.mutants.base import mutant, violated


class ReferentReprListProxy(ListProxy):
    def __repr__(self):
        return self._callmethod("__repr__")


class ReferentReprManager(SyncManager):
    pass


ReferentReprManager.register("list", list, ReferentReprListProxy)


def manager(ctx):
    started = ReferentReprManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_str_is_the_referents_repr_and_repr_names_the_proxy":
        violated("repr-not-proxy"),
}
