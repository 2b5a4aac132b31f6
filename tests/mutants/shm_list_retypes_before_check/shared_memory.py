"""Bug: assigning a str or bytes records the item's new type before checking that the value
fits, so a refused assignment leaves the old value read back as the new type."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    def __setitem__(self, position, value):
        index = position if position >= 0 else position + self._list_len
        if isinstance(value, (str, bytes)) and 0 <= index < self._list_len:
            current = self._get_packing_format(index)
            room = self._allocated_offsets[index + 1] - self._allocated_offsets[index]
            new_format = current if current[-1] == "s" else "%ds" % room
            self._set_packing_format_and_transform(index, new_format, value)
        super().__setitem__(position, value)
