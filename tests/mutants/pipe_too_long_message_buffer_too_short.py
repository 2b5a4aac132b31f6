"""Bug: recv_bytes(maxlength) of a longer message raises BufferTooShort, as recv_bytes_into()
does for a buffer too small, instead of OSError("bad message length")."""

from multiprocessing import BufferTooShort, connection

from tests.mutants.base import mutant, pipe_of, violated


class TooShortConnection(connection.Connection):
    def _bad_message_length(self):
        if self._writable:
            self._readable = False
        else:
            self.close()
        raise BufferTooShort("message longer than maxlength")  # the bug: not OSError


get_context, get_all_start_methods = mutant(Pipe=pipe_of(TooShortConnection))
KILLS = {
    "test_pipe.py::test_recv_bytes_longer_than_maxlength_raises": violated("raised-other"),
}
