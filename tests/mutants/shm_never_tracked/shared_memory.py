"""Bug: blocks are never registered with the resource tracker, so a block leaked by a program
whose processes all exited is never unlinked."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)

import _posixshmem
from multiprocessing import resource_tracker


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **options):
        super().__init__(name, create, size, **options)
        if getattr(self, "_track", True):  # undo the registration just made
            resource_tracker.unregister(self._name, "shared_memory")

    def unlink(self):
        if self._name:
            _posixshmem.shm_unlink(self._name)
