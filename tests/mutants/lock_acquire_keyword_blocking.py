"""Bug: acquire names its first parameter ``blocking``, as threading does, so ``block=`` raises
TypeError (and ``blocking=`` is accepted) on Lock and RLock."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def renamed(semlock_acquire):
    def acquire(blocking=True, timeout=None):
        return semlock_acquire(blocking, timeout)

    return acquire


class ThreadingNamedLock(synchronize.Lock):
    def _make_methods(self):
        super()._make_methods()
        self.acquire = renamed(self._semlock.acquire)


class ThreadingNamedRLock(synchronize.RLock):
    def _make_methods(self):
        super()._make_methods()
        self.acquire = renamed(self._semlock.acquire)


def lock(ctx):
    return ThreadingNamedLock(ctx=ctx.get_context())


def rlock(ctx):
    return ThreadingNamedRLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock, RLock=rlock)
KILLS = {
    "test_lock.py::test_acquire_keyword_name": violated("raised"),
    "test_rlock.py::test_acquire_keyword_name": violated("raised"),
}
