"""Bug: ShareableList.format returns the tuple of its items' formats, not one struct format."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    @property
    def format(self):
        return tuple(self._get_packing_format(i) for i in range(self._list_len))  # not joined
