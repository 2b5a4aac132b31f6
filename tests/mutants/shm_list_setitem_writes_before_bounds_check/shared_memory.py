"""Bug: ShareableList.__setitem__ checks the position only through the offsets table (one entry
more than the items) and packs the value before the check that refuses position ``len``."""

import struct
from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    def __setitem__(self, position, value):
        position = position if position >= 0 else position + self._list_len
        try:
            item_offset = self._allocated_offsets[position]  # the bug: position len passes
            offset = self._offset_data_start + item_offset
            if isinstance(value, (str, bytes)):
                allocated_length = self._allocated_offsets[position + 1] - item_offset
                current_format = self._get_packing_format(position)
        except IndexError:
            raise IndexError("assignment index out of range") from None
        if not isinstance(value, (str, bytes)):
            new_format = self._types_mapping[type(value)]
            encoded_value = value
        else:
            encoded_value = value.encode("utf-8") if isinstance(value, str) else value
            if len(encoded_value) > allocated_length:
                raise ValueError("bytes/str item exceeds available storage")
            new_format = (current_format if current_format[-1] == "s"
                          else self._types_mapping[str] % (allocated_length,))
        struct.pack_into(new_format, self.shm.buf, offset, encoded_value)  # before the check
        self._set_packing_format_and_transform(position, new_format, value)
