"""Bug: ``name`` and ``size`` are plain attributes, so assigning them succeeds."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    name = None
    size = None

    def __init__(self, name=None, create=False, size=0, **options):
        super().__init__(name, create, size, **options)
        self.name = _stdlib.SharedMemory.name.fget(self)
        self.size = self._size
