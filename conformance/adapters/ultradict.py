"""``UltraDict`` as a shared dict, with its default lock (a ``multiprocessing.RLock``): fork only.

    pytest --pyargs conformance --mp-impl conformance.adapters.ultradict

What UltraDict promises (README of 0.0.6): "Sychronized, streaming Python dictionary that uses
shared memory as a backend"; "If the buffer is full, UltraDict will automatically do a full dump
... All users of the UltraDict will automatically load full dumps and continue using streaming
updates afterwards"; in another process ``other = UltraDict(name=...)``, ``other[2] = 2``, and
"Back in the first Python REPL: ultra[2] → 2"; ``shared_lock``: "When writing to the same dict
at the same time from multiple, independent processes, they need a shared lock to synchronize
and not overwrite each other's changes ... By default, UltraDict will use a
multiprocessing.RLock() instead which works well in fork context"; Locking: "RLock is the
fastest locking method that is used by default but you can only use it if you fork your child
processes".  Claimed, under fork only: a write is seen by reads ordered after it, concurrent
writers lose no write, linearizable reads and writes ("synchronized").  Its ``shared_lock=True``
variant is ``conformance.adapters.ultradict_shared_lock``.

Reshaped: nothing but construction (a unique name, the library's default buffer) and cleanup
(the creator unlinks its segments: ``unlink()``).  A child gets the dict as a Process argument:
inherited under fork; pickled, UltraDict attaches by name (its own ``__reduce__``).  The kit
reads the whole dict with ``dict(d.items())``.

Importing UltraDict disables the resource tracker's handling of shared memory in the whole
process (``remove_shm_from_resource_tracker``): run this adapter in a session of its own.
"""

from conformance.adapters import Adapter, primitive
from conformance.adapters.handles import unique_name

CLAIMS = ["a write is seen by reads ordered after it", "concurrent writers lose no write",
          "linearizable reads and writes"]


def make_dict(ctx, *args, shared_lock=False, **kwargs):
    from UltraDict import UltraDict

    return UltraDict(*args, name=unique_name(), create=True, shared_lock=shared_lock, **kwargs)


def make_dict_with_shared_lock(ctx, *args, **kwargs):
    return make_dict(ctx, *args, shared_lock=True, **kwargs)


def snapshot(shared):
    return dict(shared.items())


def close(shared):
    shared.unlink()


ADAPTER = Adapter("ultradict", {
    "dict": primitive("dict", factory=make_dict, distribution="UltraDict", claims=CLAIMS,
                      snapshot=snapshot, close=close),
}, start_methods=("fork",))
