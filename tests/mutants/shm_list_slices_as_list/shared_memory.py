"""Bug: ShareableList answers a slice with a plain list of the sliced items instead of raising
TypeError."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    def __getitem__(self, position):
        if isinstance(position, slice):  # the bug: a copy of the items, as a list slices
            return [super(ShareableList, self).__getitem__(index)
                    for index in range(*position.indices(self._list_len))]
        return super().__getitem__(position)
