"""Bug: the manager's Lock and RLock proxies adopt multiprocessing's timeout rules: a negative
timeout is sent as zero and a timeout with blocking=False is dropped, so the calls return False
where the shared threading lock refuses them with ValueError."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class LenientProxy(AcquirerProxy):
    def acquire(self, blocking=True, timeout=None):
        if timeout is not None and not blocking:
            timeout = None
        elif timeout is not None and timeout < 0:
            timeout = 0
        args = (blocking,) if timeout is None else (blocking, timeout)
        return self._callmethod("acquire", args)


class LenientManager(SyncManager):
    pass


LenientManager.register("Lock", threading.Lock, LenientProxy)
LenientManager.register("RLock", threading.RLock, LenientProxy)


def manager(ctx):
    started = LenientManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_lock.py::test_negative_timeout_and_nonblocking_timeout": violated("otherwise"),
    "test_rlock.py::test_negative_timeout_and_nonblocking_timeout": violated("otherwise"),
}
