"""Bug: the manager's acquirer proxy (for Lock, RLock, Semaphore and BoundedSemaphore) names
acquire's first parameter ``block``, as multiprocessing's own primitives do, instead of
threading's ``blocking``."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class BlockNamedProxy(AcquirerProxy):
    def acquire(self, block=True, timeout=None):
        args = (block,) if timeout is None else (block, timeout)
        return self._callmethod("acquire", args)


class BlockNamedManager(SyncManager):
    pass


BlockNamedManager.register("Lock", threading.Lock, BlockNamedProxy)
BlockNamedManager.register("RLock", threading.RLock, BlockNamedProxy)
BlockNamedManager.register("Semaphore", threading.Semaphore, BlockNamedProxy)
BlockNamedManager.register("BoundedSemaphore", threading.BoundedSemaphore, BlockNamedProxy)


def manager(ctx):
    started = BlockNamedManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_lock.py::test_acquire_keyword_name": violated("raised"),
    "test_rlock.py::test_acquire_keyword_name": violated("raised"),
    "test_semaphore.py::test_acquire_names_its_first_parameter_per_provider":
        violated("differs"),
}
