"""Bug: a created block's size is rounded up to whole pages, as on platforms whose kernel rounds,
but only the requested bytes are mapped: ``buf`` is shorter than ``size``."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)

import mmap


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **options):
        super().__init__(name, create, size, **options)
        if create:
            self._size = -(-self._size // mmap.PAGESIZE) * mmap.PAGESIZE
