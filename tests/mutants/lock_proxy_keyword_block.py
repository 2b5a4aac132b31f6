"""Bug: the manager's Lock and RLock proxies name acquire's first parameter ``block``, as
multiprocessing.Lock does, instead of threading's ``blocking``."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import UNCONVERTED, mutant

PROVIDER = "manager"


class BlockNamedProxy(AcquirerProxy):
    def acquire(self, block=True, timeout=None):
        args = (block,) if timeout is None else (block, timeout)
        return self._callmethod("acquire", args)


class BlockNamedManager(SyncManager):
    pass


BlockNamedManager.register("Lock", threading.Lock, BlockNamedProxy)
BlockNamedManager.register("RLock", threading.RLock, BlockNamedProxy)


def manager(ctx):
    started = BlockNamedManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_lock.py::test_acquire_keyword_name": UNCONVERTED,
    "test_rlock.py::test_acquire_keyword_name": UNCONVERTED,
}
