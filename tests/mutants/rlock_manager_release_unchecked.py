"""Bug: the manager's RLock ignores a release by a thread that does not own it (the caller is
not the owner, so there is "nothing to release") instead of raising RuntimeError."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class UncheckedRLock:
    def __init__(self):
        self._rlock = threading.RLock()

    def acquire(self, blocking=True, timeout=-1):
        return self._rlock.acquire(blocking, timeout)

    def release(self):
        if self._rlock._is_owned():
            self._rlock.release()


class UncheckedManager(SyncManager):
    pass


UncheckedManager.register("RLock", UncheckedRLock, AcquirerProxy)


def manager(ctx):
    started = UncheckedManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_rlock.py::test_release_of_unowned_rlock_raises": violated("returned"),
    "test_rlock.py::test_release_by_non_owner_process_raises":
        violated("released-by-non-owner"),
    "test_rlock.py::test_release_by_non_owner_thread_raises": violated("released-by-non-owner"),
}
