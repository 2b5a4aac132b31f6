"""Bug: a synchronized Array's slice assignment copies item by item as far as both sides go,
so a sequence of the wrong length is silently truncated instead of raising ValueError."""

from multiprocessing import sharedctypes

from tests.mutants.base import mutant, violated


class LenientSliceArray(sharedctypes.SynchronizedArray):
    def __setitem__(self, i, value):
        if not isinstance(i, slice):
            return super().__setitem__(i, value)
        with self:
            for index, item in zip(range(*i.indices(len(self._obj))), value):
                self._obj[index] = item


def array(ctx, *args, **kwargs):
    wrapped = ctx.Array(*args, **kwargs)
    if type(wrapped) is not sharedctypes.SynchronizedArray:
        return wrapped
    return LenientSliceArray(wrapped.get_obj(), wrapped.get_lock())


get_context, get_all_start_methods = mutant(Array=array)
KILLS = {
    "test_shared_ctypes.py::test_array_behaves_like_a_fixed_length_sequence": violated("returned"),
}
