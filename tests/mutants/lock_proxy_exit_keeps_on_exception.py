"""Bug: the manager's acquirer proxy (for Lock, RLock, Semaphore and BoundedSemaphore) releases
in ``__exit__`` only when the ``with`` block ended normally, so a block left by an exception
keeps the lock (or permit)."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class LeakyExitProxy(AcquirerProxy):
    def __exit__(self, exc_type, exc_val, exc_tb):
        if exc_type is None:
            return self._callmethod("release")
        return None


class LeakyExitManager(SyncManager):
    pass


LeakyExitManager.register("Lock", threading.Lock, LeakyExitProxy)
LeakyExitManager.register("RLock", threading.RLock, LeakyExitProxy)
LeakyExitManager.register("Semaphore", threading.Semaphore, LeakyExitProxy)
LeakyExitManager.register("BoundedSemaphore", threading.BoundedSemaphore, LeakyExitProxy)


def manager(ctx):
    started = LeakyExitManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_lock.py::test_with_statement_acquires_and_releases": violated("held-after"),
    "test_rlock.py::test_with_statements_nest": violated("held-after"),
    "test_semaphore.py::test_with_statement_takes_and_returns_one_permit": violated("differs"),
}
