"""Bug: the context's Value and Array do not forward ``lock=``, so a given lock is replaced by
a new one and ``lock=False`` still returns a synchronized wrapper."""

from tests.mutants.base import mutant, violated


def value(ctx, typecode_or_type, *args, lock=True):
    return ctx.Value(typecode_or_type, *args)


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    return ctx.Array(typecode_or_type, size_or_initializer)


get_context, get_all_start_methods = mutant(Value=value, Array=array)
KILLS = {
    "test_shared_ctypes.py::test_given_lock_is_the_wrappers_lock": violated("other-lock"),
    "test_shared_ctypes.py::test_unlocked_objects_are_plain_ctypes": violated("synchronized"),
}
