"""Bug: a proxy whose manager cannot be reached any more (its server has stopped) swallows the
connection error and returns None, as ``BaseProxy._decref`` does to keep interpreter exit
quiet, so a call through it after ``shutdown()`` seems to succeed.  The real ``_callmethod``
lets the connection's OSError propagate."""

from multiprocessing import util
from multiprocessing.managers import DictProxy, ListProxy, SyncManager

from tests.mutants.base import mutant, violated


class QuietWhenServerLost:
    def _callmethod(self, methodname, args=(), kwds={}):
        try:
            return super()._callmethod(methodname, args, kwds)
        except (OSError, EOFError) as exc:  # the bug: swallowed
            util.debug("... %s() failed: the manager is gone (%r)", methodname, exc)
            return None


class QuietDictProxy(QuietWhenServerLost, DictProxy):
    pass


class QuietListProxy(QuietWhenServerLost, ListProxy):
    pass


class QuietManager(SyncManager):
    pass


QuietManager.register("dict", dict, QuietDictProxy)
QuietManager.register("list", list, QuietListProxy)


def manager(ctx):
    started = QuietManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_shutdown_stops_the_server": violated("returned"),
    "test_proxies.py::test_leaving_the_with_block_shuts_the_manager_down": violated("returned"),
}
