"""The evidence board: int64 slots in a memory-mapped file shared by parent and children.

Evidence must not travel through the implementation under test (a broken shared Value would
hide a broken Lock), so the kit brings its own channel.  Each slot has exactly one writer by
convention; aligned 8-byte stores are single instructions on every platform CPython supports, and
the synchronisation calls between a write and the read that judges it are full memory barriers.
"""

import contextlib
import mmap
import os
import select
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
        if slots is not None:
            with open(path, "wb") as f:
                f.truncate(slots * SLOT_BYTES)
        with open(path, "r+b") as f:
            self._map = mmap.mmap(f.fileno(), os.fstat(f.fileno()).st_size)
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


class Gate:
    """A start gate: parties wait at it until the parent opens it, then all begin at once.

    Its truth is a board: slot ``GO`` opens it, slot ``1 + i`` says party i waits at it.  Where
    the OS has named pipes, each side is also woken through one as soon as there is news (the
    parent when a party arrives, the parties when the gate opens) instead of on its next poll of
    the board, which backs off to a millisecond: both waits of every gated scenario paid that
    latency.  The pipes carry no evidence and nothing rests on them: a party that misses a
    wake-up still sees the board.  Parties re-attach by path, like a board.
    """

    GO = 0

    def __init__(self, path, parties=None):
        self.path = path
        self.board = Board(path, None if parties is None else 1 + parties)
        self._opened = self._arrived = None  # parent only: write end, read end
        self._fds = []
        if parties is not None and hasattr(os, "mkfifo"):
            for pipe in (path + ".go", path + ".in"):
                os.mkfifo(pipe)
                # The parent holds both ends of both pipes: a byte written to ".go" stays
                # readable for every party, whenever it looks, until the scenario ends; and a
                # pipe with a writer never reads as hung up.
                self._fds += [os.open(pipe, os.O_RDONLY | os.O_NONBLOCK),
                              os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)]
            self._opened, self._arrived = self._fds[1], self._fds[2]

    def __reduce__(self):
        return (Gate, (self.path,))

    # --- the parent ------------------------------------------------------------------------

    def arrived(self, index, seconds):
        """Whether party ``index`` waits at the gate, waiting up to ``seconds`` for it."""
        if self._arrived is None:
            return self.board.wait_until(1 + index, 1, seconds)
        end = time.monotonic() + seconds
        while self.board[1 + index] < 1:
            remaining = end - time.monotonic()
            if remaining <= 0 or not _readable(self._arrived, remaining):
                return self.board[1 + index] >= 1
            if not _drain(self._arrived):  # readable yet empty: odd pipe semantics; poll
                return self.board.wait_until(1 + index, 1, max(0.0, end - time.monotonic()))
        return True

    def open(self):
        self.board[self.GO] = 1
        if self._opened is not None:
            os.write(self._opened, b"\0")

    def close(self):
        for fd in self._fds:
            os.close(fd)
        self._fds.clear()
        self.board.close()

    # --- a party ---------------------------------------------------------------------------

    def wait(self, index, seconds):
        """Say that party ``index`` waits at the gate, and wait up to ``seconds`` for it to
        open; False if it did not."""
        end = time.monotonic() + seconds
        opened = _open_pipe(self.path + ".go", os.O_RDONLY)
        try:
            self.board[1 + index] = 1
            arrived = _open_pipe(self.path + ".in", os.O_WRONLY)
            if arrived is not None:
                with contextlib.suppress(OSError):
                    os.write(arrived, b"\0")
                os.close(arrived)
            if opened is not None and self.board[self.GO] < 1:
                _readable(opened, end - time.monotonic())
            # Woken or not, the board says whether the gate opened; woken without it (a platform's
            # odd pipe semantics), poll the board for the rest of the time.
            return self.board.wait_until(self.GO, 1, max(0.0, end - time.monotonic()))
        finally:
            if opened is not None:
                os.close(opened)


def _open_pipe(path, flags):
    """A non-blocking end of a gate's named pipe; None where there is none (or it is gone)."""
    if not hasattr(os, "mkfifo"):
        return None
    try:
        return os.open(path, flags | os.O_NONBLOCK)
    except OSError:
        return None


def _readable(fd, seconds):
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        return bool(poller.poll(max(0, int(seconds * 1000) + 1)))
    return bool(select.select([fd], [], [], max(0.0, seconds))[0])


def _drain(fd):
    """Read what the pipe holds; how many bytes that was."""
    try:
        return len(os.read(fd, 4096))
    except OSError:
        return 0
