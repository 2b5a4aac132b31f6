"""Bug: a SharedMemory pickles its internal POSIX name (``_name``, with the leading slash)
instead of its public ``name``, so the unpickled instance reports '/name'."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    def __reduce__(self):
        return (self.__class__, (self._name, False, self.size))
