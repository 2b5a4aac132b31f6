"""Bug: the manager's Lock proxy turns a timed acquire into a single non-blocking try (so that
no server thread waits for it), giving up at once instead of waiting up to its timeout."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class PollingProxy(AcquirerProxy):
    def acquire(self, blocking=True, timeout=None):
        if timeout is not None:
            return self._callmethod("acquire", (False,))
        return self._callmethod("acquire", (blocking,))


class PollingManager(SyncManager):
    pass


PollingManager.register("Lock", threading.Lock, PollingProxy)


def manager(ctx):
    started = PollingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_lock.py::test_timed_acquire_succeeds_when_released_in_time": violated("refused"),
    "test_lock.py::test_held_lock_refuses_other_processes": violated("early"),
}
