"""Bug: the connection reads ahead (as much as is waiting, into its own buffer), but poll()
asks only the operating system whether data is waiting, not that buffer: once the last messages
have been read ahead, poll() says False and a receiver that polls before it receives never
gets them.  The real Connection reads no further than the message, so the pipe itself holds
what is left to read."""

import io
import os
from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated

READ_AHEAD = 65536


class ReadAheadConnection(connection.Connection):
    _ahead = None  # the bytes read past what the caller asked for; a bytearray once used

    def _recv(self, size, read=os.read):
        if self._ahead is None:
            self._ahead = bytearray()
        while len(self._ahead) < size:
            chunk = read(self._handle, max(READ_AHEAD, size - len(self._ahead)))
            if not chunk:
                if not self._ahead:
                    raise EOFError
                raise OSError("got end of file during message")
            self._ahead += chunk
        buf = io.BytesIO()
        buf.write(self._ahead[:size])
        del self._ahead[:size]
        return buf

    def _poll(self, timeout):
        # the bug: should first say True if self._ahead holds bytes
        return bool(connection.wait([self], timeout))


get_context, get_all_start_methods = mutant(Pipe=pipe_of(ReadAheadConnection))
KILLS = {
    "test_pipe.py::test_messages_cross_processes_intact_with_boundaries": violated("missing"),
}
