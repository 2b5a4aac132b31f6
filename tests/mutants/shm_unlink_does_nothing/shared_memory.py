"""Bug: unlink() does nothing, as on Windows: the name stays attachable after it."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    def unlink(self):
        pass
