"""Bug: ShareableList refuses a value of a type it does not store with TypeError, not KeyError."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


def _check(value):
    if type(value) not in _stdlib.ShareableList._types_mapping:
        raise TypeError(f"ShareableList cannot store a {type(value).__name__}")  # the bug


class ShareableList(_stdlib.ShareableList):
    def __init__(self, sequence=None, *, name=None):
        for value in sequence or ():
            _check(value)
        super().__init__(sequence, name=name)

    def __setitem__(self, position, value):
        _check(value)
        super().__setitem__(position, value)
