"""Bug: acquire reports a TypeError of the underlying semaphore call as ValueError (meant for
a timeout that is not a number: "invalid timeout"), on Lock and RLock, so
``acquire(blocking=False)`` raises ValueError; the real implementation lets the TypeError of
an unknown keyword through."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def translating(semlock_acquire):
    def acquire(*args, **kwargs):
        try:
            return semlock_acquire(*args, **kwargs)
        except TypeError as exc:
            raise ValueError(f"invalid timeout: {exc}") from None

    return acquire


class TranslatingLock(synchronize.Lock):
    def _make_methods(self):
        super()._make_methods()
        self.acquire = translating(self._semlock.acquire)


class TranslatingRLock(synchronize.RLock):
    def _make_methods(self):
        super()._make_methods()
        self.acquire = translating(self._semlock.acquire)


def lock(ctx):
    return TranslatingLock(ctx=ctx.get_context())


def rlock(ctx):
    return TranslatingRLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock, RLock=rlock)
KILLS = {
    "test_lock.py::test_acquire_keyword_name": violated("raised-other"),
    "test_rlock.py::test_acquire_keyword_name": violated("raised-other"),
}
