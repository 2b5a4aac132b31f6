"""Bug: ShareableList's ``len()`` counts the entries of its offsets table, which holds one more
entry than there are items (the end of the last item's data)."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    def __len__(self):
        if "_allocated_offsets" not in vars(self):  # attaching: the table is not read yet
            return super().__len__()
        return len(self._allocated_offsets)  # the bug: n item offsets and the end offset
