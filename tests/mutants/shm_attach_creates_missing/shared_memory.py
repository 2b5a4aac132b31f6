"""Bug: attaching opens the name with O_CREAT (open-or-create), so attaching to a name no block
has makes a new block instead of raising FileNotFoundError."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)

import mmap


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **options):
        if not create and name is not None:
            try:
                super().__init__(name, False, size, **options)
                return
            except FileNotFoundError:
                create, size = True, size or mmap.PAGESIZE
        super().__init__(name, create, size, **options)
