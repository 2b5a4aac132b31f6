"""Bug: Value and Array with ``lock=False`` return a lock-less wrapper around the raw object
(the synchronized wrapper's accessors, ``value``, indexing, ``get_obj()``, without a lock)
instead of the raw ctypes object itself, so code that needs a ctypes object (``ctypes.sizeof``,
``memoryview``, passing it to C) gets something else; the real ones return the object that
RawValue or RawArray made."""

import sys
import types
from multiprocessing import sharedctypes as standard

from tests.mutants.base import mutant, violated


class Unsynchronized:
    """Forwards to the raw object, unlocked."""

    def __init__(self, obj):
        self._obj = obj

    def get_obj(self):
        return self._obj

    @property
    def value(self):
        return self._obj.value

    @value.setter
    def value(self, new):
        self._obj.value = new

    def __len__(self):
        return len(self._obj)

    def __getitem__(self, i):
        return self._obj[i]

    def __setitem__(self, i, value):
        self._obj[i] = value

    def __repr__(self):
        return f"<Unsynchronized wrapper for {self._obj}>"


def wrapped(obj, lock, ctx):
    """What Value and Array do with the raw object."""
    if lock is False:
        return Unsynchronized(obj)  # the bug: return obj
    if lock in (True, None):
        ctx = ctx or standard.get_context()
        lock = ctx.RLock()
    if not hasattr(lock, "acquire"):
        raise AttributeError(f"{lock!r} has no method 'acquire'")
    return standard.synchronized(obj, lock, ctx=ctx)


def Value(typecode_or_type, *args, lock=True, ctx=None):
    return wrapped(standard.RawValue(typecode_or_type, *args), lock, ctx)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    return wrapped(standard.RawArray(typecode_or_type, size_or_initializer), lock, ctx)


# This double's ``sharedctypes`` module: the standard one with Value and Array replaced.
sharedctypes = types.ModuleType(__name__ + ".sharedctypes", standard.__doc__)
sharedctypes.__dict__.update({name: getattr(standard, name) for name in standard.__all__})
sharedctypes.Value, sharedctypes.Array = Value, Array
sys.modules[sharedctypes.__name__] = sharedctypes


def value(ctx, typecode_or_type, *args, lock=True):
    return Value(typecode_or_type, *args, lock=lock, ctx=ctx.get_context())


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    return Array(typecode_or_type, size_or_initializer, lock=lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Value=value, Array=array)
KILLS = {
    "test_shared_ctypes.py::test_unlocked_objects_are_plain_ctypes": violated("not-ctypes"),
    "test_shared_ctypes.py::test_sharedctypes_value_and_array_lock_like_the_top_level":
        violated("not-ctypes"),
}
