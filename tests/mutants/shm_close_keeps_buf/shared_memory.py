"""Bug: close() releases the memoryview but keeps it (``_buf`` is not reset to None)."""

import os

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    def close(self):
        if self._buf is not None:
            self._buf.release()  # the bug: self._buf stays, released
        if self._mmap is not None:
            self._mmap.close()
            self._mmap = None
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
