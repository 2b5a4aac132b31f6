"""Bug: a ShareableList stores its items' offsets in 16 bits, so once its data passes 64 KiB
the offsets written to the block wrap around: the creator (which keeps its own offsets) reads
well, but a list attached by name or unpickled reads the wrong bytes for later items and for
the items' formats."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)

import struct

OFFSET_MASK = 0xFFFF


class ShareableList(_stdlib.ShareableList):
    def __init__(self, sequence=None, *, name=None):
        super().__init__(sequence, name=name)
        if sequence is not None:  # made here: the offsets as a 16-bit field keeps them
            struct.pack_into("q" * (self._list_len + 1), self.shm.buf, 8,
                             *(offset & OFFSET_MASK for offset in self._allocated_offsets))
