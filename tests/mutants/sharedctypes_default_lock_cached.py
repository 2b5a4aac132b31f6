"""Bug: Value and Array make their default recursive lock once per context and hand the cached
lock to every wrapper, so unrelated values serialise on one lock (and a holder of one value's
lock blocks every other); the real ones create a new RLock for each wrapper made with
``lock=True`` (the default)."""

import functools

from tests.mutants.base import mutant, violated


@functools.cache
def default_lock(ctx):
    return ctx.RLock()


def value(ctx, typecode_or_type, *args, lock=True):
    if lock is True or lock is None:
        lock = default_lock(ctx)
    return ctx.Value(typecode_or_type, *args, lock=lock)


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    if lock is True or lock is None:
        lock = default_lock(ctx)
    return ctx.Array(typecode_or_type, size_or_initializer, lock=lock)


get_context, get_all_start_methods = mutant(Value=value, Array=array)
KILLS = {
    "test_shared_ctypes.py::test_default_lock_is_a_new_recursive_lock": violated("shared"),
}
