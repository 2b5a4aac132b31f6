"""The start gate of ``Scenario.start_together``: children wait at it until the parent opens it,
then all begin at once (staggered by their start-up instead, they would hide races).

Its truth is a board: slot ``GO`` opens it, slot ``1 + i`` says party i waits at it.  Where the
OS has named pipes, each side is also woken through one as soon as there is news (the parent
when a party arrives, the parties when the gate opens) instead of on its next poll of the board,
which backs off to a millisecond: both waits of every gated scenario paid that latency.  The
pipes carry no evidence and nothing rests on them: a party that misses a wake-up still sees the
board.  A party forked from the parent uses the parent's ends of the pipes, which it has already,
instead of opening them by name (two opens and closes were 40 of a fork child's microseconds):
the parent lists them in ``child.INHERITED_GATES``, which only a process forked from it has
filled in.

This is the parent's side; a party's is ``child.wait_at_gate``, so that children import no more
than that.
"""

import os
import time

from conformance.harness.board import Board
from conformance.harness.child import GO, INHERITED_GATES, readable

ARRIVED, OPENED = ".in", ".go"  # the pipes' names: the board's path and these


class Gate:
    def __init__(self, path, parties):
        self.board = Board(path, 1 + parties)
        self.pipes = None  # the path the pipes' names start with; None where there are none
        self._fds = []
        self._opened = self._arrived = None  # the ends the parent uses
        if hasattr(os, "mkfifo"):
            for name in (path + OPENED, path + ARRIVED):
                os.mkfifo(name)
                # The parent holds both ends of both pipes: the byte that opens the gate stays
                # readable for every party, whenever it looks, until the scenario ends; and a
                # pipe with a writer never reads as hung up.
                self._fds += [os.open(name, os.O_RDONLY | os.O_NONBLOCK),
                              os.open(name, os.O_WRONLY | os.O_NONBLOCK)]
            self.pipes = path
            self._opened, self._arrived = self._fds[1], self._fds[2]
            INHERITED_GATES[path] = (self._fds[0], self._fds[3])

    def party(self, index, deadline):
        """What party ``index`` takes to wait at the gate (``child.wait_at_gate``)."""
        return (self.board, self.pipes, index, deadline)

    def arrived(self, index, seconds):
        """Whether party ``index`` waits at the gate, waiting up to ``seconds`` for it."""
        end = time.monotonic() + seconds
        while self.board[1 + index] < 1 and self._arrived is not None:
            remaining = end - time.monotonic()
            if remaining <= 0 or not readable(self._arrived, remaining):
                break
            try:
                if not os.read(self._arrived, 4096):
                    break  # readable, yet nothing to read (odd pipe semantics): poll the board
            except BlockingIOError:
                break
        return self.board.wait_until(1 + index, 1, max(0.0, end - time.monotonic()))

    def open(self):
        self.board[GO] = 1
        if self._opened is not None:
            os.write(self._opened, b"\0")

    def close(self):
        INHERITED_GATES.pop(self.pipes, None)
        for fd in self._fds:
            os.close(fd)
        self._fds.clear()
        self.board.close()
