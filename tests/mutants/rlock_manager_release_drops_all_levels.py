"""Bug: the manager's RLock releases every recursion level on the first release, so the lock is
free for other processes while its owner is still nested inside (and the owner's next release
raises)."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class FlatReleaseRLock:
    def __init__(self):
        self._rlock = threading.RLock()

    def acquire(self, blocking=True, timeout=-1):
        return self._rlock.acquire(blocking, timeout)

    def release(self):
        self._rlock.release()
        while self._rlock._is_owned():
            self._rlock.release()


class FlatReleaseManager(SyncManager):
    pass


FlatReleaseManager.register("RLock", FlatReleaseRLock, AcquirerProxy)


def manager(ctx):
    started = FlatReleaseManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_rlock.py::test_nested_critical_sections_are_serialised":
        violated("overlapped", "release-raised", "lost-update"),
    "test_rlock.py::test_held_until_released_once_per_acquire":
        violated("release-raised", "taken"),
    "test_rlock.py::test_with_statements_nest": violated("free-inside", "owner-failed"),
}
