"""Bug: an RLock that keeps its owner and recursion level in Python over a plain semaphore, and
whose release() never checks that the caller owns it: any thread or process may release it,
and releasing an unowned one raises the semaphore's ValueError instead of AssertionError."""

import os
import threading

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def caller():
    return os.getpid(), threading.get_ident()


class UncheckedRLock(synchronize.RLock):
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
            if state["owner"] == caller() and state["level"] > 1:
                state["level"] -= 1
                return
            state["owner"], state["level"] = None, 0  # the missing check: is the caller owner?
            semlock.release()

        self.acquire, self.release = acquire, release

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()


def rlock(ctx):
    return UncheckedRLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(RLock=rlock)
KILLS = {
    "test_rlock.py::test_release_by_non_owner_process_raises":
        violated("released-by-non-owner", "taken", "owner-refused"),
    "test_rlock.py::test_release_by_non_owner_thread_raises":
        violated("released-by-non-owner", "owner-refused"),
    "test_rlock.py::test_release_of_unowned_rlock_raises": violated("raised-other"),
}
