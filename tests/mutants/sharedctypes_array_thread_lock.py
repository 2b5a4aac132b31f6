"""Bug: a synchronized Array's default lock is a ``threading.RLock``, which excludes only the
threads of one process: every process (forked, or unpickling the Array) has a lock of its own,
so ``with arr.get_lock(): arr[i] += 1`` in several processes loses increments."""

import threading

from multiprocessing import context, sharedctypes

from tests.mutants.base import mutant, violated


class ThreadLockedArray(sharedctypes.SynchronizedArray):
    def __init__(self, obj):
        super().__init__(obj, threading.RLock())

    def __reduce__(self):
        context.assert_spawning(self)
        return ThreadLockedArray, (self._obj,)


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    wrapped = ctx.Array(typecode_or_type, size_or_initializer, lock=lock)
    if lock is not True or type(wrapped) is not sharedctypes.SynchronizedArray:
        return wrapped
    return ThreadLockedArray(wrapped.get_obj())


get_context, get_all_start_methods = mutant(Array=array)
KILLS = {
    "test_shared_ctypes.py::test_locked_array_updates_are_never_lost":
        violated("overlapped", also=("lost-update",)),
}
