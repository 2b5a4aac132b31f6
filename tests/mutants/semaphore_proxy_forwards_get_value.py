"""Bug: the manager's Semaphore and BoundedSemaphore proxies mirror the native semaphores'
API and forward ``get_value()`` to the server, whose threading.Semaphore has no such method:
the call fails in the server and comes back as a RemoteError, instead of the AttributeError
the documented proxies (which expose acquire and release only) raise at once."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class NativeLikeSemaphoreProxy(AcquirerProxy):
    _exposed_ = (*AcquirerProxy._exposed_, "get_value")

    def get_value(self):
        return self._callmethod("get_value")


class NativeLikeManager(SyncManager):
    pass


NativeLikeManager.register("Semaphore", threading.Semaphore, NativeLikeSemaphoreProxy)
NativeLikeManager.register("BoundedSemaphore", threading.BoundedSemaphore,
                           NativeLikeSemaphoreProxy)


def manager(ctx):
    started = NativeLikeManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_semaphore.py::test_manager_semaphores_have_no_get_value": violated("raised-other"),
}
