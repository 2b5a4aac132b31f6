"""Bug: when recv_bytes(maxlength) refuses a longer message it raises OSError but leaves the
connection readable, the refused message's body still in the pipe: the next recv_bytes() reads
that body as a length header and waits for a message that long.  The real Connection stops
being readable (a one-way end is closed) so later receives raise OSError."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class StillReadableConnection(connection.Connection):
    def _bad_message_length(self):
        raise OSError("bad message length")  # the bug: the connection is not made unreadable


get_context, get_all_start_methods = mutant(Pipe=pipe_of(StillReadableConnection))
KILLS = {
    "test_pipe.py::test_recv_bytes_longer_than_maxlength_raises": violated("blocked"),
}
