"""Bug: Value counts the initial values itself (one for a simple ctypes type) and refuses more
with ValueError, so ``Value('i', 1, False)`` (a lock passed positionally) raises ValueError;
the real one passes them all to the ctypes constructor, which refuses them with TypeError, the
error the docs' "lock is a keyword-only argument" leads to."""

import ctypes
from multiprocessing import sharedctypes

from tests.mutants.base import mutant, violated


def value(ctx, typecode_or_type, *args, lock=True):
    type_ = sharedctypes.typecode_to_type.get(typecode_or_type, typecode_or_type)
    if len(args) > 1 and issubclass(type_, ctypes._SimpleCData):
        raise ValueError(f"Value of {type_.__name__} takes at most one initial value, "
                         f"{len(args)} given")  # the bug: TypeError, as ctypes raises
    return ctx.Value(typecode_or_type, *args, lock=lock)


get_context, get_all_start_methods = mutant(Value=value)
KILLS = {
    "test_shared_ctypes.py::test_lock_is_keyword_only": violated("raised-other"),
}
