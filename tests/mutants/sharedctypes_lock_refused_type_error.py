"""Bug: Value and Array refuse a ``lock=`` argument without an ``acquire`` method with
TypeError; the real ones raise AttributeError ("... has no method 'acquire'")."""

from tests.mutants.base import mutant, violated


def checked(lock):
    if lock is not True and lock is not False and lock is not None \
            and not hasattr(lock, "acquire"):
        raise TypeError(f"lock must be a bool or a lock, not {type(lock).__name__}")  # the bug
    return lock


def value(ctx, typecode_or_type, *args, lock=True):
    return ctx.Value(typecode_or_type, *args, lock=checked(lock))


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    return ctx.Array(typecode_or_type, size_or_initializer, lock=checked(lock))


get_context, get_all_start_methods = mutant(Value=value, Array=array)
KILLS = {
    "test_shared_ctypes.py::test_lock_without_acquire_is_refused": violated("raised-other"),
}
