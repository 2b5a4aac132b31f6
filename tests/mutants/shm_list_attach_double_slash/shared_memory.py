"""Bug: ShareableList attaching by name hands SharedMemory the POSIX object name ``'/' + name``,
so its ``shm`` reports ``'/name'``."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    def __init__(self, sequence=None, *, name=None):
        if sequence is None and name is not None and not name.startswith("/"):
            name = "/" + name  # the bug: SharedMemory adds the slash itself
        super().__init__(sequence, name=name)
