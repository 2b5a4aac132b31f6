"""Bug: the bounds check on reading an item's format is off by one, so index ``len`` passes it and
reads the metadata past the last item instead of raising IndexError."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)

import struct


class ShareableList(_stdlib.ShareableList):
    def _get_packing_format(self, position):
        position = position if position >= 0 else position + self._list_len
        if position > self._list_len:
            raise IndexError("Requested position out of range.")
        raw = struct.unpack_from("8s", self.shm.buf, self._offset_packing_formats + position * 8)
        return raw[0].rstrip(b"\x00").decode("utf-8", "replace")
