"""Bug: a synchronized Value caches its value in the wrapper and reads the cache, so writes
made through get_obj() or by another process are never seen."""

from multiprocessing import context, sharedctypes

from tests.mutants.base import mutant, violated


class CachingSynchronized(sharedctypes.Synchronized):
    def __init__(self, obj, lock=None, ctx=None):
        super().__init__(obj, lock, ctx)
        self._cached = obj.value

    @property
    def value(self):
        return self._cached

    @value.setter
    def value(self, new):
        with self:
            self._obj.value = self._cached = new

    def __reduce__(self):
        context.assert_spawning(self)
        return CachingSynchronized, (self._obj, self._lock)


def value(ctx, typecode_or_type, *args, lock=True):
    wrapped = ctx.Value(typecode_or_type, *args, lock=lock)
    if not isinstance(wrapped, sharedctypes.Synchronized):
        return wrapped
    return CachingSynchronized(wrapped.get_obj(), wrapped.get_lock())


get_context, get_all_start_methods = mutant(Value=value)
KILLS = {
    "test_shared_ctypes.py::test_child_writes_are_visible_after_join": violated("not-visible"),
    "test_shared_ctypes.py::test_value_reads_and_writes_its_shared_object":
        violated("misread"),
}
