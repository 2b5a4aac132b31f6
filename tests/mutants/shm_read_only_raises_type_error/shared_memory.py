"""Bug: assigning ``name`` or ``size`` raises TypeError, not AttributeError."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    def __setattr__(self, attribute, value):
        if attribute in ("name", "size"):
            raise TypeError(f"SharedMemory.{attribute} is read-only")
        super().__setattr__(attribute, value)
