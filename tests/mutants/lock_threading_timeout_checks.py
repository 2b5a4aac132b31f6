"""Bug: acquire validates its timeout as threading does, so a negative timeout, or a timeout
with block=False, raises ValueError instead of counting as zero or being ignored."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def checked(semlock_acquire):
    def acquire(block=True, timeout=None):
        if timeout is not None:
            if not block:
                raise ValueError("can't specify a timeout for a non-blocking call")
            if timeout < 0:
                raise ValueError("timeout value must be a non-negative number")
        return semlock_acquire(block, timeout)

    return acquire


class CheckedLock(synchronize.Lock):
    def _make_methods(self):
        super()._make_methods()
        self.acquire = checked(self._semlock.acquire)


class CheckedRLock(synchronize.RLock):
    def _make_methods(self):
        super()._make_methods()
        self.acquire = checked(self._semlock.acquire)


def lock(ctx):
    return CheckedLock(ctx=ctx.get_context())


def rlock(ctx):
    return CheckedRLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock, RLock=rlock)
KILLS = {
    "test_lock.py::test_negative_timeout_and_nonblocking_timeout": violated("otherwise"),
    "test_rlock.py::test_negative_timeout_and_nonblocking_timeout": violated("otherwise"),
}
