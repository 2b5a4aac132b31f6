"""Bug: a ShareableList caches each item's value on first read and forgets it only on its own
writes, so it never sees another process's writes to items it has read."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    def _cache(self):
        return self.__dict__.setdefault("_read_cache", {})

    def __getitem__(self, position):
        index = position if position >= 0 else position + self._list_len
        if index not in self._cache():
            self._cache()[index] = super().__getitem__(position)
        return self._cache()[index]

    def __setitem__(self, position, value):
        super().__setitem__(position, value)
        self._cache().pop(position if position >= 0 else position + self._list_len, None)
