"""Bug: Condition.notify_all() lets go of the lock while it waits for the sleepers it woke to
acknowledge (so as not to hold a lock across a wait that may be long), and takes it back
afterwards.  A woken waiter then gets the lock and returns from wait() while, to the notifier,
the lock is still held.  The real notify_all() keeps the lock throughout: threading documents
that awakened threads return only once the notifier relinquishes it."""

import sys

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class LettingGoCondition(synchronize.Condition):
    def notify_all(self):
        assert self._lock._semlock._is_mine(), 'lock is not owned'
        while self._woken_count.acquire(False):
            self._sleeping_count.acquire(False)
        sleepers = 0
        while sleepers < sys.maxsize and self._sleeping_count.acquire(False):
            self._wait_semaphore.release()
            sleepers += 1
        if sleepers:
            self._lock.release()  # the bug: the notifier no longer holds the lock meanwhile
            try:
                for _ in range(sleepers):
                    self._woken_count.acquire()
            finally:
                self._lock.acquire()
            while self._wait_semaphore.acquire(False):
                pass


def condition(ctx, lock=None):
    return LettingGoCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_notified_waiter_returns_after_notifier_releases":
        violated("before-release"),
}
