"""Bug: a synchronized Value pickles as a recipe (its ctypes type, its current value and its
lock), so a spawn or forkserver child rebuilds a new Value of the same contents in its own
memory: it shares the lock but not the value, and every write it makes stays in the child
(increments made under the lock by several children are all lost, yet none overlaps); the real
wrapper pickles its shared object by its shared-memory buffer (``rebuild_ctype`` of the
object's ``_wrapper``), so the child writes the very memory the parent reads (fork children,
which inherit the object itself, are unaffected)."""

from multiprocessing import context, sharedctypes

from tests.mutants.base import SPAWNING, mutant, violated


class RecipeSynchronized(sharedctypes.Synchronized):
    def __reduce__(self):
        context.assert_spawning(self)
        return rebuild, (type(self._obj), self._obj.value, self._lock)  # the bug


def rebuild(type_, value, lock):
    return RecipeSynchronized(sharedctypes.RawValue(type_, value), lock)


def value(ctx, typecode_or_type, *args, lock=True):
    wrapped = ctx.Value(typecode_or_type, *args, lock=lock)
    if type(wrapped) is not sharedctypes.Synchronized:
        return wrapped
    return RecipeSynchronized(wrapped.get_obj(), wrapped.get_lock())


get_context, get_all_start_methods = mutant(Value=value)
KILLS = {
    "test_shared_ctypes.py::test_locked_increments_are_never_lost":
        violated("lost-update", under=SPAWNING),
    "test_shared_ctypes.py::test_child_writes_are_visible_after_join":
        violated("not-visible", under=SPAWNING),
}
