"""Bug: an attacher given a size keeps that argument as its ``size``."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **options):
        super().__init__(name, create, size, **options)
        if not create and size:
            self._size = size  # the bug: the argument, not the block's size
