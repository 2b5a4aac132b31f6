"""Bug: the sharedctypes module makes every default lock (Value's, Array's, and synchronized()'s
when none is given) with one helper that returns a plain ``ctx.Lock()``, so the holder of a
wrapper's default lock cannot take it again; the real module creates ``ctx.RLock()``, the
documented recursive lock."""

import sys
import types
from multiprocessing import sharedctypes as standard

from tests.mutants.base import mutant, violated


def default_lock(ctx):
    return ctx.Lock()  # the bug: ctx.RLock()


def synchronized(obj, lock=None, ctx=None):
    ctx = ctx or standard.get_context()
    return standard.synchronized(obj, default_lock(ctx) if lock is None else lock, ctx)


def wrapped(obj, lock, ctx):
    """What Value and Array do with the raw object, as in the standard library."""
    if lock is False:
        return obj
    if lock in (True, None):
        ctx = ctx or standard.get_context()
        lock = default_lock(ctx)
    if not hasattr(lock, "acquire"):
        raise AttributeError(f"{lock!r} has no method 'acquire'")
    return synchronized(obj, lock, ctx=ctx)


def Value(typecode_or_type, *args, lock=True, ctx=None):
    return wrapped(standard.RawValue(typecode_or_type, *args), lock, ctx)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    return wrapped(standard.RawArray(typecode_or_type, size_or_initializer), lock, ctx)


# This double's ``sharedctypes`` module: the standard one with its lock-making parts replaced.
sharedctypes = types.ModuleType(__name__ + ".sharedctypes", standard.__doc__)
sharedctypes.__dict__.update({name: getattr(standard, name) for name in standard.__all__})
sharedctypes.Value, sharedctypes.Array, sharedctypes.synchronized = Value, Array, synchronized
sys.modules[sharedctypes.__name__] = sharedctypes

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_ctypes.py::test_sharedctypes_value_and_array_lock_like_the_top_level":
        violated("not-recursive"),
    "test_shared_ctypes.py::test_synchronized_wraps_with_a_recursive_lock":
        violated("not-recursive"),
}
