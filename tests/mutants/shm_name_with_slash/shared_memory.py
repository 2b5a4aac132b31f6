"""Bug: ``name`` reports the POSIX object name with its leading slash ('/myname')."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    @property
    def name(self):
        return self._name
