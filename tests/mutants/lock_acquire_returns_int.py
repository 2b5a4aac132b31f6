"""Bug: ``acquire`` (and so ``__enter__``) of Lock and RLock returns the semaphore call's C
int, 1 or 0, instead of True or False: code that tests the result for truth works, code that
compares it with ``is True``/``is False`` (or shows it) sees 1 and 0.  The real implementation
returns a bool from both."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def as_int(semlock_acquire):
    def acquire(block=True, timeout=None):
        return int(semlock_acquire(block, timeout))

    return acquire


class IntResultLock(synchronize.Lock):
    def _make_methods(self):
        super()._make_methods()
        self.acquire = as_int(self._semlock.acquire)

    def __enter__(self):
        return self.acquire()


class IntResultRLock(synchronize.RLock):
    def _make_methods(self):
        super()._make_methods()
        self.acquire = as_int(self._semlock.acquire)

    def __enter__(self):
        return self.acquire()


def lock(ctx):
    return IntResultLock(ctx=ctx.get_context())


def rlock(ctx):
    return IntResultRLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock, RLock=rlock)
KILLS = {
    "test_lock.py::test_acquire_keyword_name": violated("not-granted", "not-refused"),
    "test_lock.py::test_with_statement_acquires_and_releases":
        violated("entered-other", "reentered"),
    "test_rlock.py::test_acquire_keyword_name": violated("not-granted", "not-re-entered"),
    "test_rlock.py::test_release_by_non_owner_thread_raises": violated("not-entered"),
    "test_rlock.py::test_with_statements_nest": violated("entered-other"),
}
