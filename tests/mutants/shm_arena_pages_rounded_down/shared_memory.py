"""Bug: blocks created without a name are carved from a shared arena on page boundaries, the next
boundary found by rounding the size down to whole pages instead of up, so consecutive blocks
may overlap.

A carved block is named ``<arena>+<offset>+<size>``; attaching by such a name maps the arena
and takes the block's slice of it.
"""

import mmap
from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)

ARENA_SIZE = 1 << 20
_arena = {"block": None, "next": 0}


def _carve(size):
    """(arena block, offset) for a new block of ``size`` bytes."""
    if _arena["block"] is None or _arena["next"] + size > ARENA_SIZE:
        _arena["block"] = _stdlib.SharedMemory(create=True, size=ARENA_SIZE)
        _arena["next"] = 0
    offset = _arena["next"]
    _arena["next"] = offset + size // mmap.PAGESIZE * mmap.PAGESIZE  # the bug: not up
    return _arena["block"], offset


class SharedMemory(_stdlib.SharedMemory):
    _arena_block = None

    def __init__(self, name=None, create=False, size=0, **options):
        carved = create and name is None and 0 < size <= ARENA_SIZE
        parts = name.split("+") if isinstance(name, str) and not create else ()
        if not carved and len(parts) != 3:
            super().__init__(name, create, size, **options)
            return
        if carved:
            arena, offset = _carve(size)
        else:
            arena, offset, size = _stdlib.SharedMemory(parts[0]), int(parts[1]), int(parts[2])
        self._arena_block = arena
        self._name = f"/{arena.name}+{offset}+{size}"
        self._fd = -1
        self._mmap = None
        self._size = size
        self._buf = arena.buf[offset:offset + size]

    def unlink(self):
        if self._arena_block is None:
            super().unlink()  # a carved block goes with its arena
