"""Bug: ``track=False`` is accepted but ignored: the block is registered with the resource tracker
anyway, which unlinks it when its creator's program exits."""

import inspect

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    if "track" in inspect.signature(_stdlib.SharedMemory).parameters:
        def __init__(self, name=None, create=False, size=0, *, track=True):
            super().__init__(name, create, size)
