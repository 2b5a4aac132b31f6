"""Bug: the manager's Semaphore and BoundedSemaphore proxies pass release's arguments on to the
server's threading.Semaphore, so ``release(2)`` adds two permits where multiprocessing's
release() takes no count."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class CountForwardingProxy(AcquirerProxy):
    def release(self, *args):
        return self._callmethod("release", args)


class CountForwardingManager(SyncManager):
    pass


CountForwardingManager.register("Semaphore", threading.Semaphore, CountForwardingProxy)
CountForwardingManager.register("BoundedSemaphore", threading.BoundedSemaphore,
                                CountForwardingProxy)


def manager(ctx):
    started = CountForwardingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_semaphore.py::test_release_takes_no_count": violated("differs"),
}
