"""Bug: synchronized wrappers implement the context-manager protocol without taking their
lock, so ``with v:`` protects nothing."""

from multiprocessing import sharedctypes

from tests.mutants.base import mutant, violated


class Unguarded:
    def __enter__(self):
        return True

    def __exit__(self, *exc_info):
        return False


class UnguardedSynchronized(Unguarded, sharedctypes.Synchronized):
    pass


class UnguardedArray(Unguarded, sharedctypes.SynchronizedArray):
    pass


class UnguardedString(Unguarded, sharedctypes.SynchronizedString):
    pass


UNGUARDED = {sharedctypes.Synchronized: UnguardedSynchronized,
             sharedctypes.SynchronizedArray: UnguardedArray,
             sharedctypes.SynchronizedString: UnguardedString}


def unguarded(wrapped):
    cls = UNGUARDED.get(type(wrapped))
    return wrapped if cls is None else cls(wrapped.get_obj(), wrapped.get_lock())


def value(ctx, *args, **kwargs):
    return unguarded(ctx.Value(*args, **kwargs))


def array(ctx, *args, **kwargs):
    return unguarded(ctx.Array(*args, **kwargs))


get_context, get_all_start_methods = mutant(Value=value, Array=array)
KILLS = {
    "test_shared_ctypes.py::test_wrapper_context_manager_holds_its_lock": violated("not-held"),
}
