"""Bug: end of file is reported as OSError("got end of file during message") whether or not a
message was begun: the reader of a closed peer's connection gets OSError instead of EOFError.
The real Connection raises EOFError when end of file comes before a message's first byte, and
OSError only when it cuts a message short."""

import io
import os
from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class EofIsErrorConnection(connection.Connection):
    def _recv(self, size, read=os.read):
        buf = io.BytesIO()
        remaining = size
        while remaining > 0:
            chunk = read(self._handle, remaining)
            if not chunk:  # the bug: no "if remaining == size: raise EOFError"
                raise OSError("got end of file during message")
            buf.write(chunk)
            remaining -= len(chunk)
        return buf


get_context, get_all_start_methods = mutant(Pipe=pipe_of(EofIsErrorConnection))
KILLS = {
    "test_pipe.py::test_recv_after_peer_closed_raises_eof": violated("raised-other"),
}
