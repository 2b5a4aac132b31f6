"""Bug: send_bytes(buffer, offset, size) takes ``size`` for the end index of the slice: it sends
``buffer[offset:size]`` instead of ``buffer[offset:offset + size]`` (the same only when offset
is 0).  Offset and size are checked as the real send_bytes checks them."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class SizeAsEndConnection(connection.Connection):
    def send_bytes(self, buf, offset=0, size=None):
        self._check_closed()
        self._check_writable()
        m = memoryview(buf).cast("B")
        n = m.nbytes
        if offset < 0:
            raise ValueError("offset is negative")
        if n < offset:
            raise ValueError("buffer length < offset")
        if size is None:
            size = n - offset
        elif size < 0:
            raise ValueError("size is negative")
        elif offset + size > n:
            raise ValueError("buffer length < offset + size")
        self._send_bytes(m[offset:size])  # the bug: size taken as the end index


get_context, get_all_start_methods = mutant(Pipe=pipe_of(SizeAsEndConnection))
KILLS = {
    "test_pipe.py::test_send_bytes_sends_the_slice_or_rejects_it": violated("wrong-slice"),
}
