"""Bug: the creator takes its size from an fstat() made before ftruncate() sized the block."""

import _posixshmem
import mmap
import os
from multiprocessing import resource_tracker
from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0):
        if not size >= 0:
            raise ValueError("'size' must be a positive integer")
        if create:
            self._flags = _stdlib._O_CREX | os.O_RDWR
            if size == 0:
                raise ValueError("'size' must be a positive number different from zero")
        if name is None and not self._flags & os.O_EXCL:
            raise ValueError("'name' can only be None if create=True")
        if name is None:
            while True:
                name = _stdlib._make_filename()
                try:
                    self._fd = _posixshmem.shm_open(name, self._flags, mode=self._mode)
                except FileExistsError:
                    continue
                self._name = name
                break
        else:
            name = "/" + name if self._prepend_leading_slash else name
            self._fd = _posixshmem.shm_open(name, self._flags, mode=self._mode)
            self._name = name
        try:
            found = os.fstat(self._fd).st_size  # the bug: 0 for a block not yet truncated
            if create and size:
                os.ftruncate(self._fd, size)
            else:
                size = found
            self._mmap = mmap.mmap(self._fd, size)
        except OSError:
            self.unlink()
            raise
        resource_tracker.register(self._name, "shared_memory")
        self._size = found
        self._buf = memoryview(self._mmap)
