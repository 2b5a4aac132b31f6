"""Bug: Value and Array create a plain Lock by default instead of a recursive RLock, so
``with v.get_lock(): v.value += 1`` deadlocks on the wrapper's own locked read."""

from tests.mutants.base import mutant, timed_out, violated


def value(ctx, typecode_or_type, *args, lock=True):
    if lock is True or lock is None:
        lock = ctx.Lock()
    return ctx.Value(typecode_or_type, *args, lock=lock)


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    if lock is True or lock is None:
        lock = ctx.Lock()
    return ctx.Array(typecode_or_type, size_or_initializer, lock=lock)


get_context, get_all_start_methods = mutant(Value=value, Array=array)
KILLS = {
    "test_shared_ctypes.py::test_default_lock_is_a_new_recursive_lock":
        violated("not-recursive"),
    "test_shared_ctypes.py::test_locked_increments_are_never_lost":
        timed_out("Value.get_lock().acquire"),
}
