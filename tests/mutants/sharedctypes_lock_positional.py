"""Bug: ``lock`` is an ordinary positional parameter (``Value(typecode, value, lock)``,
``Array(typecode, size, lock)``), so a positional True/False silently becomes the lock setting."""

from tests.mutants.base import mutant, violated


def value(ctx, typecode_or_type, *args, lock=True):
    if len(args) == 2:
        args, lock = args[:1], args[1]
    return ctx.Value(typecode_or_type, *args, lock=lock)


def array(ctx, typecode_or_type, size_or_initializer, lock=True):
    return ctx.Array(typecode_or_type, size_or_initializer, lock=lock)


get_context, get_all_start_methods = mutant(Value=value, Array=array)
KILLS = {
    "test_shared_ctypes.py::test_lock_is_keyword_only": violated("returned"),
}
