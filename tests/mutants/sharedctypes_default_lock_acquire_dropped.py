"""Bug: the sharedctypes module makes every default lock (Value's, Array's, and synchronized()'s
when none is given) from a recursive-lock class of its own whose acquire() forwards to the
semaphore but drops its result (the ``return`` is missing), so ``get_lock().acquire(...)``
returns None even when it took the lock (``with`` blocks, which ignore the result, still work);
the real module makes ``ctx.RLock()``, whose acquire returns True once it holds the lock."""

import sys
import types
from multiprocessing import sharedctypes as standard
from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class DefaultLock(synchronize.RLock):
    def _make_methods(self):
        super()._make_methods()
        semlock_acquire = self._semlock.acquire

        def acquire(block=True, timeout=None):
            semlock_acquire(block, timeout)  # the bug: ``return`` is missing

        self.acquire = acquire


def default_lock(ctx):
    return DefaultLock(ctx=ctx.get_context())


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


def value(ctx, typecode_or_type, *args, lock=True):
    return Value(typecode_or_type, *args, lock=lock, ctx=ctx.get_context())


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    return Array(typecode_or_type, size_or_initializer, lock=lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Value=value, Array=array)
KILLS = {
    "test_shared_ctypes.py::test_synchronized_wraps_with_a_recursive_lock":
        violated("unacquirable"),
    "test_shared_ctypes.py::test_sharedctypes_value_and_array_lock_like_the_top_level":
        violated("unacquirable"),
}
