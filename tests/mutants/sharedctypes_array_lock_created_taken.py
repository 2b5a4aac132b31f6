"""Bug: Array builds its default recursive lock directly on the semaphore primitive with initial
value 0 instead of 1 (``SemLock(RECURSIVE_MUTEX, 0, 1)``, the value read as "levels taken"), so
the lock is born taken, by nobody, and no one can ever acquire it; the real one makes
``ctx.RLock()``, a recursive SemLock created free (value 1, maximum 1)."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def default_lock(ctx):
    lock = synchronize.RLock.__new__(synchronize.RLock)
    synchronize.SemLock.__init__(lock, synchronize.RECURSIVE_MUTEX, 0, 1, ctx=ctx)
    return lock


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    if lock is True or lock is None:
        lock = default_lock(ctx)
    return ctx.Array(typecode_or_type, size_or_initializer, lock=lock)


get_context, get_all_start_methods = mutant(Array=array)
KILLS = {
    "test_shared_ctypes.py::test_default_lock_is_a_new_recursive_lock":
        violated("unacquirable"),
}
