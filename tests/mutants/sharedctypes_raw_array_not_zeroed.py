"""Bug: RawArray(typecode, size) skips zeroing its block, so recycled shared memory shows
through (simulated here by filling the block with 0x5A bytes)."""

import ctypes

from tests.mutants.base import mutant, violated


def raw_array(ctx, typecode_or_type, size_or_initializer):
    obj = ctx.RawArray(typecode_or_type, size_or_initializer)
    if isinstance(size_or_initializer, int):
        ctypes.memset(ctypes.addressof(obj), 0x5A, ctypes.sizeof(obj))
    return obj


get_context, get_all_start_methods = mutant(RawArray=raw_array)
KILLS = {
    "test_shared_ctypes.py::test_unlocked_objects_are_plain_ctypes": violated("not-zeroed"),
}
