"""``fasteners.InterProcessLock`` as a multiprocessing Lock.

    pytest --pyargs conformance --mp-impl conformance.adapters.fasteners_lock

What fasteners promises (README; docs/guide/inter_process.md; ``InterProcessLock.acquire``):
"Cross-platform locks for threads and processes"; "Fasteners inter-process locks ... work
between processes that were launched independently"; ``acquire(blocking=True, delay, max_delay,
timeout)``: "timeout: When blocking, maximal waiting time (in seconds). Returns: whether or not
the acquisition succeeded" (``blocking``: "Whether to wait to try to acquire the lock").
Claimed: mutual exclusion, timed acquire, non-blocking acquire refused to other processes.

What it disclaims, hence not claimed: "Locks are not reentrant. An attempt to acquire a lock
multiple times can result in a deadlock or a crash upon a release of the lock" and "There are no
guarantees regarding usage by multiple threads in a single process" (LOCK-3 promises the holder's
own ``acquire(False)`` is refused); ``release()`` is for the lock's holder ("Release the
previously acquired lock"), so neither release by another process (LOCK-10) nor ValueError for an
unlocked one (LOCK-11).

Reshaped: the lock pickles as its path and each process opens its own ``InterProcessLock`` (an
acquired one holds an open file and does not pickle); ``acquire(block, timeout)`` maps onto
``acquire(blocking, timeout)``, polling every 1 to 10 ms (``delay``, ``max_delay``) instead of
10 to 100 ms.  The lock file is removed by its creator once the lock is collected.
"""

from conformance.adapters import Adapter, primitive
from conformance.adapters.handles import PerProcessAcquirer, lock_path, nonblocking, remove_file

DELAY = 0.001
MAX_DELAY = 0.01


class InterProcessLock(PerProcessAcquirer):
    def open(self):
        import fasteners

        return fasteners.InterProcessLock(self.name)

    @staticmethod
    def dispose(name, created):
        remove_file(name)

    def acquire(self, block=True, timeout=None):
        lock = self.opened()
        if nonblocking(block, timeout):
            return lock.acquire(blocking=False)
        return lock.acquire(blocking=True, timeout=timeout, delay=DELAY, max_delay=MAX_DELAY)


def make_lock(ctx):
    return InterProcessLock(lock_path())


ADAPTER = Adapter("fasteners-lock", {
    "Lock": primitive("Lock", factory=make_lock, distribution="fasteners",
                      claims=["mutual exclusion", "timed acquire",
                              "non-blocking acquire refused to other processes"]),
})
