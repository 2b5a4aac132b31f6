"""Bug: a synchronized Value's get_lock() makes a new lock on every call, so
``with v.get_lock(): v.value += 1`` in two processes excludes nobody and increments are lost."""

import multiprocessing
from multiprocessing import context, sharedctypes

from tests.mutants.base import mutant, violated


class FreshLockSynchronized(sharedctypes.Synchronized):
    def get_lock(self):
        return multiprocessing.get_context("fork").RLock()

    def __reduce__(self):
        context.assert_spawning(self)
        return FreshLockSynchronized, (self._obj, self._lock)


def value(ctx, typecode_or_type, *args, lock=True):
    wrapped = ctx.Value(typecode_or_type, *args, lock=lock)
    if lock is False:
        return wrapped
    return FreshLockSynchronized(wrapped.get_obj(), wrapped.get_lock())


get_context, get_all_start_methods = mutant(Value=value)
KILLS = {
    "test_shared_ctypes.py::test_locked_increments_are_never_lost":
        violated("overlapped", also=("lost-update",)),
    "test_shared_ctypes.py::test_default_lock_is_a_new_recursive_lock":
        violated("fresh-each-call"),
}
