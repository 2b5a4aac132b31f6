"""``shared_memory_dict.SharedMemoryDict`` as a shared dict, without its lock (the default).

    pytest --pyargs conformance --mp-impl conformance.adapters.shared_memory_dict

What shared-memory-dict promises (README of 0.7.2): "A very simple shared memory dict
implementation"; in another shell ``existing_smd = SharedMemoryDict(name='tokens', size=1024)``,
``existing_smd['new-key'] = ...``, and "Back in the first Python interactive shell, smd reflects
this change"; "The arg name defines the location of the memory block, so if you want to share
the memory between process use the same name".  Claimed: a write is seen by reads ordered after
it.  Concurrent writers are not: only the lock is said to serve "write operations" (the variant
``conformance.adapters.shared_memory_dict_locked``).

Reshaped: construction (a unique name, a block of ``SIZE`` bytes, initial contents written with
``update``), pickling (by name: "use the same name"; registered with ``copyreg`` in the creating
process, the child attaches with ``SharedMemoryDict(name, size)``) and cleanup (the creator:
``shm.close()``, ``shm.unlink()``, as the README's "Free and release the shared memory block at
the very end").  The kit reads the whole dict with ``dict(d.items())``.

The library decides at its import whether it locks (``SHARED_MEMORY_USE_LOCK=1``): run each
variant in a session of its own; a factory finding the library imported in the other mode
raises, naming it.
"""

import copyreg
import functools
import importlib
import os

from conformance.adapters import Adapter, primitive
from conformance.adapters.handles import unique_name

SIZE = 64 * 1024  # bytes: the kit's largest programs (--mp-scale 4) stay far below it
USE_LOCK = "SHARED_MEMORY_USE_LOCK"
PREFIX = "sm_"  # shared_memory_dict.templates.MEMORY_NAME: the block of name N is sm_N
CLAIMS = ["a write is seen by reads ordered after it"]


def library(locked):
    """The ``SharedMemoryDict`` class, imported with its lock on or off as ``locked`` says."""
    if locked:
        os.environ[USE_LOCK] = "1"
    elif os.environ.get(USE_LOCK) == "1":
        raise RuntimeError(f"{USE_LOCK}=1 is set: shared_memory_dict would lock; run "
                           f"conformance.adapters.shared_memory_dict_locked instead")
    lock = importlib.import_module("shared_memory_dict.lock")
    if (lock.Lock.__module__ != lock.__name__) != locked:
        raise RuntimeError(f"shared_memory_dict was imported in this process with its lock "
                           f"{'off' if locked else 'on'}: run this adapter in a session of its "
                           f"own")
    return importlib.import_module("shared_memory_dict").SharedMemoryDict


def make_dict(ctx, *args, locked=False, **kwargs):
    shared_memory_dict = library(locked)
    copyreg.pickle(shared_memory_dict, functools.partial(by_name, locked=locked))
    shared = shared_memory_dict(name=unique_name(), size=SIZE)
    if args or kwargs:
        shared.update(*args, **kwargs)
    return shared


def by_name(shared, locked):
    return attach, (shared.shm.name[len(PREFIX):], shared.shm.size, locked)


def attach(name, size, locked):
    return library(locked)(name=name, size=size)


def snapshot(shared):
    return dict(shared.items())


def close(shared):
    shared.shm.close()
    shared.shm.unlink()


ADAPTER = Adapter("shared-memory-dict", {
    "dict": primitive("dict", factory=make_dict, distribution="shared-memory-dict",
                      claims=CLAIMS, snapshot=snapshot, close=close),
})
