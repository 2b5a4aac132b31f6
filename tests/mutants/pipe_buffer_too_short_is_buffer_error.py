"""Bug: recv_bytes_into() with too little room raises the builtin BufferError (mistaken for
multiprocessing's BufferTooShort) instead of BufferTooShort carrying the whole message."""

from multiprocessing import BufferTooShort, connection

from tests.mutants.base import mutant, pipe_of, violated


class BufferErrorConnection(connection.Connection):
    def recv_bytes_into(self, buf, offset=0):
        try:
            return super().recv_bytes_into(buf, offset)
        except BufferTooShort as exc:
            raise BufferError(*exc.args) from None  # the bug: the wrong exception class


get_context, get_all_start_methods = mutant(Pipe=pipe_of(BufferErrorConnection))
KILLS = {
    "test_pipe.py::test_too_short_buffer_raises_buffer_too_short_with_whole_message":
        violated("raised-other"),
}
