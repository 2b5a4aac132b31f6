"""Bug: the manager's Value carries a lock as ``ctx.Value`` does, and its proxy offers
``get_lock()``, returning a proxy of that lock.  The real ``SyncManager.Value`` referent only
stores the value: its proxy has no ``get_lock`` (AttributeError)."""

import threading
from multiprocessing import managers
from multiprocessing.managers import SyncManager, ValueProxy

from tests.mutants.base import mutant, violated


class LockedValue(managers.Value):
    def __init__(self, typecode, value, lock=True):
        super().__init__(typecode, value, lock)
        self._lock = threading.RLock()

    def get_lock(self):
        return self._lock


class LockedValueProxy(ValueProxy):
    _exposed_ = ValueProxy._exposed_ + ("get_lock",)
    _method_to_typeid_ = {"get_lock": "RLock"}

    def get_lock(self):
        return self._callmethod("get_lock")


class LockedValueManager(SyncManager):
    pass


LockedValueManager.register("Value", LockedValue, LockedValueProxy)


def manager(ctx):
    started = LockedValueManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_value_proxy_reads_and_writes_its_value":
        violated("returned"),
}
