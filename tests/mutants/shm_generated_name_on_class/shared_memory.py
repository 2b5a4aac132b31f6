"""Bug: a generated name is stored on the class, not the instance, so every block created
without a name reports the last name generated."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **options):
        super().__init__(name, create, size, **options)
        if name is None:  # the bug: ``type(self)._name = name`` in the generating loop
            type(self)._name = vars(self).pop("_name")
