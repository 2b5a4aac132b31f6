"""Bug: a SharedMemory pickles its bytes, not its name: the unpickled object has the same name
but is a private copy, so writes through it are never seen by the creator."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)

import mmap


class SharedMemory(_stdlib.SharedMemory):
    def __reduce__(self):
        return (_private_copy, (self._name, bytes(self.buf)))


def _private_copy(name, data):
    copy = SharedMemory.__new__(SharedMemory)
    copy._name = name
    copy._size = len(data)
    copy._mmap = mmap.mmap(-1, len(data))
    copy._mmap[:] = data
    copy._buf = memoryview(copy._mmap)
    return copy
