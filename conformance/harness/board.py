"""The evidence board: int64 slots in a memory-mapped file shared by parent and children.

Evidence must not travel through the implementation under test (a broken shared Value would
hide a broken Lock), so the kit brings its own channel.  Each slot has exactly one writer by
convention; aligned 8-byte stores are single instructions on every platform CPython supports, and
the synchronisation calls between a write and the read that judges it are full memory barriers.
"""

import mmap
import os
import time

SLOT_BYTES = 8
# Polling starts fine-grained (a fork child is ready within a millisecond) and backs off, so a
# long wait (a spawn child booting) costs little CPU.
FIRST_POLL = 0.00005
LAST_POLL = 0.001


class Board:
    """A fixed number of int64 slots, re-attached by path in every process that unpickles it."""

    def __init__(self, path, slots=None):
        self.path = path
        flags = os.O_RDWR | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags if slots is None else flags | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            if slots is not None:
                os.ftruncate(fd, slots * SLOT_BYTES)
            self._map = mmap.mmap(fd, os.fstat(fd).st_size)
        finally:
            os.close(fd)
        self._slots = memoryview(self._map).cast("q")

    def __reduce__(self):
        return (Board, (self.path,))

    def __len__(self):
        return len(self._slots)

    def __getitem__(self, index):
        return self._slots[index]

    def __setitem__(self, index, value):
        self._slots[index] = value

    def wait_until(self, slot, value, deadline):
        """Poll until ``self[slot] >= value``; False if ``deadline`` seconds pass first.

        Only for liveness (a signal between processes), never to judge safety.
        """
        end = time.monotonic() + deadline
        poll = FIRST_POLL
        while self._slots[slot] < value:
            if time.monotonic() > end:
                return False
            time.sleep(poll)
            poll = min(poll * 2, LAST_POLL)
        return True

    def snapshot(self):
        return self._slots.tolist()

    def close(self):
        self._slots.release()
        self._map.close()
