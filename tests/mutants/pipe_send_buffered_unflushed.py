"""Bug: send() coalesces writes in the connection's own buffer, to save system calls, and writes
the buffer out only once it fills: nothing flushes it after a message, so a small message stays
in the sender and the receiver never sees it.  The real Connection writes every message to the
pipe before send() returns."""

import os

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated

BUFFER_SIZE = 8192


class BufferedConnection(connection.Connection):
    _pending = None  # bytes not yet written; a bytearray once used

    def _send(self, buf, write=os.write):
        if self._pending is None:
            self._pending = bytearray()
        self._pending += buf
        if len(self._pending) >= BUFFER_SIZE:  # the bug: no flush at the end of a message
            view = memoryview(self._pending)
            while view:
                view = view[write(self._handle, view):]
            self._pending = bytearray()


get_context, get_all_start_methods = mutant(Pipe=pipe_of(BufferedConnection))
KILLS = {
    "test_pipe.py::test_poll_waits_its_timeout_when_nothing_arrives": violated("lost"),
    "test_pipe.py::test_send_bytes_sends_the_slice_or_rejects_it": violated("lost"),
}
