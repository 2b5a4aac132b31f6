"""``filelock.FileLock`` as a multiprocessing Lock.

    pytest --pyargs conformance --mp-impl conformance.adapters.filelock_lock

What filelock promises (README: "A platform independent file lock"; docstrings of
``BaseFileLock``; docs/concepts.rst): ``acquire(timeout=None, poll_interval=None, *,
blocking=None)``: ":param timeout: seconds to wait. A negative value waits indefinitely",
":param blocking: False makes one attempt", ":raises Timeout: the lock was unavailable at the
deadline"; "The operating system tracks locks on open handles and releases them when a process
exits".  Claimed: mutual exclusion, timed acquire, non-blocking acquire refused to other
processes.

Not claimed: it is a "Reentrant lock with acquisition and release hooks" (the holder's own
``acquire(False)`` succeeds, where LOCK-3 promises it is refused); ``release()`` releases "one
acquisition" of this process's (thread's) own holds, so neither release by another process
(LOCK-10) nor ValueError for an unlocked lock (LOCK-11).

Reshaped: the lock pickles as its path and each process opens its own ``FileLock`` (filelock
refuses an object inherited across fork: "the lock was inherited"); ``acquire(block, timeout)``
maps onto ``acquire(blocking=False)`` or ``acquire(timeout)`` (``None``: -1, no limit), polling
every millisecond (``poll_interval``) instead of 50 ms, and ``Timeout`` means False.  The lock
file is removed by its creator once the lock is collected.
"""

from conformance.adapters import Adapter, primitive
from conformance.adapters.handles import PerProcessAcquirer, lock_path, nonblocking, remove_file

POLL_INTERVAL = 0.001


class FileLock(PerProcessAcquirer):
    def open(self):
        import filelock

        return filelock.FileLock(self.name)

    @staticmethod
    def dispose(name, created):
        remove_file(name)

    def acquire(self, block=True, timeout=None):
        import filelock

        lock = self.opened()
        try:
            if nonblocking(block, timeout):
                lock.acquire(blocking=False)
            else:
                lock.acquire(timeout=-1 if timeout is None else timeout,
                             poll_interval=POLL_INTERVAL)
        except filelock.Timeout:
            return False
        return True


def make_lock(ctx):
    return FileLock(lock_path())


ADAPTER = Adapter("filelock-lock", {
    "Lock": primitive("Lock", factory=make_lock, distribution="filelock",
                      claims=["mutual exclusion", "timed acquire",
                              "non-blocking acquire refused to other processes"]),
})
