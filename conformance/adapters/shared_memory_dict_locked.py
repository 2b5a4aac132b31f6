"""``shared_memory_dict.SharedMemoryDict`` with its lock on (``SHARED_MEMORY_USE_LOCK=1``).

    pytest --pyargs conformance --mp-impl conformance.adapters.shared_memory_dict_locked

What shared-memory-dict promises for it (README of 0.7.2, "Locks"): "To use
multiprocessing.Lock on write operations of shared memory dict set environment variable
SHARED_MEMORY_USE_LOCK=1".  Claimed: as ``conformance.adapters.shared_memory_dict`` (which see,
with what is reshaped), and concurrent writers lose no write.  The adapter sets the variable in
the creating process before the library is imported, and in every child before it attaches.
"""

import functools

from conformance.adapters import Adapter, primitive
from conformance.adapters.shared_memory_dict import CLAIMS, close, make_dict, snapshot

ADAPTER = Adapter("shared-memory-dict-locked", {
    "dict": primitive("dict", factory=functools.partial(make_dict, locked=True),
                      distribution="shared-memory-dict",
                      claims=[*CLAIMS, "concurrent writers lose no write"],
                      snapshot=snapshot, close=close),
})
