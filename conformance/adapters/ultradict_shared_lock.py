"""``UltraDict(shared_lock=True)`` as a shared dict, under every start method.

    pytest --pyargs conformance --mp-impl conformance.adapters.ultradict_shared_lock

What UltraDict promises for it (README of 0.0.6): "Works in spawn and fork context"; "Safe
locking between independent processes"; ``shared_lock``: "When writing to the same dict at the
same time from multiple, independent processes, they need a shared lock to synchronize and not
overwrite each other's changes"; Locking: "on Windows systems, forking is not available ... You
should then use the parameter shared_lock=True".  Claimed: as ``conformance.adapters.ultradict``
(which see, with what is reshaped), under every start method.
"""

from conformance.adapters import Adapter, primitive
from conformance.adapters.ultradict import CLAIMS, close, make_dict_with_shared_lock, snapshot

ADAPTER = Adapter("ultradict-shared-lock", {
    "dict": primitive("dict", factory=make_dict_with_shared_lock, distribution="UltraDict",
                      claims=CLAIMS, snapshot=snapshot, close=close),
})
