"""Bug: send_bytes(buffer, offset, size) with an offset or size that is negative or reaches past
the buffer raises IndexError ("out of range", as indexing does) instead of ValueError."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class IndexCheckingConnection(connection.Connection):
    def send_bytes(self, buf, offset=0, size=None):
        self._check_closed()
        self._check_writable()
        m = memoryview(buf).cast("B")
        n = m.nbytes
        if size is None:
            size = n - offset
        if not (0 <= offset <= n and 0 <= size and offset + size <= n):
            raise IndexError("offset or size out of range")  # the bug: not ValueError
        self._send_bytes(m[offset:offset + size])


get_context, get_all_start_methods = mutant(Pipe=pipe_of(IndexCheckingConnection))
KILLS = {
    "test_pipe.py::test_send_bytes_sends_the_slice_or_rejects_it": violated("raised-other"),
}
