"""Bug: an RLock that keeps its owner and recursion level in Python over a plain semaphore, and
whose release() decrements the level while it is above zero instead of above one (an
off-by-one): the release of the last level takes the level to zero and returns without posting
the semaphore, so the lock stays taken for good, and another process's timed acquire never gets
it.  The real release() decrements while levels remain and releases the lock at the last one
("If after the decrement the recursion level is zero, reset the lock to unlocked")."""

import os
import threading
from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def caller():
    return os.getpid(), threading.get_ident()


class LastLevelKeptRLock(synchronize.RLock):
    def __init__(self, *, ctx):
        synchronize.SemLock.__init__(self, synchronize.SEMAPHORE, 1, 1, ctx=ctx)

    def _make_methods(self):
        semlock = self._semlock
        state = {"owner": None, "level": 0}  # per process: rebuilt when unpickled

        def acquire(block=True, timeout=None):
            if state["owner"] == caller():
                state["level"] += 1
                return True
            if not semlock.acquire(block, timeout):
                return False
            state["owner"], state["level"] = caller(), 1
            return True

        def release():
            if state["owner"] != caller() or state["level"] == 0:
                raise AssertionError("attempt to release recursive lock not owned by thread")
            if state["level"] > 0:  # the bug: > 1 (the last level must post the semaphore)
                state["level"] -= 1
                return
            state["owner"] = None
            semlock.release()

        self.acquire, self.release = acquire, release

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()


def rlock(ctx):
    return LastLevelKeptRLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(RLock=rlock)
KILLS = {
    "test_rlock.py::test_held_until_released_once_per_acquire": violated("never-granted"),
}
