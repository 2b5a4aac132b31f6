"""Bug: a synchronized Array pickles as a recipe (its ctypes element type, its current contents
and its lock), so a spawn or forkserver child rebuilds a new Array of the same contents in its
own memory: it shares the lock but not the items, and every update it makes stays in the child
(updates made under the lock by several children are all lost, yet none overlaps); the real
wrapper pickles its shared object by its shared-memory buffer, so the child writes the very
memory the parent reads (fork children, which inherit the object itself, are unaffected)."""

from multiprocessing import context, sharedctypes

from tests.mutants.base import SPAWNING, mutant, violated


class RecipeSynchronizedArray(sharedctypes.SynchronizedArray):
    def __reduce__(self):
        context.assert_spawning(self)
        return rebuild, (self._obj._type_, list(self._obj), self._lock)  # the bug


def rebuild(element_type, items, lock):
    return RecipeSynchronizedArray(sharedctypes.RawArray(element_type, items), lock)


def array(ctx, typecode_or_type, size_or_initializer, *, lock=True):
    wrapped = ctx.Array(typecode_or_type, size_or_initializer, lock=lock)
    if type(wrapped) is not sharedctypes.SynchronizedArray:
        return wrapped
    return RecipeSynchronizedArray(wrapped.get_obj(), wrapped.get_lock())


get_context, get_all_start_methods = mutant(Array=array)
KILLS = {
    "test_shared_ctypes.py::test_locked_array_updates_are_never_lost":
        violated("lost-update", under=SPAWNING),
}
