"""Bug: recv_bytes(maxlength) peeks at the length header (so that a message too long is refused
without consuming anything), then reads header and body together and returns them both: the
message arrives with its 4-byte header in front.  The real recv_bytes(maxlength) returns the
message's bytes only."""

import os
import socket
import struct

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class PeekingConnection(connection.Connection):
    def _peek(self, size):
        sock = socket.socket(fileno=os.dup(self._handle))  # Pipe() ends are sockets on POSIX
        try:
            return sock.recv(size, socket.MSG_PEEK)
        finally:
            sock.close()

    def _recv_bytes(self, maxsize=None):
        if maxsize is None:
            return super()._recv_bytes()
        header = self._peek(4)
        if len(header) < 4:
            return super()._recv_bytes(maxsize)
        (size,) = struct.unpack("!i", header)
        if size > maxsize:
            return None
        return self._recv(4 + size)  # the bug: the peeked header is read and kept with the body


get_context, get_all_start_methods = mutant(Pipe=pipe_of(PeekingConnection))
KILLS = {
    "test_pipe.py::test_recv_bytes_longer_than_maxlength_raises": violated("altered"),
}
