"""Bug: send_bytes(buffer, offset, size) streams the message: it writes the length header for the
requested slice first and checks offset and size against the buffer only when it comes to
slicing it, so a refused call (ValueError) has already sent a header.  The real send_bytes
checks offset and size before it writes anything."""

import struct

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class StreamingConnection(connection.Connection):
    def send_bytes(self, buf, offset=0, size=None):
        self._check_closed()
        self._check_writable()
        m = memoryview(buf).cast("B")
        n = m.nbytes
        if size is None:
            size = n - offset
        self._send(struct.pack("!i", size))  # the bug: written before the checks below
        if offset < 0:
            raise ValueError("offset is negative")
        if n < offset:
            raise ValueError("buffer length < offset")
        if size < 0:
            raise ValueError("size is negative")
        if offset + size > n:
            raise ValueError("buffer length < offset + size")
        self._send(m[offset:offset + size])


get_context, get_all_start_methods = mutant(Pipe=pipe_of(StreamingConnection))
KILLS = {
    "test_pipe.py::test_send_bytes_sends_the_slice_or_rejects_it": violated("sent-anyway"),
}
