"""Bug: acquire also accepts threading's ``blocking=`` as an alias of ``block`` (a
compatibility shim for code written against threading.Lock), on Lock and RLock, so
``acquire(blocking=False)`` returns instead of raising TypeError: the real implementation's
acquire has no parameter of that name."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def aliased(semlock_acquire):
    def acquire(block=True, timeout=None, blocking=None):
        if blocking is not None:
            block = blocking
        return semlock_acquire(block, timeout)

    return acquire


class AliasingLock(synchronize.Lock):
    def _make_methods(self):
        super()._make_methods()
        self.acquire = aliased(self._semlock.acquire)


class AliasingRLock(synchronize.RLock):
    def _make_methods(self):
        super()._make_methods()
        self.acquire = aliased(self._semlock.acquire)


def lock(ctx):
    return AliasingLock(ctx=ctx.get_context())


def rlock(ctx):
    return AliasingRLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock, RLock=rlock)
KILLS = {
    "test_lock.py::test_acquire_keyword_name": violated("returned"),
    "test_rlock.py::test_acquire_keyword_name": violated("returned"),
}
