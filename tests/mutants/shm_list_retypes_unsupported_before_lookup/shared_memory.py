"""Bug: assigning a value records the item's back-transform code before the value's format is
looked up, so a refused value of an unsupported type changes how the item is read back."""

import struct
from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    def __setitem__(self, position, value):
        index = position if position >= 0 else position + self._list_len
        if 0 <= index < self._list_len:  # the bug: before the format lookup that may refuse
            struct.pack_into("b", self.shm.buf, self._offset_back_transform_codes + index,
                             self._extract_recreation_code(value))
        super().__setitem__(position, value)
