"""Bug: the size is validated only when creating (it is ignored when attaching anyway), so
attaching with a negative size succeeds instead of raising ValueError."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **options):
        if not create and name is not None and size < 0:
            size = 0
        super().__init__(name, create, size, **options)
