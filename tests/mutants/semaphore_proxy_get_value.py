"""Bug: the manager's Semaphore and BoundedSemaphore proxies offer ``get_value()`` (a read of
the server's counter), which the documented proxies do not have: code written against it
breaks on every conforming implementation."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class CountedSemaphore(threading.Semaphore):
    def get_value(self):
        return self._value


class CountedBoundedSemaphore(threading.BoundedSemaphore):
    def get_value(self):
        return self._value


class GetValueProxy(AcquirerProxy):
    _exposed_ = (*AcquirerProxy._exposed_, "get_value")

    def get_value(self):
        return self._callmethod("get_value")


class GetValueManager(SyncManager):
    pass


GetValueManager.register("Semaphore", CountedSemaphore, GetValueProxy)
GetValueManager.register("BoundedSemaphore", CountedBoundedSemaphore, GetValueProxy)


def manager(ctx):
    started = GetValueManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_semaphore.py::test_manager_semaphores_have_no_get_value": violated("returned"),
}
