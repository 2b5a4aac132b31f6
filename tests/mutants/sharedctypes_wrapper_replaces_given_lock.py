"""Bug: the synchronized wrappers' constructor creates a new RLock unconditionally (its
``if lock:`` test was lost), so ``synchronized(obj, lock)`` and the sharedctypes module's
``Value``/``Array(..., lock=lock)`` wrap with a lock of their own instead of the one given; the
real constructor makes an RLock only when no lock is passed."""

import ctypes
import sys
import types
from multiprocessing import context
from multiprocessing import sharedctypes as standard

from tests.mutants.base import mutant, violated


class OwnLock:
    def __init__(self, obj, lock=None, ctx=None):
        super().__init__(obj, None, ctx)  # the bug: the given lock is dropped

    def __reduce__(self):
        context.assert_spawning(self)
        return synchronized, (self._obj, self._lock)


class OwnLockSynchronized(OwnLock, standard.Synchronized):
    pass


class OwnLockSynchronizedArray(OwnLock, standard.SynchronizedArray):
    pass


class OwnLockSynchronizedString(OwnLock, standard.SynchronizedString):
    pass


class_cache = {}


def synchronized(obj, lock=None, ctx=None):
    assert not isinstance(obj, standard.SynchronizedBase), "object already synchronized"
    ctx = ctx or standard.get_context()
    if isinstance(obj, ctypes._SimpleCData):
        return OwnLockSynchronized(obj, lock, ctx)
    if isinstance(obj, ctypes.Array):
        if obj._type_ is ctypes.c_char:
            return OwnLockSynchronizedString(obj, lock, ctx)
        return OwnLockSynchronizedArray(obj, lock, ctx)
    cls = type(obj)
    if cls not in class_cache:
        fields = {name: standard.make_property(name) for name, *_ in cls._fields_}
        class_cache[cls] = type("OwnLockSynchronized" + cls.__name__,
                                (OwnLock, standard.SynchronizedBase), fields)
    return class_cache[cls](obj, lock, ctx)


def wrapped(obj, lock, ctx):
    """What Value and Array do with the raw object, as in the standard library."""
    if lock is False:
        return obj
    if lock in (True, None):
        ctx = ctx or standard.get_context()
        lock = ctx.RLock()
    if not hasattr(lock, "acquire"):
        raise AttributeError(f"{lock!r} has no method 'acquire'")
    return synchronized(obj, lock, ctx=ctx)


def Value(typecode_or_type, *args, lock=True, ctx=None):
    return wrapped(standard.RawValue(typecode_or_type, *args), lock, ctx)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    return wrapped(standard.RawArray(typecode_or_type, size_or_initializer), lock, ctx)


# This double's ``sharedctypes`` module: the standard one with its wrappers replaced.
sharedctypes = types.ModuleType(__name__ + ".sharedctypes", standard.__doc__)
sharedctypes.__dict__.update({name: getattr(standard, name) for name in standard.__all__})
sharedctypes.Value, sharedctypes.Array, sharedctypes.synchronized = Value, Array, synchronized
sys.modules[sharedctypes.__name__] = sharedctypes


def value(ctx, typecode_or_type, *args, lock=True):
    return Value(typecode_or_type, *args, lock=lock, ctx=ctx.get_context())


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    return Array(typecode_or_type, size_or_initializer, lock=lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Value=value, Array=array)
KILLS = {
    "test_shared_ctypes.py::test_synchronized_wraps_with_a_recursive_lock":
        violated("other-lock"),
    "test_shared_ctypes.py::test_sharedctypes_value_and_array_lock_like_the_top_level":
        violated("other-lock"),
    "test_shared_ctypes.py::test_given_lock_is_the_wrappers_lock": violated("other-lock"),
}
