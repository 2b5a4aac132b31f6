"""Bug: close() zero-fills the memory it maps before unmapping it, erasing the shared block."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    def close(self):
        if self._buf is not None:
            self._buf[:] = bytes(len(self._buf))  # the bug: the mapping is shared
        super().close()
