"""Bug: a synchronized ``Array('c', ...)`` is wrapped as a plain SynchronizedArray (the
c_char special case is missed), so it has no ``value`` or ``raw``."""

import ctypes
from multiprocessing import sharedctypes

from tests.mutants.base import mutant, violated


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    wrapped = ctx.Array(typecode_or_type, size_or_initializer, lock=lock)
    if typecode_or_type not in ("c", ctypes.c_char) or lock is False:
        return wrapped
    return sharedctypes.SynchronizedArray(wrapped.get_obj(), wrapped.get_lock())


get_context, get_all_start_methods = mutant(Array=array)
KILLS = {
    "test_shared_ctypes.py::test_char_array_has_value_and_raw": violated("missing"),
}
