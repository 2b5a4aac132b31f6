"""Bug: the error path of ``SharedMemory(name, create=True)`` unlinks the name whatever failed,
also when shm_open() failed because the name was taken by another block."""

import contextlib
from multiprocessing import resource_tracker
from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)

import _posixshmem


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **options):
        try:
            super().__init__(name, create, size, **options)
        except OSError:
            if create and name is not None:  # the bug: also when the open itself failed
                posix_name = "/" + name
                with contextlib.suppress(OSError):
                    _posixshmem.shm_unlink(posix_name)
                    resource_tracker.unregister(posix_name, "shared_memory")
            raise
