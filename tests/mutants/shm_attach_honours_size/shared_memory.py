"""Bug: an attacher maps the size it asked for, not the block's own size."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)

import mmap


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **options):
        super().__init__(name, create, size, **options)
        if not create and size and size != self._size:
            self._buf.release()
            self._mmap.close()
            self._mmap = mmap.mmap(self._fd, size)  # ValueError past the end of the block
            self._size = size
            self._buf = memoryview(self._mmap)
