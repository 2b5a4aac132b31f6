"""Bug: ShareableList.index returns -1 for a value the list does not hold."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    def index(self, value):
        for position, entry in enumerate(self):
            if value == entry:
                return position
        return -1  # the bug: the real index() raises ValueError
