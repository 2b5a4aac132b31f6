"""Bug: the manager's Condition (a threading.Condition in the server process) checks that the
caller holds the lock in wait() only: notify() and notify_all() without the lock pass
silently."""

import threading
from multiprocessing.managers import ConditionProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class UncheckedNotifyCondition(threading.Condition):
    def notify(self, n=1):
        # the bug: threading raises RuntimeError here unless the caller owns the lock
        for waiter in list(self._waiters)[:n]:
            waiter.release()
            self._waiters.remove(waiter)


class UncheckedNotifyManager(SyncManager):
    pass


UncheckedNotifyManager.register("Condition", UncheckedNotifyCondition, ConditionProxy)


def manager(ctx):
    started = UncheckedNotifyManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_condition.py::test_use_without_the_lock_raises": violated("returned"),
}
