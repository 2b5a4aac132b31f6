"""Bug: the manager's Condition (a threading.Condition in the server process) returns from
wait() without acquiring its lock again."""

import contextlib
import threading
from multiprocessing.managers import ConditionProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class NoReacquireCondition(threading.Condition):
    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = threading.Lock()
        waiter.acquire()
        self._waiters.append(waiter)
        self._release_save()
        woke = waiter.acquire(True, -1 if timeout is None else max(timeout, 0))
        if not woke:
            with contextlib.suppress(ValueError):
                self._waiters.remove(waiter)
        return woke  # the bug: threading calls self._acquire_restore(...) before returning


class NoReacquireManager(SyncManager):
    pass


NoReacquireManager.register("Condition", NoReacquireCondition, ConditionProxy)


def manager(ctx):
    started = NoReacquireManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_condition.py::test_notified_waiter_returns_after_notifier_releases": violated("raised"),
    "test_condition.py::test_timed_out_wait_returns_false_holding_the_lock":
        violated("lock-free-after-wait"),
}
