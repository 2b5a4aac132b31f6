"""Bug: the creator maps its new block copy-on-write (MAP_PRIVATE): what it writes stays in its
own pages and never reaches the block, so every other instance reads the block's zeros."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)

import mmap


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **options):
        super().__init__(name, create, size, **options)
        if create:
            self._buf.release()
            self._mmap.close()
            self._mmap = mmap.mmap(self._fd, self._size, flags=mmap.MAP_PRIVATE)
            self._buf = memoryview(self._mmap)
