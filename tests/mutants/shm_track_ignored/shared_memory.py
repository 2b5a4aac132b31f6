"""Bug: ``track=False`` is accepted but ignored: the block is registered with the resource tracker
anyway, which unlinks it when its creator's program exits.  (Shows on every version: this
double takes ``track`` even where the standard library does not.)"""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0, *, track=True):
        super().__init__(name, create, size)
