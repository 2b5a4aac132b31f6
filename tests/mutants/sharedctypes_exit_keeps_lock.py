"""Bug: a synchronized wrapper's ``__exit__`` names its lock's release method without calling
it (``self._lock.release``, parentheses missing), so ``with v:`` leaves the lock held by the
thread that ran the block; the real one calls ``self._lock.__exit__(*args)`` and frees it."""

from multiprocessing import sharedctypes

from tests.mutants.base import mutant, violated


class KeepsLock:
    def __exit__(self, *exc_info):
        self._lock.release  # noqa: B018 - the bug: the call is missing
        return False


class KeepsLockSynchronized(KeepsLock, sharedctypes.Synchronized):
    pass


class KeepsLockArray(KeepsLock, sharedctypes.SynchronizedArray):
    pass


class KeepsLockString(KeepsLock, sharedctypes.SynchronizedString):
    pass


KEEPING = {sharedctypes.Synchronized: KeepsLockSynchronized,
           sharedctypes.SynchronizedArray: KeepsLockArray,
           sharedctypes.SynchronizedString: KeepsLockString}


def keeping(wrapped):
    cls = KEEPING.get(type(wrapped))
    return wrapped if cls is None else cls(wrapped.get_obj(), wrapped.get_lock())


def value(ctx, *args, **kwargs):
    return keeping(ctx.Value(*args, **kwargs))


def array(ctx, *args, **kwargs):
    return keeping(ctx.Array(*args, **kwargs))


get_context, get_all_start_methods = mutant(Value=value, Array=array)
KILLS = {
    "test_shared_ctypes.py::test_wrapper_context_manager_holds_its_lock":
        violated("still-held"),
}
