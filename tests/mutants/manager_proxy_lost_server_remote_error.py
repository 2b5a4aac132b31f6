"""Bug: a proxy whose manager cannot be reached any more (its server has stopped: the connection
is refused, broken or closed) reports it as RemoteError instead of letting the connection's
OSError propagate.  RemoteError is for errors raised in the manager's process; the real proxy
raises the OSError its connection raised (refused, broken pipe, reset)."""

from multiprocessing.managers import DictProxy, ListProxy, RemoteError, SyncManager

from tests.mutants.base import mutant, violated


class LostServerAsRemoteError:
    def _callmethod(self, methodname, args=(), kwds={}):
        try:
            return super()._callmethod(methodname, args, kwds)
        except (OSError, EOFError) as exc:  # the bug: the OSError is not let through
            raise RemoteError(f"the manager at {self._token.address!r} is unreachable: "
                              f"{exc!r}") from exc


class RemoteErrorDictProxy(LostServerAsRemoteError, DictProxy):
    pass


class RemoteErrorListProxy(LostServerAsRemoteError, ListProxy):
    pass


class RemoteErrorManager(SyncManager):
    pass


RemoteErrorManager.register("dict", dict, RemoteErrorDictProxy)
RemoteErrorManager.register("list", list, RemoteErrorListProxy)


def manager(ctx):
    started = RemoteErrorManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_shutdown_stops_the_server": violated("raised-other"),
    "test_proxies.py::test_leaving_the_with_block_shuts_the_manager_down":
        violated("raised-other"),
}
