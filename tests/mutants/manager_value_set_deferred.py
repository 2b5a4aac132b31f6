"""Bug: the Value proxy defers each ``set`` (and ``.value = v``) until the next one, sending the
previous value instead, so a write reaches the server one write late."""

from multiprocessing.managers import SyncManager, Value, ValueProxy

from tests.mutants.base import mutant, violated

NOTHING = object()


class DeferringValueProxy(ValueProxy):
    def set(self, value):
        pending = self.__dict__.get("_pending", NOTHING)
        if pending is not NOTHING:
            self._callmethod("set", (pending,))
        self.__dict__["_pending"] = value

    value = property(ValueProxy.get, set)


class DeferringManager(SyncManager):
    pass


DeferringManager.register("Value", Value, DeferringValueProxy)


def manager(ctx):
    started = DeferringManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_value_operations_are_linearizable":
        violated("not-linearizable"),
    "test_manager_containers.py::test_value_proxy_reads_and_writes_its_value":
        violated("misread", "unseen"),
}
