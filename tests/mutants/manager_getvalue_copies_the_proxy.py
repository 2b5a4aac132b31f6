"""Bug: the list proxy's ``_getvalue()`` is written as ``copy.copy(self)`` — but copying a proxy
copies the proxy (it reduces to a proxy of the same referent), not the referent's value — so
``_getvalue()`` returns a proxy.  The real ``_getvalue()`` fetches the referent's value from
the server: a plain copy."""

import copy

from multiprocessing.managers import ListProxy, SyncManager

from tests.mutants.base import mutant, violated


class ProxyCopyingListProxy(ListProxy):
    def _getvalue(self):
        return copy.copy(self)


class ProxyCopyingManager(SyncManager):
    pass


ProxyCopyingManager.register("list", list, ProxyCopyingListProxy)


def manager(ctx):
    started = ProxyCopyingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    # The "copy" being a proxy, the invariant does not change it; a later _getvalue() is a
    # proxy too, which is not [1, [2]].
    "test_proxies.py::test_getvalue_returns_a_copy_of_the_referent":
        violated("not-plain", "aliased"),
}
