"""Bug: ShareableList checks that an assigned str or bytes fits its slot with ``assert``."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    def __setitem__(self, position, value):
        index = position if position >= 0 else position + self._list_len
        if isinstance(value, (str, bytes)) and 0 <= index < self._list_len:
            room = self._allocated_offsets[index + 1] - self._allocated_offsets[index]
            encoded = value.encode("utf-8") if isinstance(value, str) else value
            assert len(encoded) <= room, "bytes/str item exceeds available storage"  # the bug
        super().__setitem__(position, value)
