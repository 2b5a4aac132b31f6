"""Bug: the manager's RLock proxy always forwards acquire's timeout to the server, also when
none is given: the server's threading.RLock.acquire(blocking, None) raises TypeError (threading
takes -1, not None, for "no timeout"), so every acquire() and acquire(False) without a timeout
raises.  The real AcquirerProxy sends (blocking,) alone when the timeout is None."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class NoneTimeoutAcquirerProxy(AcquirerProxy):
    def acquire(self, blocking=True, timeout=None):
        return self._callmethod("acquire", (blocking, timeout))  # the bug: None forwarded too


class NoneTimeoutManager(SyncManager):
    pass


NoneTimeoutManager.register("RLock", threading.RLock, NoneTimeoutAcquirerProxy)


def manager(ctx):
    started = NoneTimeoutManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_rlock.py::test_held_until_released_once_per_acquire": violated("owner-failed"),
}
