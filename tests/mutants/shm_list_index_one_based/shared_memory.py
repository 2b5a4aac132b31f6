"""Bug: ShareableList.index counts positions from 1."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    def index(self, value):
        for position, entry in enumerate(self, 1):  # the bug: positions start at 0
            if value == entry:
                return position
        raise ValueError(f"{value!r} not in this container")
