"""Bug: the Value and Array proxies offer ``get_lock()`` as ``ctx.Value`` and ``ctx.Array`` do,
forwarding it to the referent, which has no such method: the server fails to find it and the
call raises RemoteError.  The real proxies have no ``get_lock`` (AttributeError): the manager's
referents are a plain value holder and an ``array.array``."""

from multiprocessing import managers
from multiprocessing.managers import ArrayProxy, SyncManager, ValueProxy

from tests.mutants.base import mutant, violated


class LockForwardingValueProxy(ValueProxy):
    _exposed_ = ValueProxy._exposed_ + ("get_lock",)

    def get_lock(self):
        return self._callmethod("get_lock")


class LockForwardingArrayProxy(ArrayProxy):
    _exposed_ = ArrayProxy._exposed_ + ("get_lock",)

    def get_lock(self):
        return self._callmethod("get_lock")


class LockForwardingManager(SyncManager):
    pass


LockForwardingManager.register("Value", managers.Value, LockForwardingValueProxy)
LockForwardingManager.register("Array", managers.Array, LockForwardingArrayProxy)


def manager(ctx):
    started = LockForwardingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_value_proxy_reads_and_writes_its_value":
        violated("raised-other"),
    "test_manager_containers.py::test_array_proxy_is_a_shared_array": violated("raised-other"),
}
