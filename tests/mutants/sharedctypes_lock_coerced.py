"""Bug: a ``lock=`` argument without an ``acquire`` method is silently replaced by a new RLock
instead of being refused."""

from tests.mutants.base import mutant, violated


def lenient(ctx, lock):
    if lock is not True and lock is not False and not hasattr(lock, "acquire"):
        return ctx.RLock()
    return lock


def value(ctx, typecode_or_type, *args, lock=True):
    return ctx.Value(typecode_or_type, *args, lock=lenient(ctx, lock))


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    return ctx.Array(typecode_or_type, size_or_initializer, lock=lenient(ctx, lock))


get_context, get_all_start_methods = mutant(Value=value, Array=array)
KILLS = {
    "test_shared_ctypes.py::test_lock_without_acquire_is_refused": violated("returned"),
}
