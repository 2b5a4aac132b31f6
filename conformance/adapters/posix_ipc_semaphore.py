"""``posix_ipc.Semaphore`` (a named POSIX semaphore) as a multiprocessing Lock (value 1) and
Semaphore.

    pytest --pyargs conformance --mp-impl conformance.adapters.posix_ipc_semaphore

What posix_ipc promises (USAGE.md): ``acquire([timeout = None])`` "Waits (conditionally) until
the semaphore's value is > 0 and then returns, decrementing the semaphore"; "A timeout of None
... implies no time limit"; "When timeout is 0, the call immediately raises a BusyError if asked
to wait ... 'non-blocking' mode"; "When the timeout is > 0, the call will wait no longer than
timeout seconds before either returning (having acquired the semaphore) or raising a BusyError";
``release()`` "Releases (increments) the semaphore" — by any process, with no bound; ``value``:
"The integer value of the semaphore" (not on macOS: ``SEMAPHORE_VALUE_SUPPORTED``); "These
semaphores support the context manager protocol ... Entering the context acquires the semaphore,
exiting the context releases the semaphore".

Claimed for the Lock: mutual exclusion, non-blocking acquire (a semaphore at 0 refuses its holder
too), timed acquire, release by another process, context manager.  Not claimed: ValueError for
releasing an unlocked lock (LOCK-11: posix_ipc increments, to 2).  For the Semaphore: at most
value holders, timed acquire, release beyond the initial value, get_value (``value``), context
manager.

Reshaped: the semaphore pickles as its name and each process opens it by name (a
``posix_ipc.Semaphore`` does not pickle); ``acquire(block, timeout)`` maps onto ``acquire(0)``
or ``acquire(timeout)``, and ``BusyError`` means False; ``get_value()`` reads ``value``; the
values default to 1 as multiprocessing's do (posix_ipc's ``initial_value`` defaults to 0).  The
creator unlinks the name once the primitive is collected; the name is also registered with
multiprocessing's resource tracker, which unlinks it should the kit's process die first.
"""

from multiprocessing import resource_tracker

from conformance.adapters import Adapter, primitive
from conformance.adapters.handles import PerProcessAcquirer, nonblocking, unique_name

TRACKED_AS = "semaphore"  # the resource tracker unlinks these with sem_unlink()


class NamedSemaphore(PerProcessAcquirer):
    def __init__(self, value):
        import posix_ipc

        name = unique_name("/")
        created = posix_ipc.Semaphore(name, posix_ipc.O_CREX, initial_value=value)
        resource_tracker.register(name, TRACKED_AS)
        super().__init__(name, created)

    def open(self):
        import posix_ipc

        return posix_ipc.Semaphore(self.name)

    @staticmethod
    def dispose(name, created):
        created.unlink()
        created.close()
        resource_tracker.unregister(name, TRACKED_AS)

    def acquire(self, block=True, timeout=None):
        import posix_ipc

        try:
            self.opened().acquire(0 if nonblocking(block, timeout) else timeout)
        except posix_ipc.BusyError:
            return False
        return True

    def get_value(self):
        return self.opened().value


def make_lock(ctx):
    return NamedSemaphore(1)


def make_semaphore(ctx, value=1):
    return NamedSemaphore(value)


ADAPTER = Adapter("posix_ipc-semaphore", {
    "Lock": primitive("Lock", factory=make_lock, distribution="posix_ipc",
                      claims=["mutual exclusion", "non-blocking acquire", "timed acquire",
                              "release by another process", "context manager"]),
    "Semaphore": primitive("Semaphore", factory=make_semaphore, distribution="posix_ipc",
                           claims=["at most value holders", "timed acquire",
                                   "release beyond the initial value", "get_value",
                                   "context manager"],
                           capabilities=["sem_getvalue"]),
})
