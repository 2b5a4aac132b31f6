"""Bug: RawValue and RawArray (and so Value and Array, built on them) skip zeroing the block the
shared heap hands out (the ``memset`` is missing), so an object made without an initial value
or with a size shows what a recycled block held before (simulated here by 0x5A bytes); the real
ones clear the block with ``ctypes.memset(..., 0, ...)`` before any initializer is applied."""

import ctypes

from tests.mutants.base import mutant, violated

RECYCLED = 0x5A


def dirty(obj):
    ctypes.memset(ctypes.addressof(obj), RECYCLED, ctypes.sizeof(obj))


def unwrapped(shared):
    return shared.get_obj() if hasattr(shared, "get_obj") else shared


def raw_value(ctx, typecode_or_type, *args):
    obj = ctx.RawValue(typecode_or_type, *args)
    if not args:
        dirty(obj)
    return obj


def raw_array(ctx, typecode_or_type, size_or_initializer):
    obj = ctx.RawArray(typecode_or_type, size_or_initializer)
    if isinstance(size_or_initializer, int):
        dirty(obj)
    return obj


def value(ctx, typecode_or_type, *args, lock=True):
    shared = ctx.Value(typecode_or_type, *args, lock=lock)
    if not args:
        dirty(unwrapped(shared))
    return shared


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    shared = ctx.Array(typecode_or_type, size_or_initializer, lock=lock)
    if isinstance(size_or_initializer, int):
        dirty(unwrapped(shared))
    return shared


get_context, get_all_start_methods = mutant(RawValue=raw_value, RawArray=raw_array, Value=value,
                                            Array=array)
KILLS = {
    "test_shared_ctypes.py::test_value_reads_and_writes_its_shared_object":
        violated("not-zeroed"),
    "test_shared_ctypes.py::test_array_behaves_like_a_fixed_length_sequence":
        violated("not-zeroed"),
    "test_shared_ctypes.py::test_unlocked_objects_are_plain_ctypes": violated("not-zeroed"),
}
