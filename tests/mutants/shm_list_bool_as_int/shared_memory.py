"""Bug: ShareableList stores bools with the int format (``isinstance(value, int)`` dispatch), so
they come back as 0 and 1."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import SharedMemory  # noqa: F401 (unchanged)


class ShareableList(_stdlib.ShareableList):
    _types_mapping = {**_stdlib.ShareableList._types_mapping, bool: "q"}
