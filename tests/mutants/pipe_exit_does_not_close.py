"""Bug: ``__exit__`` names ``self.close`` without calling it, so leaving a ``with`` block
leaves the connection open; the real Connection's ``__exit__`` calls ``close()``."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class UnclosedConnection(connection.Connection):
    def __exit__(self, exc_type, exc_value, exc_tb):
        self.close  # the bug: the parentheses are missing  # noqa: B018


get_context, get_all_start_methods = mutant(Pipe=pipe_of(UnclosedConnection))
KILLS = {
    "test_pipe.py::test_closed_connection_refuses_use": violated("left-open"),
}
