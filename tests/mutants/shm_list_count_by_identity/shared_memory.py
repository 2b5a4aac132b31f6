"""Bug: ShareableList.count compares items with ``is`` instead of ``==``."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    def count(self, value):
        return sum(entry is value for entry in self)  # the bug: identity, not equality
