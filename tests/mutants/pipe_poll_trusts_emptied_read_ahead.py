"""Bug: the connection reads ahead (as much as is waiting, into its own buffer) and poll()
says data is waiting whenever that buffer exists — even once it has been emptied: after the
first message is received, poll() says True with nothing left to read (a receiver finds data
"left over" after the last message).  The real Connection reads no further than the message,
and poll() reports only data really waiting."""

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
        if self._ahead is not None:  # the bug: should be "if self._ahead:" (bytes in it)
            return True
        return bool(connection.wait([self], timeout))


get_context, get_all_start_methods = mutant(Pipe=pipe_of(ReadAheadConnection))
KILLS = {
    "test_pipe.py::test_messages_cross_processes_intact_with_boundaries": violated("extra"),
    "test_pipe.py::test_one_way_pipe_refuses_the_wrong_direction": violated("left-over"),
    "test_pipe.py::test_recv_bytes_longer_than_maxlength_raises": violated("left-over"),
    "test_pipe.py::test_send_of_unpicklable_raises_and_sends_nothing": violated("left-over"),
}
