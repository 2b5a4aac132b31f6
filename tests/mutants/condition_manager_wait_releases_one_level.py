"""Bug: the manager's Condition (a threading.Condition in the server process) releases its
RLock one level in wait(), as if it were a Lock, so other processes still cannot acquire it
while the waiter waits."""

import threading
from multiprocessing.managers import ConditionProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class OneLevelCondition(threading.Condition):
    def __init__(self, lock=None):
        super().__init__(lock)
        # the bug: threading takes the RLock's _release_save/_acquire_restore, which release
        # and restore every level
        self._release_save = self._lock.release
        self._acquire_restore = lambda state: self._lock.acquire()


class OneLevelManager(SyncManager):
    pass


OneLevelManager.register("Condition", OneLevelCondition, ConditionProxy)


def manager(ctx):
    started = OneLevelManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_condition.py::test_wait_fully_releases_a_recursive_lock": violated("kept-during-wait"),
}
