"""Bug: a synchronized Array reads and writes single items with ``struct.unpack_from`` and
``struct.pack_into`` on its buffer at ``index * itemsize`` (a negative index counting from the
end, as their negative offsets do) without checking the index against its length, so an index
out of range raises ``struct.error``; the real one indexes the ctypes array, which raises
IndexError."""

import struct
from multiprocessing import sharedctypes

from tests.mutants.base import mutant, violated


class StructArray(sharedctypes.SynchronizedArray):
    def _offset(self, i):
        view = memoryview(self._obj)
        return view.format, i * view.itemsize

    def __getitem__(self, i):
        if isinstance(i, slice):
            return super().__getitem__(i)
        with self:
            fmt, offset = self._offset(i)  # the bug: no check of i against len(self)
            return struct.unpack_from(fmt, self._obj, offset)[0]

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            return super().__setitem__(i, value)
        with self:
            fmt, offset = self._offset(i)
            struct.pack_into(fmt, self._obj, offset, value)


def array(ctx, *args, **kwargs):
    wrapped = ctx.Array(*args, **kwargs)
    if type(wrapped) is not sharedctypes.SynchronizedArray:
        return wrapped
    return StructArray(wrapped.get_obj(), wrapped.get_lock())


get_context, get_all_start_methods = mutant(Array=array)
KILLS = {
    "test_shared_ctypes.py::test_array_behaves_like_a_fixed_length_sequence":
        violated("raised-other"),
}
