"""Bug: SharedMemory's public name is recorded from the name argument before a name is
generated, so a block created without a name reports ''."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **options):
        self._public_name = name or ""  # the bug: never updated to the generated name
        super().__init__(name, create, size, **options)

    @property
    def name(self):
        return self._public_name
