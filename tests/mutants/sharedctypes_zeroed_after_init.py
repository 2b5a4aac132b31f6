"""Bug: RawValue and RawArray (and so Value and Array, here and in the sharedctypes module)
clear the heap block after applying the initializer instead of before, so an object made with
initial contents reads all zeros; the real ones ``memset`` the fresh block first and then
initialise it (RawValue), or initialise it from the sequence without clearing (RawArray)."""

import ctypes
import sys
import types
from multiprocessing import sharedctypes as standard

from tests.mutants.base import mutant, violated


def zeroed(obj):
    ctypes.memset(ctypes.addressof(obj), 0, ctypes.sizeof(obj))
    return obj


def RawValue(typecode_or_type, *args):
    type_ = standard.typecode_to_type.get(typecode_or_type, typecode_or_type)
    obj = standard._new_value(type_)
    obj.__init__(*args)
    return zeroed(obj)  # the bug: cleared after the initializer


def RawArray(typecode_or_type, size_or_initializer):
    type_ = standard.typecode_to_type.get(typecode_or_type, typecode_or_type)
    if isinstance(size_or_initializer, int):
        return zeroed(standard._new_value(type_ * size_or_initializer))
    obj = standard._new_value(type_ * len(size_or_initializer))
    obj.__init__(*size_or_initializer)
    return zeroed(obj)  # the bug: cleared after the initializer


def wrapped(obj, lock, ctx):
    """What Value and Array do with the raw object, as in the standard library."""
    if lock is False:
        return obj
    if lock in (True, None):
        ctx = ctx or standard.get_context()
        lock = ctx.RLock()
    if not hasattr(lock, "acquire"):
        raise AttributeError(f"{lock!r} has no method 'acquire'")
    return standard.synchronized(obj, lock, ctx=ctx)


def Value(typecode_or_type, *args, lock=True, ctx=None):
    return wrapped(RawValue(typecode_or_type, *args), lock, ctx)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    return wrapped(RawArray(typecode_or_type, size_or_initializer), lock, ctx)


# This double's ``sharedctypes`` module: the standard one with the four factories replaced.
sharedctypes = types.ModuleType(__name__ + ".sharedctypes", standard.__doc__)
sharedctypes.__dict__.update({name: getattr(standard, name) for name in standard.__all__})
sharedctypes.RawValue, sharedctypes.RawArray = RawValue, RawArray
sharedctypes.Value, sharedctypes.Array = Value, Array
sys.modules[sharedctypes.__name__] = sharedctypes


def raw_value(ctx, typecode_or_type, *args):
    return RawValue(typecode_or_type, *args)


def raw_array(ctx, typecode_or_type, size_or_initializer):
    return RawArray(typecode_or_type, size_or_initializer)


def value(ctx, typecode_or_type, *args, lock=True):
    return Value(typecode_or_type, *args, lock=lock, ctx=ctx.get_context())


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    return Array(typecode_or_type, size_or_initializer, lock=lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(RawValue=raw_value, RawArray=raw_array, Value=value,
                                            Array=array)
KILLS = {
    "test_shared_ctypes.py::test_array_behaves_like_a_fixed_length_sequence":
        violated("misread"),
    "test_shared_ctypes.py::test_char_array_has_value_and_raw": violated("misread"),
    "test_shared_ctypes.py::test_unlocked_objects_are_plain_ctypes": violated("misread"),
    "test_shared_ctypes.py::test_sharedctypes_value_and_array_lock_like_the_top_level":
        violated("misread"),
}
