"""Bug: the manager's Lock proxy forwards only ``blocking`` to the shared lock and drops the
timeout, so a timed acquire waits without limit (and a negative timeout is not refused)."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, timed_out

PROVIDER = "manager"


class TimeoutDroppingProxy(AcquirerProxy):
    def acquire(self, blocking=True, timeout=None):
        return self._callmethod("acquire", (blocking,))


class TimeoutDroppingManager(SyncManager):
    pass


TimeoutDroppingManager.register("Lock", threading.Lock, TimeoutDroppingProxy)


def manager(ctx):
    started = TimeoutDroppingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
# It also breaks test_held_lock_refuses_other_processes (a timed acquire waits until the holder
# gives up at the deadline), but each failing example there costs a full deadline.
KILLS = {
    "test_lock.py::test_negative_timeout_and_nonblocking_timeout":
        timed_out("Lock.acquire with a negative or ignored timeout"),
}
