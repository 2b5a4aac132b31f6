"""Bug: a ShareableList converts an assigned int through a C ``int64_t`` (``ctypes.c_int64``),
which wraps silently, so an int outside the signed 64-bit range is stored as another number
instead of being refused."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)

import ctypes


class ShareableList(_stdlib.ShareableList):
    def __setitem__(self, position, value):
        if type(value) is int:
            value = ctypes.c_int64(value).value
        super().__setitem__(position, value)
