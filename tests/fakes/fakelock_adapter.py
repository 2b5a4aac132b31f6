"""The fake lock library (``tests.fakes.fakelock``) as a multiprocessing Lock: ``ADAPTER`` for
the correct lock, ``BROKEN`` for the one with a bug (``tests.fakes.fakelock_broken`` runs it)."""

from conformance.adapters import Adapter, primitive
from conformance.adapters.handles import PerProcess, lock_path, nonblocking, remove_file
from tests.fakes import fakelock

CLAIMS = ["mutual exclusion", "timed acquire", "non-blocking acquire refused to other processes"]


class Lock(PerProcess):
    library = fakelock.FileLock

    def open(self):
        return self.library(self.name)

    @staticmethod
    def dispose(name, created):
        remove_file(name)

    def acquire(self, block=True, timeout=None):
        if nonblocking(block, timeout):
            return self.opened().acquire(blocking=False)
        return self.opened().acquire(blocking=True, timeout=timeout)

    def release(self):
        self.opened().release()


class BrokenLock(Lock):
    library = fakelock.ClosingFileLock


def make_lock(ctx):
    return Lock(lock_path())


def make_broken_lock(ctx):
    return BrokenLock(lock_path())


ADAPTER = Adapter("fakelock", {
    "Lock": primitive("Lock", factory=make_lock, distribution="fakelock", claims=CLAIMS)})
BROKEN = Adapter("fakelock-broken", {
    "Lock": primitive("Lock", factory=make_broken_lock, distribution="fakelock",
                      claims=CLAIMS)})
