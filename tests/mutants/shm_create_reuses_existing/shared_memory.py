"""Bug: creating under a taken name opens the existing block (no O_EXCL) instead of raising
FileExistsError."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **options):
        if create and name is not None:
            try:
                super().__init__(name, True, size, **options)
                return
            except FileExistsError:
                create = False
                del self._flags  # back to the class's O_RDWR: attach to the existing block
        super().__init__(name, create, size, **options)
