"""Bug: ShareableList turns a negative index into ``abs(index) - 1``, counting it from the start
instead of from the end."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


def _position(index):
    return abs(index) - 1 if isinstance(index, int) and index < 0 else index  # the bug


class ShareableList(_stdlib.ShareableList):
    def __getitem__(self, position):
        return super().__getitem__(_position(position))

    def __setitem__(self, position, value):
        super().__setitem__(_position(position), value)
