"""Bug: using a closed connection raises ValueError("I/O operation on closed connection"), as a
closed file object does, instead of OSError("handle is closed")."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class FileLikeClosedConnection(connection.Connection):
    def _check_closed(self):
        if self._handle is None:
            raise ValueError("I/O operation on closed connection")  # the bug: not OSError


get_context, get_all_start_methods = mutant(Pipe=pipe_of(FileLikeClosedConnection))
KILLS = {
    "test_pipe.py::test_closed_connection_refuses_use": violated("raised-other"),
}
