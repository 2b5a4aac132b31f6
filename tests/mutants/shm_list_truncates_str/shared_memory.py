"""Bug: a str or bytes too long for its ShareableList slot is cut to fit instead of refused."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    def __setitem__(self, position, value):
        index = position if position >= 0 else position + self._list_len
        if isinstance(value, (str, bytes)) and 0 <= index < self._list_len:
            room = self._allocated_offsets[index + 1] - self._allocated_offsets[index]
            if isinstance(value, str):
                value = value.encode("utf-8")[:room].decode("utf-8", "ignore")
            else:
                value = value[:room]
        super().__setitem__(position, value)
