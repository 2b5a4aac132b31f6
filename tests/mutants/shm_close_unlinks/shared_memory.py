"""Bug: the creating instance's close() also unlinks the block, as if the creator owned its
lifetime: the block can no longer be attached once its creator closed it."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    _created = False

    def __init__(self, name=None, create=False, size=0, **options):
        super().__init__(name, create, size, **options)
        self._created = create

    def close(self):
        super().close()
        if self._created:
            self._created = False
            self.unlink()
