"""The implementation's own classes: the standard library's, with ``with`` support added (a
block or list is closed when the block ends)."""

from multiprocessing import shared_memory as _stdlib


class SharedMemory(_stdlib.SharedMemory):
    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


class ShareableList(_stdlib.ShareableList):
    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.shm.close()
