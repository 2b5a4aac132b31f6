"""Bug: ShareableList.index scans until it finds the value, so for an absent value it runs off
the end and raises IndexError instead of ValueError."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    def index(self, value):
        position = 0
        while self[position] != value:
            position += 1
        return position
